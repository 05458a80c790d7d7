import BulletinCore
import BulletinStore
import Synchronization

/// The jobs this worker is running, with the signal that stops each and the time by which
/// each must end (its kind's timeout).
///
/// One watcher (``stopOverdue(now:)``, run by the worker's timeout loop) stops the jobs that
/// ran out of time, instead of a timer per job: a timer per attempt cost a task and a
/// dispatch timer that lingered until its deadline (minutes) even after the job ended.
final class RunningJobs: Sendable {
    private struct Entry {
        let queue: String
        let claim: JobClaim
        let signal: StopSignal
        let deadline: ContinuousClock.Instant
        let timeout: Duration
    }

    private struct State {
        var entries: [Int64: Entry] = [:]
        /// When the watcher will next look; a job due earlier wakes it.
        var watcherWakesAt: ContinuousClock.Instant?
        /// Queues whose jobs were all stopped at shutdown: a job a late claim brings back is
        /// stopped as it is added.
        var stoppedQueues: Set<String> = []
    }

    private let state = Mutex(State())
    /// Rung when a job due before the watcher's next look starts.
    let earlierDeadline = Doorbell()

    /// Adds a claimed job of a queue that must end within `timeout`; returns the signal that stops it. An
    /// earlier attempt of the same job still running here lost its lease (the job was rescued
    /// and claimed again), so it is stopped.
    func add(_ claim: JobClaim, queue: String, timeout: Duration) -> StopSignal {
        let signal = StopSignal()
        let deadline = ContinuousClock.now.advanced(by: timeout)
        let (replaced, wakeWatcher, stopped) = state.withLock { state in
            let replaced = state.entries.updateValue(
                Entry(queue: queue, claim: claim, signal: signal, deadline: deadline, timeout: timeout), forKey: claim.jobID)
            return (replaced, state.watcherWakesAt.map { deadline < $0 } ?? true, state.stoppedQueues.contains(queue))
        }
        replaced?.signal.set(.leaseLost)
        if stopped { signal.set(.shutdown) }
        if wakeWatcher { earlierDeadline.ring() }
        return signal
    }

    /// Stops the jobs whose time ran out (``JobStopReason/timeout(_:)``).
    /// - Returns: When the next running job's time runs out, if any runs.
    func stopOverdue(now: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        let (overdue, next) = state.withLock { state in
            var overdue: [Entry] = []
            var next: ContinuousClock.Instant?
            for entry in state.entries.values where entry.signal.value == nil {
                if entry.deadline <= now {
                    overdue.append(entry)
                } else {
                    next = min(next ?? entry.deadline, entry.deadline)
                }
            }
            state.watcherWakesAt = next
            return (overdue, next)
        }
        for entry in overdue { entry.signal.set(.timeout(entry.timeout)) }
        return next
    }

    /// Removes a job's entry if it is still the one `signal` stops (not a later attempt's).
    func remove(_ id: Int64, signal: StopSignal) {
        state.withLock { state in
            if state.entries[id]?.signal === signal { state.entries.removeValue(forKey: id) }
        }
    }

    /// How many jobs of a queue are running.
    func count(in queue: String) -> Int {
        state.withLock { $0.entries.values.count { $0.queue == queue } }
    }

    /// The claims of the running jobs.
    var claims: [JobClaim] { state.withLock { $0.entries.values.map(\.claim) } }

    /// Stops one job, if it runs here.
    func stop(_ id: Int64, _ reason: JobStopReason) {
        state.withLock { $0.entries[id] }?.signal.set(reason)
    }

    /// Stops a job if it still runs here under this claim.
    func stop(_ claim: JobClaim, _ reason: JobStopReason) {
        state.withLock { $0.entries[claim.jobID] }.flatMap { $0.claim == claim ? $0.signal : nil }?.set(reason)
    }

    /// Stops every job of a queue, and any added to it later.
    func stopAll(in queue: String, _ reason: JobStopReason) {
        let entries = state.withLock { state in
            state.stoppedQueues.insert(queue)
            return Array(state.entries.values)
        }
        for entry in entries where entry.queue == queue { entry.signal.set(reason) }
    }
}
