import Foundation

/// The arithmetic of a token bucket: `capacity` requests at once, refilled evenly over
/// `refillPeriod`. A value type; whoever keeps buckets decides where they live.
public struct TokenBucket: Sendable, Equatable {
    /// The most tokens the bucket holds, and the `RateLimit-Limit` it advertises.
    public let capacity: Int
    /// How long an empty bucket takes to fill.
    public let refillPeriod: TimeInterval
    private var tokens: Double
    private var updatedAt: Date

    /// A full bucket.
    public init(capacity: Int, refillPeriod: TimeInterval, now: Date) {
        precondition(capacity > 0 && refillPeriod > 0, "a token bucket needs capacity and time")
        self.capacity = capacity
        self.refillPeriod = refillPeriod
        self.tokens = Double(capacity)
        self.updatedAt = now
    }

    /// What one request learns from the bucket.
    public struct Decision: Sendable, Equatable {
        /// Whether the request may proceed.
        public let allowed: Bool
        /// Whole tokens left after this request.
        public let remaining: Int
        /// Seconds until the bucket is full again (`RateLimit-Reset`).
        public let resetSeconds: Int
        /// Seconds until a refused request may succeed (`Retry-After`); 0 when allowed.
        public let retryAfterSeconds: Int
    }

    /// Takes one token if there is one.
    public mutating func take(now: Date) -> Decision {
        refill(now: now)
        let allowed = tokens >= 1
        if allowed { tokens -= 1 }
        let perToken = refillPeriod / Double(capacity)
        let missing = Double(capacity) - tokens
        return Decision(
            allowed: allowed,
            remaining: Int(tokens.rounded(.down)),
            resetSeconds: Int((missing * perToken).rounded(.up)),
            retryAfterSeconds: allowed ? 0 : max(1, Int(((1 - tokens) * perToken).rounded(.up))))
    }

    /// Whether the bucket has refilled completely: such a bucket can be forgotten, since a
    /// new one would behave the same.
    public func isFull(now: Date) -> Bool {
        var copy = self
        copy.refill(now: now)
        return copy.tokens >= Double(capacity)
    }

    private mutating func refill(now: Date) {
        let elapsed = max(0, now.timeIntervalSince(updatedAt))
        tokens = min(Double(capacity), tokens + elapsed * Double(capacity) / refillPeriod)
        updatedAt = now
    }
}
