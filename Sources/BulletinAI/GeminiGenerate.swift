import AsyncHTTPClient
import Foundation
import NIOHTTP1

/// Google's Gemini API, streamed: `POST /v1beta/models/MODEL:streamGenerateContent?alt=sse`
/// with `x-goog-api-key`. Each chunk carries text parts and the usage so far
/// (`usageMetadata`); the last has a `finishReason`, and the connection closes after it.
public struct GeminiGenerate: LanguageModel {
    public let provider = ProviderKind.gemini
    public let endpoint: ProviderEndpoint
    private let http: HTTPClient

    public var model: String { endpoint.model }

    public init(endpoint: ProviderEndpoint, http: HTTPClient = .languageModels) {
        self.endpoint = endpoint
        self.http = http
    }

    public func complete(_ prompt: Prompt, onText: @escaping @Sendable (String) async -> Void) async throws -> LanguageModelAnswer {
        var configuration: [String: Any] = ["maxOutputTokens": prompt.maxOutputTokens]
        if prompt.expectsJSON { configuration["responseMimeType"] = "application/json" }
        let body: [String: Any] = [
            "systemInstruction": ["parts": [["text": prompt.system]]],
            "contents": [["role": "user", "parts": [["text": prompt.user]]]], "generationConfig": configuration,
        ]
        let model = endpoint.model.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? endpoint.model
        return try await ProviderStream.call(
            Reader.self, provider: provider, endpoint: endpoint, path: "/v1beta/models/\(model):streamGenerateContent?alt=sse",
            headers: ["x-goog-api-key": endpoint.apiKey],
            body: try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]), prompt: prompt, http: http,
            onText: onText)
    }

    struct Reader: StreamReader {
        private(set) var isComplete = false
        private(set) var usage: TokenUsage?
        private(set) var model: String?

        private struct Chunk: Decodable {
            struct Candidate: Decodable {
                struct Content: Decodable {
                    struct Part: Decodable { let text: String? }
                    let parts: [Part]?
                }
                let content: Content?
                let finishReason: String?
            }
            struct Usage: Decodable {
                let promptTokenCount: Int?
                let candidatesTokenCount: Int?
            }
            struct Failure: Decodable { let message: String? }
            let candidates: [Candidate]?
            let usageMetadata: Usage?
            let modelVersion: String?
            let error: Failure?
        }

        mutating func read(_ event: ServerSentEvent, provider: ProviderKind) throws -> String? {
            let chunk = try decodeEvent(Chunk.self, event, provider: provider)
            if let error = chunk.error { throw ProviderFailure(provider, .streamCut, error.message ?? "an error in the stream") }
            model = chunk.modelVersion ?? model
            if let reported = chunk.usageMetadata, let input = reported.promptTokenCount {
                usage = TokenUsage(input: input, output: reported.candidatesTokenCount ?? 0)
            }
            let candidate = chunk.candidates?.first
            if candidate?.finishReason != nil { isComplete = true }
            return candidate?.content?.parts?.compactMap(\.text).joined()
        }
    }
}
