/// Why a provider did not answer, and whether asking again may help.
public struct ProviderFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// The provider refused the request with this HTTP status.
        case status(Int)
        /// No answer, or no first byte, in time.
        case timeout
        /// The connection failed before an answer began.
        case connection
        /// The stream ended before the provider said it was complete.
        case streamCut
        /// The provider sent what its format does not allow (or an error inside the stream).
        case malformed
        /// Not called: the call could cost more than the budget has left.
        case overBudget
    }

    public let provider: ProviderKind
    public let reason: Reason
    /// What the provider said, cut short; never the request or a key.
    public let message: String
    /// The wait the provider asked for (`Retry-After`), when it asked.
    public let retryAfter: Duration?

    public init(_ provider: ProviderKind, _ reason: Reason, _ message: String, retryAfter: Duration? = nil) {
        self.provider = provider
        self.reason = reason
        self.message = String(message.prefix(300))
        self.retryAfter = retryAfter
    }

    /// Whether the same request may succeed later: throttling (429), a server failure
    /// (500, 502, 503, 504), Anthropic's overload (529), a timeout, a lost connection or a cut
    /// stream. A refused key (401, 403) or request (400, 404, 422) will fail again.
    public var isRetryable: Bool {
        switch reason {
        case .status(let code): [408, 429, 500, 502, 503, 504, 529].contains(code)
        case .timeout, .connection, .streamCut: true
        case .malformed, .overBudget: false
        }
    }

    /// Whether an admin must fix something: the provider refused the key or the request
    /// (a 4xx other than throttling), which will not pass by itself.
    public var needsAttention: Bool {
        if case .status(let code) = reason { return (400..<500).contains(code) && ![408, 429].contains(code) }
        return false
    }

    /// What went wrong, in a few words: `HTTP 503`, `timed out`, `over the budget`.
    public var cause: String {
        switch reason {
        case .status(let code): "HTTP \(code)"
        case .timeout: "timed out"
        case .connection: "connection failed"
        case .streamCut: "stream cut"
        case .malformed: "malformed answer"
        case .overBudget: "over the budget"
        }
    }

    public var description: String {
        "\(provider.rawValue): \(cause)" + (message.isEmpty ? "" : ": \(message)")
    }
}
