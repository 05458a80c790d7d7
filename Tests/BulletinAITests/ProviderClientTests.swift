import BulletinAIFakes
import Foundation
import HTTPTypes
import Synchronization
import Testing

@testable import BulletinAI

@Suite("Language-model providers")
struct ProviderClientTests {
    static let prompt = Prompt(system: "Write the summary.", user: "Facts: median price 42.", maxOutputTokens: 400, expectsJSON: true)

    static func models(_ base: String, model: String, key: String = FakeLanguageModels.key) -> [any LanguageModel] {
        [
            OpenAIChat(endpoint: ProviderEndpoint(baseURL: base, apiKey: key, model: model)),
            AnthropicMessages(endpoint: ProviderEndpoint(baseURL: base + "/", apiKey: key, model: model)),
            GeminiGenerate(endpoint: ProviderEndpoint(baseURL: base, apiKey: key, model: model)),
        ]
    }

    /// The pieces of text a call handed on, in order.
    final class Pieces: Sendable {
        private let pieces = Mutex<[String]>([])
        var all: [String] { pieces.withLock { $0 } }
        func append(_ piece: String) { pieces.withLock { $0.append(piece) } }
    }

    @Test("each provider streams its text in pieces and reports the usage its stream carries")
    func streaming() async throws {
        try await FakeLanguageModels.run { base, fake in
            // The fake counts words (7 in the prompt, 3 more per call, 6 in the answer), not
            // the client's own estimate: what is read here came from the stream.
            let expected = TokenUsage(input: 10, output: 6)
            for model in Self.models(base, model: "writer") {
                let pieces = Pieces()
                let answer = try await model.complete(Self.prompt) { pieces.append($0) }
                #expect(answer.text == "The median price is 42 euros.", "\(model.provider)")
                #expect(pieces.all == FakeLanguageModels.pieces, "\(model.provider)")
                #expect(answer.usage == expected, "\(model.provider)")
                #expect(answer.provider == model.provider)
            }
            #expect(
                fake.requests.map(\.path) == [
                    "/v1/chat/completions", "/v1/messages", "/v1beta/models/writer:streamGenerateContent?alt=sse",
                ])
            let openAI = try #require(try JSONSerialization.jsonObject(with: fake.requests[0].body) as? [String: Any])
            #expect(openAI["stream"] as? Bool == true && (openAI["stream_options"] as? [String: Bool])?["include_usage"] == true)
            #expect((openAI["response_format"] as? [String: String])?["type"] == "json_object")
            #expect((openAI["messages"] as? [[String: String]])?.map { $0["role"] } == ["system", "user"])
            let anthropic = try #require(try JSONSerialization.jsonObject(with: fake.requests[1].body) as? [String: Any])
            #expect(anthropic["system"] as? String == Self.prompt.system && anthropic["max_tokens"] as? Int == 400)
            #expect(fake.requests[1].headers[HTTPField.Name("anthropic-version")!] == AnthropicMessages.version)
            let gemini = try #require(try JSONSerialization.jsonObject(with: fake.requests[2].body) as? [String: Any])
            #expect((gemini["generationConfig"] as? [String: Any])?["responseMimeType"] as? String == "application/json")
        }
    }

    @Test("throttling and overload are retryable failures carrying Retry-After; a wrong key is not, and is never repeated back")
    func refusals() async throws {
        try await FakeLanguageModels.run { base, _ in
            for model in Self.models(base, model: "throttled") {
                let failure = try await Self.failure(of: model)
                #expect(failure.reason == .status(429) && failure.isRetryable && failure.retryAfter == .seconds(7))
                #expect(failure.message == "Rate limit reached.")
            }
            for model in Self.models(base, model: "overloaded") {
                let failure = try await Self.failure(of: model)
                #expect(failure.reason == .status(529) && failure.isRetryable)
            }
            for model in Self.models(base, model: "writer", key: "sk-wrong-secret-key") {
                let failure = try await Self.failure(of: model)
                #expect(failure.reason == .status(401) && !failure.isRetryable)
                #expect(!failure.description.contains("sk-wrong-secret-key"))
            }
        }
    }

    @Test("a stream cut half-way, an event that is not JSON, and a stream without usage")
    func brokenStreams() async throws {
        try await FakeLanguageModels.run { base, _ in
            for model in Self.models(base, model: "cut") {
                let failure = try await Self.failure(of: model)
                #expect(failure.reason == .streamCut && failure.isRetryable, "\(model.provider)")
            }
            for model in Self.models(base, model: "malformed") {
                let failure = try await Self.failure(of: model)
                #expect(failure.reason == .malformed && !failure.isRetryable, "\(model.provider)")
            }
            for model in Self.models(base, model: "silent") {
                let answer = try await model.complete(Self.prompt) { _ in }
                // Counted from the text rather than as free.
                #expect(answer.usage.input > 0 && answer.usage.output > 0, "\(model.provider)")
            }
        }
    }

    @Test("a slow provider times out, and a cancelled call stops reading its stream")
    func timeoutAndCancellation() async throws {
        try await FakeLanguageModels.run { base, _ in
            let slow = OpenAIChat(
                endpoint: ProviderEndpoint(baseURL: base, apiKey: FakeLanguageModels.key, model: "endless", timeout: .seconds(1)))
            let failure = try await Self.failure(of: slow)
            #expect(failure.reason == .timeout && failure.isRetryable)

            let pieces = Pieces()
            let endless = AnthropicMessages(endpoint: ProviderEndpoint(baseURL: base, apiKey: FakeLanguageModels.key, model: "endless"))
            let call = Task { try await endless.complete(Self.prompt) { pieces.append($0) } }
            try await Task.sleep(for: .milliseconds(200))
            call.cancel()
            await #expect(throws: CancellationError.self) { try await call.value }
            #expect(pieces.all.count < 500)
        }
    }

    @Test("a first byte slower than the call may take is a retryable timeout, for every provider")
    func slowFirstByte() async throws {
        try await FakeLanguageModels.run(pace: .init(firstToken: .seconds(3))) { base, _ in
            for model in [
                OpenAIChat(endpoint: ProviderEndpoint(baseURL: base, apiKey: FakeLanguageModels.key, model: "writer", timeout: .seconds(1)))
                    as any LanguageModel,
                AnthropicMessages(
                    endpoint: ProviderEndpoint(baseURL: base, apiKey: FakeLanguageModels.key, model: "writer", timeout: .seconds(1))),
                GeminiGenerate(
                    endpoint: ProviderEndpoint(baseURL: base, apiKey: FakeLanguageModels.key, model: "writer", timeout: .seconds(1))),
            ] {
                let failure = try await Self.failure(of: model)
                #expect(failure.reason == .timeout && failure.isRetryable, "\(model.provider)")
            }
        }
    }

    static func failure(of model: any LanguageModel) async throws -> ProviderFailure {
        do {
            _ = try await model.complete(prompt) { _ in }
        } catch let failure as ProviderFailure {
            return failure
        }
        Issue.record("\(model.provider) answered where it should have failed")
        return ProviderFailure(model.provider, .malformed, "")
    }
}
