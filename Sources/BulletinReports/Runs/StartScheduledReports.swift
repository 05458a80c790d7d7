import BulletinCore
import BulletinJobs
import BulletinStore
import Foundation

/// `reports.schedule`: every minute, starts the runs of projects whose report schedule is due,
/// each triggered by `schedule` and audited as the system's.
///
/// A project's next time is stored with it and moved forward in the transaction that starts
/// its run, so a restart (or a node dying mid-way) neither loses nor repeats a scheduled run,
/// and two nodes never start the same one. A run missed while every node was down starts on
/// the next tick; a project whose workspace has used up its allowance waits for its next time.
public struct StartScheduledReports: JobHandler {
    /// None: every due project is started.
    public struct Arguments: Codable, Sendable, Hashable {
        /// Creates the (empty) arguments.
        public init() {}
    }

    public static let kind = "reports.schedule"
    public static var options: JobKindOptions { JobKindOptions(queue: "maintenance", maxAttempts: 3) }
    public static let schedule = "* * * * *"
    /// The most projects one tick starts; the rest start on the next.
    static let batchSize = 100

    let database: any Database
    let starter: ReportRunStarter
    let clock: WallClock

    /// Creates the handler.
    public init(database: any Database, starter: ReportRunStarter, clock: WallClock) {
        self.database = database
        self.starter = starter
        self.clock = clock
    }

    public func run(_ arguments: Arguments, context: JobContext) async throws {
        let now = clock.now()
        var started = 0
        var refused = 0
        for project in try await ProjectRepository(database: database).dueSchedules(now: now, limit: Self.batchSize) {
            let outcome = try await database.transaction { executor -> Bool? in
                guard try await ProjectRepository(database: executor).advanceSchedule(of: project, now: now) else { return nil }
                do {
                    _ = try await starter.start(
                        projectID: project.id, audit: AuditScope(workspaceID: project.workspaceID, context: .schedule),
                        audited: true, trigger: .schedule, now: now, in: executor)
                    return true
                } catch ReportRunError.limitReached {
                    return false
                }
            }
            if outcome == true { started += 1 } else if outcome == false { refused += 1 }
        }
        try context.setResult(["started": started, "refused": refused])
    }
}
