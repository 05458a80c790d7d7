import AsyncHTTPClient
import Foundation
import NIOHTTP1

/// OpenAI's Chat Completions API, streamed: `POST /v1/chat/completions` with `stream: true`
/// and `stream_options.include_usage`, so the last chunk before `data: [DONE]` carries the
/// usage (a stream without it would otherwise count as free).
public struct OpenAIChat: LanguageModel {
    public let provider = ProviderKind.openAI
    public let endpoint: ProviderEndpoint
    private let http: HTTPClient

    public var model: String { endpoint.model }

    public init(endpoint: ProviderEndpoint, http: HTTPClient = .languageModels) {
        self.endpoint = endpoint
        self.http = http
    }

    public func complete(_ prompt: Prompt, onText: @escaping @Sendable (String) async -> Void) async throws -> LanguageModelAnswer {
        var body: [String: Any] = [
            "model": endpoint.model, "stream": true, "stream_options": ["include_usage": true],
            "max_completion_tokens": prompt.maxOutputTokens,
            "messages": [["role": "system", "content": prompt.system], ["role": "user", "content": prompt.user]],
        ]
        if prompt.expectsJSON { body["response_format"] = ["type": "json_object"] }
        return try await ProviderStream.call(
            Reader.self, provider: provider, endpoint: endpoint, path: "/v1/chat/completions",
            headers: ["Authorization": "Bearer \(endpoint.apiKey)"],
            body: try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]), prompt: prompt, http: http,
            onText: onText)
    }

    /// `data:` chunks of `choices[].delta.content`, a last chunk with `usage`, then `[DONE]`.
    struct Reader: StreamReader {
        private(set) var isComplete = false
        private(set) var usage: TokenUsage?
        private(set) var model: String?

        private struct Chunk: Decodable {
            struct Choice: Decodable {
                struct Delta: Decodable { let content: String? }
                let delta: Delta?
            }
            struct Usage: Decodable {
                let promptTokens: Int
                let completionTokens: Int
            }
            struct Failure: Decodable { let message: String? }
            let model: String?
            let choices: [Choice]?
            let usage: Usage?
            let error: Failure?
        }

        mutating func read(_ event: ServerSentEvent, provider: ProviderKind) throws -> String? {
            if event.data == "[DONE]" {
                isComplete = true
                return nil
            }
            let chunk = try decodeEvent(Chunk.self, event, provider: provider)
            if let error = chunk.error { throw ProviderFailure(provider, .streamCut, error.message ?? "an error in the stream") }
            model = chunk.model ?? model
            if let reported = chunk.usage { usage = TokenUsage(input: reported.promptTokens, output: reported.completionTokens) }
            return chunk.choices?.compactMap { $0.delta?.content }.joined()
        }
    }
}
