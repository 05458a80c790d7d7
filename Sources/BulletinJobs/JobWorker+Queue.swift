import BulletinCore
import BulletinStore
import Foundation
import Logging

extension JobWorker {
    /// Claims and runs one queue's jobs until shutdown, then waits for them.
    ///
    /// Claims happen in batches: at once when half the queue's slots are free or nothing
    /// runs, otherwise after a short pause that lets more slots free up, so that a busy queue
    /// takes many jobs per statement. A queue found empty waits for a notification, or polls.
    func runQueue(_ queue: String, doorbell: Doorbell) async {
        let concurrency = configuration.concurrency(of: queue)
        let batchThreshold = max(1, concurrency / 2)
        let cooldown = Duration.milliseconds(5)
        let timer = ContinuousClock()
        var drained = false
        var lastClaim = timer.now
        await withDiscardingTaskGroup { group in
            while !isStopping {
                let free = concurrency - running.count(in: queue)
                if drained, timer.now - lastClaim >= configuration.pollInterval { drained = false }
                let due = free >= batchThreshold || free == concurrency || timer.now - lastClaim >= cooldown
                if free > 0, !drained, due {
                    let limit = min(free, configuration.claimBatchSize)
                    lastClaim = timer.now
                    let jobs = await claim(queue: queue, limit: limit)
                    for job in jobs {
                        let claim = JobClaim(jobID: job.id, attempt: job.attempt, worker: configuration.workerID)
                        let timeout = (registry.kind(job.kind)?.options ?? JobKindOptions()).timeout
                        let signal = running.add(job, claim: claim, timeout: timeout)
                        group.addTask {
                            await self.execute(job, claim: claim, signal: signal)
                            self.running.remove(job.id, signal: signal)
                            doorbell.ring()
                        }
                    }
                    drained = jobs.count < limit
                    if !drained { continue }
                }
                await doorbell.wait(upTo: drained || free == 0 ? configuration.pollInterval : cooldown)
                if wokenByNotification(queue) { drained = false }
            }
            await finishRunningJobs(in: queue, doorbell: doorbell)
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

    /// Waits for a queue's running jobs for the grace period, then stops the rest.
    private func finishRunningJobs(in queue: String, doorbell: Doorbell) async {
        let deadline = ContinuousClock.now + configuration.shutdownGrace
        while running.count(in: queue) > 0, ContinuousClock.now < deadline, !Task.isCancelled {
            await doorbell.wait(upTo: min(deadline - ContinuousClock.now, .milliseconds(100)))
        }
        running.stopAll(in: queue, .shutdown)
    }
}
