import BulletinCore
import BulletinJobs
import BulletinStore

/// `reports.prune`: keeps each project's newest report runs and versions (the
/// `report-retention` setting) and deletes older ones, every hour at minute 37. Without it a
/// project reported on every day would keep every version's analysis and renderings forever.
/// Batch exports whose ZIP expired are deleted too.
public struct PruneReports: JobHandler {
    /// None: every project is pruned.
    public struct Arguments: Codable, Sendable, Hashable {
        /// Creates the (empty) arguments.
        public init() {}
    }

    public static let kind = "reports.prune"
    public static var options: JobKindOptions { JobKindOptions(queue: "maintenance", maxAttempts: 3) }
    public static let schedule = "37 * * * *"

    let database: any Database
    /// Runs and versions kept per project.
    let keep: Int
    let clock: WallClock

    /// Creates the handler.
    public init(database: any Database, keep: Int, clock: WallClock) {
        self.database = database
        self.keep = keep
        self.clock = clock
    }

    public func run(_ arguments: Arguments, context: JobContext) async throws {
        let pruned = try await ReportRunRepository(database: database).prune(keepingPerProject: keep)
        let exports = try await ReportExportRepository(database: database).deleteExpired(now: clock.now())
        try context.setResult(["runs": pruned.runs, "versions": pruned.versions, "exports": exports])
    }
}
