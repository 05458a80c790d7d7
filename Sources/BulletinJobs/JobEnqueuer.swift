import BulletinStore
import Foundation

/// Enqueues jobs and counts them in the metrics: how handlers that cause jobs (creating a
/// project starts its report) add them, in the transaction of the change (given its executor).
public struct JobEnqueuer: Sendable {
    let metrics: JobMetrics

    /// Creates an enqueuer counting into `metrics`.
    public init(metrics: JobMetrics) {
        self.metrics = metrics
    }

    /// Enqueues one job in `database` (a transaction's executor, to join it); see
    /// ``JobRepository/enqueue(_:now:)``. A duplicate of a unique job is not counted. The count
    /// is taken before the transaction commits, so a rolled-back enqueue is counted too.
    public func enqueue(_ job: NewJob, now: Date, in database: any SQLContext) async throws -> EnqueuedJob {
        let enqueued = try await JobRepository(database: database).enqueue(job, now: now)
        if !enqueued.isDuplicate { metrics.count(.enqueued, queue: job.queue, kind: job.kind) }
        return enqueued
    }

    /// Enqueues jobs in `database`; see ``JobRepository/enqueue(batch:now:)``.
    public func enqueue(batch jobs: [NewJob], now: Date, in database: any SQLContext) async throws -> [EnqueuedJob] {
        let enqueued = try await JobRepository(database: database).enqueue(batch: jobs, now: now)
        for (job, result) in zip(jobs, enqueued) where !result.isDuplicate {
            metrics.count(.enqueued, queue: job.queue, kind: job.kind)
        }
        return enqueued
    }
}
