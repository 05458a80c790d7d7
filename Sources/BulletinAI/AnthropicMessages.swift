import AsyncHTTPClient
import Foundation
import NIOHTTP1

/// Anthropic's Messages API, streamed: `POST /v1/messages` with `x-api-key` and
/// `anthropic-version`; `message_start` carries the input tokens, `content_block_delta` the
/// text, `message_delta` the output tokens so far, `message_stop` the end. An `error` event
/// (such as `overloaded_error`) ends the stream as a retryable failure.
public struct AnthropicMessages: LanguageModel {
    /// The API version this client speaks.
    public static let version = "2023-06-01"
    public let provider = ProviderKind.anthropic
    public let endpoint: ProviderEndpoint
    private let http: HTTPClient

    public var model: String { endpoint.model }

    public init(endpoint: ProviderEndpoint, http: HTTPClient = .languageModels) {
        self.endpoint = endpoint
        self.http = http
    }

    public func complete(_ prompt: Prompt, onText: @escaping @Sendable (String) async -> Void) async throws -> LanguageModelAnswer {
        // Anthropic has no JSON mode: the instructions ask for the object, and the caller checks it.
        let body: [String: Any] = [
            "model": endpoint.model, "stream": true, "max_tokens": prompt.maxOutputTokens, "system": prompt.system,
            "messages": [["role": "user", "content": prompt.user]],
        ]
        return try await ProviderStream.call(
            Reader.self, provider: provider, endpoint: endpoint, path: "/v1/messages",
            headers: ["x-api-key": endpoint.apiKey, "anthropic-version": Self.version],
            body: try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]), prompt: prompt, http: http,
            onText: onText)
    }

    struct Reader: StreamReader {
        private(set) var isComplete = false
        private(set) var model: String?
        private var input: Int?
        private var output: Int?

        var usage: TokenUsage? { input.map { TokenUsage(input: $0, output: output ?? 0) } }

        private struct Event: Decodable {
            struct Usage: Decodable {
                let inputTokens: Int?
                let outputTokens: Int?
            }
            struct Message: Decodable {
                let model: String?
                let usage: Usage?
            }
            struct Delta: Decodable { let text: String? }
            struct Failure: Decodable {
                let type: String?
                let message: String?
            }
            let type: String
            let message: Message?
            let delta: Delta?
            let usage: Usage?
            let error: Failure?
        }

        mutating func read(_ event: ServerSentEvent, provider: ProviderKind) throws -> String? {
            let decoded = try decodeEvent(Event.self, event, provider: provider)
            switch decoded.type {
            case "message_start":
                model = decoded.message?.model
                input = decoded.message?.usage?.inputTokens
                output = decoded.message?.usage?.outputTokens
            case "content_block_delta":
                return decoded.delta?.text
            case "message_delta":
                output = decoded.usage?.outputTokens ?? output
            case "message_stop":
                isComplete = true
            case "error":
                let failure = decoded.error
                throw ProviderFailure(
                    provider, failure?.type == "overloaded_error" ? .status(529) : .streamCut, failure?.message ?? "an error in the stream")
            default:
                break  // ping, content_block_start, content_block_stop
            }
            return nil
        }
    }
}
