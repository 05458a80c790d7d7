import BulletinCore
import BulletinStore
import Foundation
import Logging
import Synchronization

extension JobWorker {
    /// Claims in flight at once per queue.
    static let claimsInFlight = 2

    /// Claims and runs one queue's jobs until shutdown, then waits for them.
    ///
    /// Claims happen in batches: at once when half the queue's slots are free or nothing
    /// runs, otherwise after a short pause that lets more slots free up, so that a busy queue
    /// takes many jobs per statement. Up to ``claimsInFlight`` claims run at once, each for
    /// slots that are free and reserved until it answers: the next batch is on its way while the
    /// database answers the previous one, which keeps a queue of quick jobs busy (a claim is
    /// several round trips). A queue found empty waits for a notification, or polls.
    func runQueue(_ queue: String, doorbell: Doorbell) async {
        let concurrency = configuration.concurrency(of: queue)
        let batchThreshold = max(1, concurrency / 2)
        let cooldown = Duration.milliseconds(5)
        let timer = ContinuousClock()
        let claims = ClaimsInFlight()
        var lastClaim = timer.now
        await withDiscardingTaskGroup { group in
            while !isStopping {
                let (inFlight, reserved, drained) = claims.state
                let free = concurrency - running.count(in: queue) - reserved
                if drained, timer.now - lastClaim >= configuration.pollInterval { claims.wake() }
                let due = free >= batchThreshold || free == concurrency || timer.now - lastClaim >= cooldown
                if free > 0, !claims.state.drained, due, inFlight < Self.claimsInFlight {
                    let limit = min(free, configuration.claimBatchSize)
                    lastClaim = timer.now
                    let token = claims.begin(reserving: limit)
                    group.addTask {
                        await self.claimAndRun(queue: queue, limit: limit, claims: claims, token: token, doorbell: doorbell)
                    }
                    continue
                }
                // A claim that answers rings the doorbell, so a loop with no slot or no claim
                // left to start need not look again before then.
                let blocked = free <= 0 || inFlight >= Self.claimsInFlight || claims.state.drained
                await doorbell.wait(upTo: blocked ? configuration.pollInterval : cooldown)
                if wokenByNotification(queue) { claims.wake() }
            }
            await finishRunningJobs(in: queue, claims: claims, doorbell: doorbell)
        }
    }

    /// Claims up to `limit` jobs, hands back the reserved slots (the jobs now hold them), and
    /// runs the jobs.
    private func claimAndRun(queue: String, limit: Int, claims: ClaimsInFlight, token: Int, doorbell: Doorbell) async {
        let jobs = await claim(queue: queue, limit: limit)
        let started = jobs.map { job in
            let claim = JobClaim(jobID: job.id, attempt: job.attempt, worker: configuration.workerID)
            let timeout = (registry.kind(job.kind)?.options ?? JobKindOptions()).timeout
            return (job, claim, running.add(claim, queue: job.queue, timeout: timeout))
        }
        claims.end(token, releasing: limit, drained: jobs.count < limit)
        doorbell.ring()
        await withDiscardingTaskGroup { batch in
            for (job, claim, signal) in started {
                batch.addTask {
                    await self.execute(job, claim: claim, signal: signal)
                    self.running.remove(job.id, signal: signal)
                    doorbell.ring()
                }
            }
        }
    }

    /// Claims jobs; a failure is logged and the loop carries on after its poll interval.
    private func claim(queue: String, limit: Int) async -> [JobRecord] {
        let now = clock.now()
        do {
            return try await repository.claim(
                queue: queue, limit: limit, worker: configuration.workerID, now: now,
                leaseUntil: now.addingTimeInterval(configuration.leaseDuration.timeInterval))
        } catch {
            logger.error("claiming jobs failed", metadata: ["queue": "\(queue)", "error": "\(String(reflecting: error))"])
            try? await Task.sleep(for: configuration.pollInterval)
            return []
        }
    }

    /// Waits for a queue's claims and running jobs for the grace period, then stops the rest
    /// (and any job a claim still brings back).
    private func finishRunningJobs(in queue: String, claims: ClaimsInFlight, doorbell: Doorbell) async {
        let deadline = ContinuousClock.now + configuration.shutdownGrace
        while running.count(in: queue) > 0 || claims.state.inFlight > 0, ContinuousClock.now < deadline, !Task.isCancelled {
            await doorbell.wait(upTo: min(deadline - ContinuousClock.now, .milliseconds(100)))
        }
        running.stopAll(in: queue, .shutdown)
    }
}

/// A queue's claims that have not answered yet: how many, the slots they reserved, and
/// whether the last answer found the queue drained. A claim's "drained" counts only if nothing
/// woke the queue (a new job's notification, the poll) after it began: its statement may have
/// looked before that job was there.
final class ClaimsInFlight: Sendable {
    private struct State {
        var inFlight = 0
        var reserved = 0
        var drained = false
        var wakeUps = 0
    }

    private let current = Mutex(State())

    var state: (inFlight: Int, reserved: Int, drained: Bool) {
        current.withLock { ($0.inFlight, $0.reserved, $0.drained) }
    }

    /// Counts a claim and reserves its slots; returns the token its ``end(_:releasing:drained:)`` names.
    func begin(reserving slots: Int) -> Int {
        current.withLock {
            $0.inFlight += 1
            $0.reserved += slots
            return $0.wakeUps
        }
    }

    func end(_ token: Int, releasing slots: Int, drained: Bool) {
        current.withLock {
            $0.inFlight -= 1
            $0.reserved -= slots
            if !drained || $0.wakeUps == token { $0.drained = drained }
        }
    }

    /// The queue may have jobs again.
    func wake() {
        current.withLock {
            $0.drained = false
            $0.wakeUps += 1
        }
    }
}
