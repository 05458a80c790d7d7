import BulletinCore
import BulletinStore
import Foundation

/// Deletes jobs that finished longer ago than the retention period, and old cron ticks.
public struct PruneFinishedJobs: JobHandler {
    /// No arguments: the retention comes from the worker's configuration.
    public struct Arguments: Codable, Sendable, Hashable {
        public init() {}
    }

    public static let kind = "jobs.prune"
    public static var options: JobKindOptions { JobKindOptions(queue: "maintenance", maxAttempts: 3) }

    let repository: JobRepository
    let retention: Duration
    let clock: WallClock

    public func run(_ arguments: Arguments, context: JobContext) async throws {
        let deleted = try await repository.prune(finishedBefore: clock.now().addingTimeInterval(-retention.timeInterval))
        try context.setResult(["deleted": deleted])
    }
}

extension JobRegistry {
    /// Registers the installation's own jobs: pruning finished jobs every hour, at minute 17.
    public mutating func registerMaintenance(database: any Database, retention: Duration, clock: WallClock) throws {
        register(PruneFinishedJobs(repository: JobRepository(database: database), retention: retention, clock: clock))
        schedule(
            try CronEntry(
                name: PruneFinishedJobs.kind, schedule: try CronSchedule("17 * * * *"), PruneFinishedJobs.self,
                arguments: PruneFinishedJobs.Arguments()))
    }
}
