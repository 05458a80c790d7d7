import BulletinCore

/// When ``BulletinClient`` sends a request again, and how long it waits first.
///
/// The wait before a retry grows by ``backoff`` (doubling, capped, jittered). A `Retry-After`
/// from the server replaces it; one longer than
/// ``longestRetryAfter`` ends the retries, and the answer is returned as it is.
public struct RetryPolicy: Sendable {
    /// How many times a request is sent at most, the first included (1: never retried).
    public var maximumAttempts: Int
    /// The waits between attempts.
    public var backoff: Backoff
    /// The longest `Retry-After` honoured.
    public var longestRetryAfter: Duration
    /// How the client waits (replaceable, so that a test can record the waits instead).
    public var sleep: @Sendable (Duration) async throws -> Void

    /// The statuses that are worth another attempt: the request timed out, was throttled, or
    /// met a server or gateway failure that may pass.
    public static let retriedStatuses: Set<Int> = [408, 429, 500, 502, 503, 504]

    /// Creates a policy. Defaults: 4 attempts, waits from 200 ms up to 10 s, `Retry-After`
    /// honoured up to 60 s.
    public init(
        maximumAttempts: Int = 4, initialDelay: Duration = .milliseconds(200), maximumDelay: Duration = .seconds(10),
        longestRetryAfter: Duration = .seconds(60),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.backoff = .clientRetries(first: initialDelay, maximum: maximumDelay)
        self.longestRetryAfter = longestRetryAfter
        self.sleep = sleep
    }

    /// Never retries.
    public static let never = RetryPolicy(maximumAttempts: 1)
}
