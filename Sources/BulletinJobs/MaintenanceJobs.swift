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

/// Deletes realtime events older than their retention period; a subscriber resuming from a
/// deleted one gets a `reset`.
public struct PruneEvents: JobHandler {
    public struct Arguments: Codable, Sendable, Hashable {
        public init() {}
    }

    public static let kind = "events.prune"
    public static var options: JobKindOptions { JobKindOptions(queue: "maintenance", maxAttempts: 3) }

    let database: any Database
    let retention: Duration
    let clock: WallClock

    public func run(_ arguments: Arguments, context: JobContext) async throws {
        let deleted = try await EventLog(database: database).prune(
            before: clock.now().addingTimeInterval(-retention.timeInterval))
        try context.setResult(["deleted": deleted])
    }
}

/// How long finished jobs and realtime events are kept.
public struct Retention: Sendable {
    public var jobs: Duration
    public var events: Duration

    public init(jobs: Duration, events: Duration) {
        self.jobs = jobs
        self.events = events
    }
}

extension JobRegistry {
    /// Registers the installation's own jobs, each every hour: pruning finished jobs (at
    /// minute 17) and old realtime events (at minute 47).
    public mutating func registerMaintenance(database: any Database, retention: Retention, clock: WallClock) throws {
        register(PruneFinishedJobs(repository: JobRepository(database: database), retention: retention.jobs, clock: clock))
        schedule(
            try CronEntry(
                name: PruneFinishedJobs.kind, schedule: try CronSchedule("17 * * * *"), PruneFinishedJobs.self,
                arguments: PruneFinishedJobs.Arguments()))
        register(PruneEvents(database: database, retention: retention.events, clock: clock))
        schedule(
            try CronEntry(
                name: PruneEvents.kind, schedule: try CronSchedule("47 * * * *"), PruneEvents.self,
                arguments: PruneEvents.Arguments()))
    }
}
