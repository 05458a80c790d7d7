import BulletinStore
import Synchronization

/// The jobs this worker is running, with the signal that stops each.
final class RunningJobs: Sendable {
    private struct Entry {
        let queue: String
        let signal: StopSignal
    }

    private let entries = Mutex<[Int64: Entry]>([:])

    /// Adds a job; returns the signal that stops it.
    func add(_ job: JobRecord) -> StopSignal {
        let signal = StopSignal()
        entries.withLock { $0[job.id] = Entry(queue: job.queue, signal: signal) }
        return signal
    }

    func remove(_ id: Int64) {
        _ = entries.withLock { $0.removeValue(forKey: id) }
    }

    /// How many jobs of a queue are running.
    func count(in queue: String) -> Int {
        entries.withLock { $0.values.count { $0.queue == queue } }
    }

    /// The running jobs' IDs.
    var ids: Set<Int64> { entries.withLock { Set($0.keys) } }

    /// Stops one job, if it runs here.
    func stop(_ id: Int64, _ reason: JobStopReason) {
        entries.withLock { $0[id] }?.signal.stop(reason)
    }

    /// Stops every job of a queue.
    func stopAll(in queue: String, _ reason: JobStopReason) {
        for entry in entries.withLock({ Array($0.values) }) where entry.queue == queue { entry.signal.stop(reason) }
    }
}
