import BulletinCore
import BulletinStore
import Testing

@testable import BulletinJobs

/// The worker's table of running jobs (timeouts kept by one watcher, shutdown) and its
/// claims in flight.
@Suite("Running jobs")
struct RunningJobsTests {
    static func claim(_ id: Int64) -> JobClaim { JobClaim(jobID: id, attempt: 1, worker: "w1") }

    @Test("the watcher stops the jobs whose time ran out and says when the next one's runs out")
    func overdue() throws {
        let running = RunningJobs()
        let start = ContinuousClock.now
        let quick = running.add(Self.claim(1), queue: "q", timeout: .zero)
        let slow = running.add(Self.claim(2), queue: "q", timeout: .seconds(60))
        let next = running.stopOverdue(now: start.advanced(by: .seconds(1)))
        #expect(quick.value == .timeout(.zero))
        #expect(slow.value == nil)
        let due = try #require(next)
        #expect(due > start.advanced(by: .seconds(59)))
        // A job already stopped is not counted again.
        #expect(running.stopOverdue(now: start.advanced(by: .seconds(61))) == nil)
        #expect(slow.value == .timeout(.seconds(60)))
    }

    @Test("after shutdown stopped a queue, a job a late claim brings back is stopped as it is added")
    func lateClaim() {
        let running = RunningJobs()
        let early = running.add(Self.claim(1), queue: "q", timeout: .seconds(60))
        running.stopAll(in: "q", .shutdown)
        #expect(early.value == .shutdown)
        #expect(running.add(Self.claim(2), queue: "q", timeout: .seconds(60)).value == .shutdown)
        #expect(running.add(Self.claim(3), queue: "other", timeout: .seconds(60)).value == nil)
    }

    @Test("a claim that found the queue empty does not hide a wake-up that came while it ran")
    func wakeUpDuringClaim() {
        let claims = ClaimsInFlight()
        let first = claims.begin(reserving: 10)
        #expect(claims.state.reserved == 10)
        claims.wake()  // a job was enqueued after the claim's statement looked
        claims.end(first, releasing: 10, drained: true)
        #expect(claims.state.drained == false)
        #expect(claims.state.reserved == 0)

        let second = claims.begin(reserving: 5)
        claims.end(second, releasing: 5, drained: true)
        #expect(claims.state.drained == true)
        #expect(claims.state.inFlight == 0)
    }
}
