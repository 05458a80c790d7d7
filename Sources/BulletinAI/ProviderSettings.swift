/// An API key of a provider: used in requests, never shown whole (its description and debug
/// description are the last four characters), so a configuration or endpoint that is logged
/// or interpolated by mistake does not leak it.
public struct ProviderKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The key itself, for the request's header only.
    public let value: String

    public init(_ value: String) {
        self.value = value
    }

    /// `…` and the key's last four characters, as people are shown it.
    public var masked: String { "…" + value.suffix(4) }
    public var description: String { masked }
    public var debugDescription: String { masked }
}

/// How one provider is reached: its key (none: the provider is not used), base URL and model.
public struct ProviderSettings: Sendable, Hashable {
    public var apiKey: ProviderKey?
    public var baseURL: String
    public var model: String

    /// The provider's public API and a small, inexpensive model of its own, without a key.
    public init(_ kind: ProviderKind) {
        baseURL = kind.defaultBaseURL
        model = kind.defaultModel
    }
}

extension ProviderKind {
    /// Where the provider's API is on the internet.
    public var defaultBaseURL: String {
        switch self {
        case .openAI: "https://api.openai.com"
        case .anthropic: "https://api.anthropic.com"
        case .gemini: "https://generativelanguage.googleapis.com"
        }
    }

    /// The model asked when none is configured: each provider's small, inexpensive one.
    public var defaultModel: String {
        switch self {
        case .openAI: "gpt-4o-mini"
        case .anthropic: "claude-3-5-haiku-latest"
        case .gemini: "gemini-2.0-flash"
        }
    }

    /// The provider's name as people read it.
    public var displayName: String {
        switch self {
        case .openAI: "OpenAI"
        case .anthropic: "Anthropic"
        case .gemini: "Gemini"
        }
    }
}

/// The providers a report writer may use, in the order it tries them (default OpenAI, then
/// Anthropic, then Gemini); only those with a key take part.
public struct LanguageModelSettings: Sendable, Hashable {
    public var providers: [ProviderKind: ProviderSettings]
    public var order: [ProviderKind]

    /// Every provider at its defaults, none with a key.
    public init() {
        providers = Dictionary(uniqueKeysWithValues: ProviderKind.allCases.map { ($0, ProviderSettings($0)) })
        order = [.openAI, .anthropic, .gemini]
    }

    /// Whether any provider has a key: then new reports are written by language models.
    public var isConfigured: Bool { !usable.isEmpty }

    /// The providers with a key, in order.
    public var usable: [(kind: ProviderKind, settings: ProviderSettings, key: ProviderKey)] {
        order.compactMap { kind in
            guard let settings = providers[kind], let key = settings.apiKey else { return nil }
            return (kind, settings, key)
        }
    }

    public subscript(kind: ProviderKind) -> ProviderSettings {
        get { providers[kind] ?? ProviderSettings(kind) }
        set { providers[kind] = newValue }
    }
}

extension LanguageModelSettings {
    /// A client for each provider with a key, in order.
    public func models(timeout: Duration = .seconds(120)) -> [any LanguageModel] {
        usable.map { kind, settings, key in
            let endpoint = ProviderEndpoint(baseURL: settings.baseURL, apiKey: key.value, model: settings.model, timeout: timeout)
            return switch kind {
            case .openAI: OpenAIChat(endpoint: endpoint) as any LanguageModel
            case .anthropic: AnthropicMessages(endpoint: endpoint)
            case .gemini: GeminiGenerate(endpoint: endpoint)
            }
        }
    }
}
