import BulletinCore
import Foundation
import Testing

@Suite("Rate-limit arithmetic")
struct LimitsTests {
    @Test("a token bucket allows its capacity, then refills evenly")
    func tokenBucket() {
        let start = Date(timeIntervalSince1970: 1_000_000)
        var bucket = TokenBucket(capacity: 6, refillPeriod: 60, now: start)
        let decisions = (0..<7).map { _ in bucket.take(now: start) }
        #expect(decisions.prefix(6).allSatisfy { $0.allowed })
        #expect(decisions.map { $0.remaining } == [5, 4, 3, 2, 1, 0, 0])
        #expect(decisions[5].resetSeconds == 60)
        let refused = decisions[6]
        #expect(!refused.allowed && refused.retryAfterSeconds == 10)
        // One token every 10 s.
        #expect(!bucket.take(now: start.addingTimeInterval(9)).allowed)
        #expect(bucket.take(now: start.addingTimeInterval(10)).allowed)
        #expect(!bucket.isFull(now: start.addingTimeInterval(59)))
        #expect(bucket.isFull(now: start.addingTimeInterval(70)))
        // A clock that steps back does not mint tokens.
        #expect(!bucket.take(now: start).allowed)
    }

    @Test("lockouts start at the threshold, double, and stop at the maximum")
    func lockout() {
        let policy = LockoutPolicy(threshold: 3, base: 30, maximum: 100, memory: 3600, forgetsOnSuccess: true)
        #expect(policy.lockout(afterFailures: 2) == nil)
        #expect(policy.lockout(afterFailures: 3) == 30)
        #expect(policy.lockout(afterFailures: 4) == 60)
        #expect(policy.lockout(afterFailures: 5) == 100)
        #expect(policy.lockout(afterFailures: 500) == 100)
        let last = Date(timeIntervalSince1970: 0)
        #expect(policy.failuresStillCounted(4, lastFailureAt: last, now: last.addingTimeInterval(3600)) == 4)
        #expect(policy.failuresStillCounted(4, lastFailureAt: last, now: last.addingTimeInterval(3601)) == 0)
    }
}
