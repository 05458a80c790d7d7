/// Where a provider is reached, with which key and model, and how long a call may take.
public struct ProviderEndpoint: Sendable {
    /// The API's origin, such as `https://api.openai.com` (tests point it at a local fake).
    public var baseURL: String
    /// Sent as the provider wants it (a bearer token, `x-api-key`, `x-goog-api-key`); never logged.
    public var apiKey: String
    public var model: String
    /// The longest a whole call may take, streaming included.
    public var timeout: Duration

    public init(baseURL: String, apiKey: String, model: String, timeout: Duration = .seconds(120)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.apiKey = apiKey
        self.model = model
        self.timeout = timeout
    }
}
