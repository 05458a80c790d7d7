import BulletinCore
import BulletinStore
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Works jobs: one loop per queue claims and runs them, a heartbeat renews their leases and
/// notices cancellations, upkeep promotes due jobs and rescues those of dead workers, and the
/// cron scheduler enqueues each tick once across nodes.
///
/// On graceful shutdown it stops claiming, lets running jobs finish within
/// ``WorkerConfiguration/shutdownGrace``, then stops the rest and releases their leases, so
/// another worker takes them at once.
public final class JobWorker: Service, Sendable {
    let repository: JobRepository
    let notifications: NotificationHub
    let registry: JobRegistry
    let configuration: WorkerConfiguration
    let metrics: JobMetrics
    let clock: WallClock
    let logger: Logger
    let completions: CompletionBatcher
    let running = RunningJobs()
    let cron: CronScheduler
    /// The loops of the queues, by name, each woken by its doorbell.
    let doorbells: [String: Doorbell]
    /// Queues a notification said have new jobs since their loop last looked.
    let notifiedQueues = Mutex<Set<String>>([])
    private let stopping = Atomic(false)

    /// Creates a worker for the kinds of a registry.
    ///
    /// - Parameters:
    ///   - database: Where the jobs are.
    ///   - registry: The kinds this worker runs and the cron entries it schedules.
    ///   - configuration: Queues, concurrency and timings.
    ///   - metrics: Where jobs are counted.
    ///   - clock: Where "now" comes from.
    ///   - logger: Where the worker logs.
    public init(
        database: any Database, registry: JobRegistry, configuration: WorkerConfiguration, metrics: JobMetrics,
        clock: WallClock = .system, logger: Logger
    ) {
        let repository = JobRepository(database: database)
        self.repository = repository
        self.notifications = database.notifications
        self.registry = registry
        self.configuration = configuration
        self.metrics = metrics
        self.clock = clock
        var logger = logger
        logger[metadataKey: "worker"] = .string(configuration.workerID)
        self.logger = logger
        self.completions = CompletionBatcher(repository: repository, clock: clock, logger: logger)
        self.cron = CronScheduler(
            repository: repository, entries: registry.cronEntries, clock: clock, metrics: metrics, logger: logger)
        let queues = registry.queues.union(configuration.concurrency.keys)
        self.doorbells = Dictionary(uniqueKeysWithValues: queues.map { ($0, Doorbell()) })
    }

    /// The queues this worker works.
    public var queues: [String] { doorbells.keys.sorted() }

    /// Whether shutdown has begun.
    var isStopping: Bool { stopping.load(ordering: .acquiring) || Task.isCancelled }

    public func run() async throws {
        logger.info("working jobs", metadata: ["queues": "\(queues.joined(separator: ","))"])
        // Listening before any queue's first claim: a job enqueued from now on is either seen
        // by that claim or announced to a listener already there.
        let wakeUps = notifications.listen(to: JobRepository.channel)
        let cancellations = notifications.listen(to: JobRepository.cancelChannel)
        await withGracefulShutdownHandler {
            async let completionsWritten: Void = completions.run()
            await withTaskGroup(of: Void.self) { background in
                background.addTask { await self.heartbeatLoop() }
                background.addTask { await self.timeoutLoop() }
                background.addTask { await self.listenForWakeUps(wakeUps) }
                background.addTask { await self.listenForCancellations(cancellations) }
                background.addTask { await self.upkeepLoop() }
                background.addTask { await self.cron.run() }
                await withDiscardingTaskGroup { queues in
                    for (queue, doorbell) in doorbells {
                        queues.addTask { await self.runQueue(queue, doorbell: doorbell) }
                    }
                }
                background.cancelAll()
            }
            // Every queue loop ended with its jobs: write the last completions.
            completions.stop()
            await completionsWritten
        } onGracefulShutdown: {
            self.beginShutdown()
        }
        logger.info("stopped working jobs")
    }

    /// Stops claiming; running jobs get the grace period.
    func beginShutdown() {
        stopping.store(true, ordering: .releasing)
        for doorbell in doorbells.values { doorbell.ring() }
    }
}
