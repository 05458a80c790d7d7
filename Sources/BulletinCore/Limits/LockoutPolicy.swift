import Foundation

/// When repeated failures (bad passwords, unknown refresh tokens) lock a key out, and for
/// how long: after `threshold` failures each further one doubles the lockout, up to `maximum`.
/// Failures older than `memory` are forgotten.
public struct LockoutPolicy: Sendable, Equatable {
    /// Failures allowed before the first lockout.
    public let threshold: Int
    /// The first lockout's length.
    public let base: TimeInterval
    /// The longest lockout.
    public let maximum: TimeInterval
    /// How long a failure counts when no lockout follows it.
    public let memory: TimeInterval
    /// Whether a success wipes the slate clean (an account, once its owner proves the
    /// password) or only takes back its own attempt (an address shared by many people).
    public let forgetsOnSuccess: Bool

    /// Creates a policy.
    public init(threshold: Int, base: TimeInterval, maximum: TimeInterval, memory: TimeInterval, forgetsOnSuccess: Bool) {
        self.threshold = threshold
        self.base = base
        self.maximum = maximum
        self.memory = memory
        self.forgetsOnSuccess = forgetsOnSuccess
    }

    /// Per account: five bad passwords, then 30 s, doubling to at most an hour.
    public static let account = LockoutPolicy(threshold: 5, base: 30, maximum: 3600, memory: 3600, forgetsOnSuccess: true)
    /// Per client address: twenty failures, then a minute, doubling to at most an hour.
    public static let address = LockoutPolicy(threshold: 20, base: 60, maximum: 3600, memory: 3600, forgetsOnSuccess: false)

    /// The failure count to start from, given the last one recorded.
    public func failuresStillCounted(_ failures: Int, lastFailureAt: Date, now: Date) -> Int {
        now.timeIntervalSince(lastFailureAt) > memory ? 0 : failures
    }

    /// How long the key is locked after its `failures`-th failure, or `nil` when not yet.
    public func lockout(afterFailures failures: Int) -> TimeInterval? {
        guard failures >= threshold else { return nil }
        let doublings = min(failures - threshold, 30)
        return min(maximum, base * pow(2, Double(doublings)))
    }
}
