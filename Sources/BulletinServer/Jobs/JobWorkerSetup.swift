import BulletinCore
import BulletinJobs
import BulletinReports
import BulletinStore
import Logging

/// The kinds of job Bulletin runs, and the worker that runs them, built the same way by
/// `serve` and `worker`.
enum JobWorkerSetup {
    /// Every kind and cron entry of the product.
    static func registry(services: AppServices) throws -> JobRegistry {
        var registry = JobRegistry()
        registry.register(SleepJob())
        try registry.registerMaintenance(
            database: services.database,
            retention: Retention(jobs: services.configuration.jobRetention, events: services.configuration.eventRetention),
            clock: services.clock)
        try ReportJobs.register(
            in: &registry, database: services.database, addressPolicy: { services.fetchPolicy },
            metrics: services.reportMetrics, retention: services.configuration.reportRetention, clock: services.clock)
        return registry
    }

    /// A worker for the product's kinds, with the configured concurrency, lease and grace.
    static func worker(services: AppServices, logger: Logger) throws -> JobWorker {
        var configuration = WorkerConfiguration()
        configuration.concurrency = services.configuration.workerConcurrency
        if let defaultConcurrency = services.configuration.workerConcurrency["default"] {
            configuration.defaultConcurrency = defaultConcurrency
        }
        configuration.leaseDuration = services.configuration.jobLease
        configuration.shutdownGrace = services.configuration.shutdownGracePeriod
        return JobWorker(
            database: services.database, registry: try registry(services: services), configuration: configuration,
            metrics: services.jobMetrics, clock: services.clock, logger: logger)
    }
}
