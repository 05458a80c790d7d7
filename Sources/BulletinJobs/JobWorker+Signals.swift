import BulletinCore
import BulletinStore
import Foundation
import Logging
import Synchronization

extension JobWorker {
    /// Wakes a queue's loop when any node announces jobs for it; an empty payload (after a
    /// reconnection) wakes them all.
    func listenForWakeUps(_ wakeUps: AsyncStream<String>) async {
        for await queue in wakeUps {
            let woken = queue.isEmpty ? Array(doorbells.keys) : (doorbells[queue] == nil ? [] : [queue])
            notifiedQueues.withLock { $0.formUnion(woken) }
            for name in woken { doorbells[name]?.ring() }
        }
    }

    /// Whether a notification for the queue came since the last call, clearing it.
    func wokenByNotification(_ queue: String) -> Bool {
        notifiedQueues.withLock { $0.remove(queue) != nil }
    }

    /// Stops a running job as soon as any node cancels it; the heartbeat is the fallback.
    func listenForCancellations(_ cancellations: AsyncStream<String>) async {
        for await payload in cancellations {
            if let id = Int64(payload) { running.stop(id, .cancelled) }
        }
    }

    /// Renews the leases of running jobs every heartbeat; stops jobs whose cancellation was
    /// asked, and jobs that are no longer this worker's (rescued after a lapse).
    func heartbeatLoop() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: configuration.heartbeatInterval)
            if Task.isCancelled { return }
            let local = running.claims
            guard !local.isEmpty else { continue }
            do {
                let now = clock.now()
                let leases = try await repository.renewLeases(
                    local, until: now.addingTimeInterval(configuration.leaseDuration.timeInterval))
                for claim in local {
                    switch leases[claim] {
                    case true?: running.stop(claim, .cancelled)
                    case false?: break
                    // Finished meanwhile (stopping it changes nothing), or rescued by another node.
                    case nil: running.stop(claim, .leaseLost)
                    }
                }
            } catch {
                logger.error("renewing job leases failed", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
    }

    /// Stops running jobs when their kind's timeout passes: one loop for all of them, asleep
    /// until the next one is due (a job due sooner wakes it).
    func timeoutLoop() async {
        while !Task.isCancelled {
            let next = running.stopOverdue(now: .now)
            await running.earlierDeadline.wait(upTo: next.map { ContinuousClock.now.duration(to: $0) } ?? .seconds(60))
        }
    }

    /// Promotes due jobs and rescues lapsed ones every upkeep interval, and updates the
    /// queue-depth gauges every few rounds.
    func upkeepLoop() async {
        var round = 0
        while !Task.isCancelled {
            try? await Task.sleep(for: configuration.upkeepInterval)
            if Task.isCancelled { return }
            do {
                let upkeep = try await repository.upkeep(now: clock.now())
                if upkeep.rescued > 0 {
                    logger.notice("rescued jobs whose worker stopped", metadata: ["jobs": "\(upkeep.rescued)"])
                }
                if round % 5 == 0 {
                    let depths = try await repository.waitingCounts()
                    for queue in Set(depths.keys).union(doorbells.keys) { metrics.setDepth(depths[queue] ?? 0, queue: queue) }
                }
            } catch {
                logger.error("job upkeep failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            round += 1
        }
    }
}
