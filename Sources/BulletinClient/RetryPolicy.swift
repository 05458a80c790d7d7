import Foundation

/// When ``BulletinClient`` sends a request again, and how long it waits first.
///
/// The wait before retry *n* (from 1) is `initialDelay × 2ⁿ⁻¹`, at most ``maximumDelay``, of
/// which a random half is taken off (jitter, so that many clients refused together do not
/// come back together). A `Retry-After` from the server replaces it; one longer than
/// ``longestRetryAfter`` ends the retries, and the answer is returned as it is.
public struct RetryPolicy: Sendable {
    /// How many times a request is sent at most, the first included (1: never retried).
    public var maximumAttempts: Int
    /// The wait before the first retry, before jitter.
    public var initialDelay: Duration
    /// The longest wait between attempts, before jitter.
    public var maximumDelay: Duration
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
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.longestRetryAfter = longestRetryAfter
        self.sleep = sleep
    }

    /// Never retries.
    public static let never = RetryPolicy(maximumAttempts: 1)

    /// The wait before retry `retry` (1 for the first), jittered by `random` (0 to 1).
    func backoff(retry: Int, random: Double = .random(in: 0...1)) -> Duration {
        let exponent = min(max(retry - 1, 0), 30)
        let grown = min(initialDelay * (1 << exponent), maximumDelay)
        return grown / 2 + grown / 2 * random
    }

    /// The wait a `Retry-After` value asks for: delay-seconds or an HTTP date (RFC 9110
    /// §10.2.3); `nil` when it is neither.
    static func retryAfter(_ value: String, now: Date = Date()) -> Duration? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed), seconds >= 0 { return .seconds(seconds) }
        guard let date = httpDate(trimmed) else { return nil }
        return .milliseconds(max(0, Int((date.timeIntervalSince(now) * 1000).rounded(.up))))
    }

    private static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.date(from: text)
    }
}
