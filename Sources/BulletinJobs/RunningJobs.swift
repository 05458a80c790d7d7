import BulletinCore
import BulletinStore
import Synchronization

/// The jobs this worker is running, with the signal that stops each.
final class RunningJobs: Sendable {
    private struct Entry {
        let queue: String
        let claim: JobClaim
        let signal: StopSignal
    }

    private let entries = Mutex<[Int64: Entry]>([:])

    /// Adds a claimed job; returns the signal that stops it. An earlier attempt of the same
    /// job still running here lost its lease (the job was rescued and claimed again), so it
    /// is stopped.
    func add(_ job: JobRecord, claim: JobClaim) -> StopSignal {
        let signal = StopSignal()
        let replaced = entries.withLock { $0.updateValue(Entry(queue: job.queue, claim: claim, signal: signal), forKey: job.id) }
        replaced?.signal.set(.leaseLost)
        return signal
    }

    /// Removes a job's entry if it is still the one `signal` stops (not a later attempt's).
    func remove(_ id: Int64, signal: StopSignal) {
        entries.withLock { entries in
            if entries[id]?.signal === signal { entries.removeValue(forKey: id) }
        }
    }

    /// How many jobs of a queue are running.
    func count(in queue: String) -> Int {
        entries.withLock { $0.values.count { $0.queue == queue } }
    }

    /// The claims of the running jobs.
    var claims: [JobClaim] { entries.withLock { $0.values.map(\.claim) } }

    /// Stops one job, if it runs here.
    func stop(_ id: Int64, _ reason: JobStopReason) {
        entries.withLock { $0[id] }?.signal.set(reason)
    }

    /// Stops a job if it still runs here under this claim.
    func stop(_ claim: JobClaim, _ reason: JobStopReason) {
        entries.withLock { $0[claim.jobID] }.flatMap { $0.claim == claim ? $0.signal : nil }?.set(reason)
    }

    /// Stops every job of a queue.
    func stopAll(in queue: String, _ reason: JobStopReason) {
        for entry in entries.withLock({ Array($0.values) }) where entry.queue == queue { entry.signal.set(reason) }
    }
}
