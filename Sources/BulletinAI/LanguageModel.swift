import Foundation

/// The language-model providers Bulletin speaks to, each in its own wire format.
public enum ProviderKind: String, Sendable, CaseIterable, Codable {
    case openAI = "openai"
    case anthropic
    case gemini
}

/// What a model is asked: instructions, the request, and how long the answer may be.
public struct Prompt: Sendable, Hashable {
    /// The instructions (a system message).
    public var system: String
    /// The request itself (a user message).
    public var user: String
    /// The most tokens the answer may take; the budget reserves this many.
    public var maxOutputTokens: Int
    /// Whether the answer must be one JSON object (the providers' JSON modes).
    public var expectsJSON: Bool

    public init(system: String, user: String, maxOutputTokens: Int, expectsJSON: Bool = false) {
        self.system = system
        self.user = user
        self.maxOutputTokens = maxOutputTokens
        self.expectsJSON = expectsJSON
    }
}

/// Tokens a call used, as the provider counted them.
public struct TokenUsage: Sendable, Hashable, Codable {
    public var input: Int
    public var output: Int

    public init(input: Int, output: Int) {
        self.input = input
        self.output = output
    }
}

/// A whole answer: its text, what it cost in tokens, and which model wrote it.
public struct LanguageModelAnswer: Sendable, Hashable {
    public let provider: ProviderKind
    /// The model that answered, as the provider named it (it may name a dated version).
    public let model: String
    public let text: String
    /// Read from the stream itself: a streamed call is never counted as free.
    public let usage: TokenUsage

    public init(provider: ProviderKind, model: String, text: String, usage: TokenUsage) {
        self.provider = provider
        self.model = model
        self.text = text
        self.usage = usage
    }
}

/// A model behind a provider's API, answering as a stream.
public protocol LanguageModel: Sendable {
    var provider: ProviderKind { get }
    /// The model asked for, such as `gpt-4o-mini`.
    var model: String { get }

    /// Asks the model; `onText` gets each piece of text as it arrives.
    /// - Throws: ``ProviderFailure``; `CancellationError` when the task is cancelled (the
    ///   connection is closed with it).
    func complete(_ prompt: Prompt, onText: @escaping @Sendable (String) async -> Void) async throws -> LanguageModelAnswer
}
