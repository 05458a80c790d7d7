import BulletinCore
import Foundation
import Synchronization

/// A token bucket per key (a principal, or an anonymous client address), kept in this
/// node's memory: each node enforces the limit on the requests it serves.
///
/// The map is bounded: when it grows past ``maximumKeys``, buckets that have refilled
/// completely are dropped (a new bucket behaves the same), and if that is not enough, all are.
final class RateLimiter: Sendable {
    let capacity: Int
    let period: TimeInterval
    private let buckets = Mutex<[String: TokenBucket]>([:])
    static let maximumKeys = 100_000

    /// A limiter allowing `capacity` requests per `period` seconds per key.
    init(capacity: Int, period: TimeInterval) {
        self.capacity = capacity
        self.period = period
    }

    /// Takes a token from the key's bucket.
    func take(_ key: String, now: Date) -> TokenBucket.Decision {
        buckets.withLock { buckets in
            if buckets.count >= Self.maximumKeys, buckets[key] == nil {
                buckets = buckets.filter { !$0.value.isFull(now: now) }
                if buckets.count >= Self.maximumKeys { buckets.removeAll(keepingCapacity: true) }
            }
            var bucket = buckets[key] ?? TokenBucket(capacity: capacity, refillPeriod: period, now: now)
            let decision = bucket.take(now: now)
            buckets[key] = bucket
            return decision
        }
    }
}
