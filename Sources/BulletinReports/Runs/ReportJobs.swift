import BulletinCore
import BulletinJobs
import BulletinStore

/// The report domain's job kinds and schedule, registered by whichever process works jobs
/// (`serve` and `worker` alike): `report.run`, the hourly `reports.prune`, and
/// `reports.schedule`, which starts scheduled reports every minute.
public enum ReportJobs {
    /// Registers the kinds and the pruning schedule in `registry`.
    ///
    /// - Parameters:
    ///   - addressPolicy: Which addresses runs may read pages from, asked at each run.
    ///   - retention: Runs and versions kept per project.
    ///   - starter: What starts scheduled runs, with their jobs.
    ///   - writers: Who writes the runs' narratives.
    public static func register(
        in registry: inout JobRegistry, database: any Database, addressPolicy: @escaping @Sendable () -> AddressPolicy,
        metrics: ReportMetrics, retention: Int, starter: ReportRunStarter, files: ReportFiles, writers: ReportWriters,
        clock: WallClock
    ) throws {
        registry.register(
            ReportRunJob(database: database, addressPolicy: addressPolicy, writers: writers, metrics: metrics, clock: clock))
        registry.register(ReportExportJob(database: database, files: files, clock: clock))
        registry.register(PruneReports(database: database, keep: retention, clock: clock))
        registry.schedule(
            try CronEntry(
                name: PruneReports.kind, schedule: try CronSchedule(PruneReports.schedule), PruneReports.self,
                arguments: PruneReports.Arguments()))
        registry.register(StartScheduledReports(database: database, starter: starter, clock: clock))
        registry.schedule(
            try CronEntry(
                name: StartScheduledReports.kind, schedule: try CronSchedule(StartScheduledReports.schedule),
                StartScheduledReports.self, arguments: StartScheduledReports.Arguments()))
    }
}
