import BulletinCore
import BulletinStore
import Foundation
import Logging
import Synchronization

/// Enqueues the jobs of cron entries, once per tick across every node.
///
/// Every worker runs a scheduler; each second it looks for ticks that came due since it last
/// looked, and tries to record each in `cron_ticks`: the node whose insert succeeds enqueues
/// the job, in the same transaction. Ticks missed while no node ran are not made up for,
/// except the latest of each entry.
final class CronScheduler: Sendable {
    private let repository: JobRepository
    private let entries: [CronEntry]
    private let clock: WallClock
    private let metrics: JobMetrics
    private let logger: Logger
    private let lastChecked: Mutex<Date?> = Mutex(nil)

    init(repository: JobRepository, entries: [CronEntry], clock: WallClock, metrics: JobMetrics, logger: Logger) {
        self.repository = repository
        self.entries = entries
        self.clock = clock
        self.metrics = metrics
        self.logger = logger
    }

    /// Checks for due ticks every second until the task is cancelled.
    func run() async {
        guard !entries.isEmpty else { return }
        while !Task.isCancelled {
            await fireDueTicks()
            try? await Task.sleep(for: .seconds(1))
        }
    }

    /// Fires each entry's latest tick that came due since the last check (the first check
    /// looks back one minute, so a node that starts just after a tick still fires it).
    /// - Returns: The jobs this node enqueued.
    @discardableResult
    func fireDueTicks() async -> [EnqueuedJob] {
        let now = clock.now()
        let since = lastChecked.withLock { $0 ?? now.addingTimeInterval(-60) }
        var fired: [EnqueuedJob] = []
        var failed = false
        for entry in entries {
            guard let tick = Self.latestTick(of: entry.schedule, after: since, notAfter: now) else { continue }
            do {
                if let job = try await repository.fireCronTick(entry: entry.name, tick: tick, job: entry.job, now: now) {
                    logger.info("cron tick fired", metadata: ["entry": "\(entry.name)", "tick": "\(tick)", "jobID": "\(job.id)"])
                    metrics.count(.enqueued, queue: entry.job.queue, kind: entry.job.kind)
                    fired.append(job)
                }
            } catch {
                failed = true
                logger.error("firing a cron tick failed", metadata: ["entry": "\(entry.name)", "error": "\(String(reflecting: error))"])
            }
        }
        // After a failure the same ticks are tried again next time; ticks that did fire are
        // recorded, so they do not fire twice.
        if !failed { lastChecked.withLock { $0 = now } }
        return fired
    }

    /// The last fire time in (`after`, `notAfter`], if any.
    static func latestTick(of schedule: CronSchedule, after start: Date, notAfter end: Date) -> Date? {
        var latest: Date?
        var cursor = start
        while let next = schedule.nextFire(after: cursor), next <= end {
            latest = next
            cursor = next
        }
        return latest
    }
}
