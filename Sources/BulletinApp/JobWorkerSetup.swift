import BulletinCore
import BulletinJobs
import BulletinReports
import BulletinStore
import Logging

/// The kinds of job Bulletin runs, and the worker that runs them, built the same way by
/// `serve` and `worker`.
///
/// A domain registers its kinds here through its own `register(in:…)` (as ``ReportJobs``
/// does), never in the HTTP layer: a worker process needs the jobs, not the routes.
public struct JobWorkerSetup: Sendable {
    /// The database jobs are claimed from and write to.
    public let database: any Database
    /// The settings: concurrency per queue, lease, grace, retention periods.
    public let configuration: BulletinConfiguration
    /// The jobs' metrics.
    public let jobMetrics: JobMetrics
    /// The report runs' metrics.
    public let reportMetrics: ReportMetrics
    /// Which addresses report runs may read pages from, asked when a run starts.
    public let addressPolicy: @Sendable () -> AddressPolicy
    /// Where "now" comes from.
    public let clock: WallClock
    /// Renders report documents for batch exports (and, in `serve`, for downloads: one cache).
    public let reportFiles: ReportFiles

    /// Gathers what the product's jobs need; without `reportFiles`, renders with the fonts of
    /// the configuration.
    public init(
        database: any Database, configuration: BulletinConfiguration, jobMetrics: JobMetrics,
        reportMetrics: ReportMetrics, addressPolicy: @escaping @Sendable () -> AddressPolicy, clock: WallClock,
        reportFiles: ReportFiles? = nil
    ) {
        self.reportFiles = reportFiles ?? ReportFiles(fontDirectory: configuration.fontDirectory)
        self.database = database
        self.configuration = configuration
        self.jobMetrics = jobMetrics
        self.reportMetrics = reportMetrics
        self.addressPolicy = addressPolicy
        self.clock = clock
    }

    /// Every kind and cron entry of the product.
    public func registry() throws -> JobRegistry {
        var registry = JobRegistry()
        registry.register(SleepJob())
        try registry.registerMaintenance(
            database: database,
            retention: Retention(jobs: configuration.jobRetention, events: configuration.eventRetention),
            clock: clock)
        try ReportJobs.register(
            in: &registry, database: database, addressPolicy: addressPolicy,
            metrics: reportMetrics, retention: configuration.reportRetention,
            starter: ReportRunStarter(enqueuer: JobEnqueuer(metrics: jobMetrics), limits: configuration.reportRunLimits),
            files: reportFiles,
            writers: ReportWriters(
                settings: configuration.languageModels, prices: configuration.languageModelPrices, policy: configuration.writingPolicy,
                keyring: try SecretKeyring.loadOrCreate(at: configuration.secretsKeyPath)),
            clock: clock)
        return registry
    }

    /// A worker for the product's kinds, with the configured concurrency, lease and grace.
    public func worker(logger: Logger) throws -> JobWorker {
        var workerConfiguration = WorkerConfiguration()
        workerConfiguration.concurrency = configuration.workerConcurrency
        if let defaultConcurrency = configuration.workerConcurrency["default"] {
            workerConfiguration.defaultConcurrency = defaultConcurrency
        }
        workerConfiguration.leaseDuration = configuration.jobLease
        workerConfiguration.shutdownGrace = configuration.shutdownGracePeriod
        return JobWorker(
            database: database, registry: try registry(), configuration: workerConfiguration,
            metrics: jobMetrics, clock: clock, logger: logger)
    }
}
