import BulletinCore
import Synchronization

/// Wakes one waiting loop: rings are coalesced, and a ring while nobody waits is kept for
/// the next wait. Written here because neither the standard library nor NIO has an async
/// "wait until signalled or this long" without spawning a task per signal.
final class Doorbell: Sendable {
    private struct State {
        var rung = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    /// Wakes the waiter, or the next one to wait.
    func ring() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.rung = true
            return nil
        }
        waiter?.resume()
    }

    /// Returns when rung, after `timeout`, or when the task is cancelled.
    func wait(upTo timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [self] in
                try? await Task.sleep(for: timeout)
                if !Task.isCancelled { ring() }
            }
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    let resumeNow = state.withLock { state -> Bool in
                        if state.rung {
                            state.rung = false
                            return true
                        }
                        state.waiter = continuation
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            } onCancel: {
                ring()
            }
            group.cancelAll()
        }
    }
}

/// The reason a running job must stop, set once by whoever stops it first.
typealias StopSignal = OneShot<JobStopReason>

/// Why a running job was stopped before its handler returned.
enum JobStopReason: Sendable, Equatable {
    /// Someone cancelled the job.
    case cancelled
    /// The attempt ran past its kind's timeout.
    case timeout(Duration)
    /// Another node rescued the job: this worker's lease lapsed.
    case leaseLost
    /// The worker is shutting down and the grace period ended.
    case shutdown
}
