import BulletinCore
import BulletinStore
import Logging
import Synchronization

/// Writes job completions in batches: while one batch is being written, the next gathers,
/// so a busy worker completes hundreds of jobs per transaction and an idle one writes at once.
///
/// A batch that fails to write is tried again a second later. A completion not yet written
/// when the process dies is not lost work: the job's lease lapses, and it is rescued and
/// runs again (jobs run at least once).
final class CompletionBatcher: Sendable {
    private let repository: JobRepository
    private let clock: WallClock
    private let logger: Logger
    private let pending = Mutex<[(claim: JobClaim, result: String?)]>([])
    private let doorbell = Doorbell()
    private let stopping = Atomic(false)

    init(repository: JobRepository, clock: WallClock, logger: Logger) {
        self.repository = repository
        self.clock = clock
        self.logger = logger
    }

    /// Queues a completion for the next batch.
    func add(_ claim: JobClaim, result: String?) {
        pending.withLock { $0.append((claim, result)) }
        doorbell.ring()
    }

    /// Writes batches until ``stop()``, then writes what is left.
    func run() async {
        while true {
            // Cancelled with the worker: write what there is and stop, rather than spin.
            let finishing = stopping.load(ordering: .acquiring) || Task.isCancelled
            await flush()
            if finishing { return }
            await doorbell.wait(upTo: .seconds(1))
        }
    }

    /// Makes ``run()`` write what is left and return.
    func stop() {
        stopping.store(true, ordering: .releasing)
        doorbell.ring()
    }

    private func flush() async {
        let batch = pending.withLock { pending in
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
        guard !batch.isEmpty else { return }
        do {
            try await repository.complete(batch, now: clock.now())
        } catch {
            let retrying = !stopping.load(ordering: .acquiring)
            logger.error(
                retrying ? "recording completed jobs failed; retrying" : "recording completed jobs failed at shutdown; they will run again",
                metadata: ["jobs": "\(batch.count)", "error": "\(String(reflecting: error))"])
            if retrying { pending.withLock { $0.insert(contentsOf: batch, at: 0) } }
        }
    }
}
