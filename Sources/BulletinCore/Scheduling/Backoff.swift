import Foundation

/// How long to wait before retrying a failed attempt: exponential, capped, with jitter so
/// that jobs failing together do not retry together.
///
/// The wait after attempt *n* is `initial × factor^(n−1)`, at most `maximum`, then moved by up
/// to ±`jitter` of itself. With the defaults: about 1 s, 2 s, 4 s … up to an hour.
public struct Backoff: Sendable, Hashable {
    public var initial: Duration
    public var factor: Double
    public var maximum: Duration
    /// The fraction, 0 to 1, by which a wait may move either way.
    public var jitter: Double

    /// Creates a back-off. Defaults to 1 s doubling up to 1 h, with 10 % jitter.
    public init(initial: Duration = .seconds(1), factor: Double = 2, maximum: Duration = .seconds(3600), jitter: Double = 0.1) {
        self.initial = initial
        self.factor = max(1, factor)
        self.maximum = maximum
        self.jitter = min(max(jitter, 0), 1)
    }

    /// The wait after a failed attempt.
    ///
    /// - Parameters:
    ///   - attempt: The attempt that failed, from 1.
    ///   - random: A number in 0..<1 choosing the jitter; 0.5 gives the wait without jitter.
    public func delay(afterAttempt attempt: Int, random: Double) -> Duration {
        let initialSeconds = initial.timeInterval
        let maximumSeconds = maximum.timeInterval
        let exponent = Double(max(attempt, 1) - 1)
        let base = min(maximumSeconds, initialSeconds * pow(factor, min(exponent, 1024)))
        let moved = base * (1 + jitter * (2 * min(max(random, 0), 1) - 1))
        return .milliseconds(Int64((max(0, moved) * 1000).rounded()))
    }
}

extension Backoff {
    /// Waits for a client retrying a request: doubling from `first` up to `maximum`, of which a
    /// random part up to half is taken off, so retry *n* waits between half and all of
    /// `first × 2ⁿ⁻¹` (capped). That is this back-off from ¾ of each, moved by up to ⅓.
    public static func clientRetries(first: Duration, maximum: Duration) -> Backoff {
        Backoff(initial: first * 0.75, factor: 2, maximum: maximum * 0.75, jitter: 1.0 / 3)
    }
}
