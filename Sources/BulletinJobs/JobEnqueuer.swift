import BulletinStore
import Foundation

/// Enqueues jobs inside the caller's transaction and counts them in the metrics: how handlers
/// that cause jobs (creating a project starts its report) add them.
public struct JobEnqueuer: Sendable {
    let metrics: JobMetrics

    /// Creates an enqueuer counting into `metrics`.
    public init(metrics: JobMetrics) {
        self.metrics = metrics
    }

    /// Enqueues one job in the caller's transaction; see ``JobRepository/enqueue(_:now:in:)``.
    /// A duplicate of a unique job is not counted. The count is taken before the transaction
    /// commits, so a rolled-back enqueue is counted too.
    public func enqueue(_ job: NewJob, now: Date, in executor: any SQLExecutor) async throws -> EnqueuedJob {
        let enqueued = try await JobRepository.enqueue(job, now: now, in: executor)
        if !enqueued.isDuplicate { metrics.count(.enqueued, queue: job.queue, kind: job.kind) }
        return enqueued
    }

    /// Enqueues jobs in the caller's transaction; see ``JobRepository/enqueue(batch:now:in:)``.
    public func enqueue(batch jobs: [NewJob], now: Date, in executor: any SQLExecutor) async throws -> [EnqueuedJob] {
        let enqueued = try await JobRepository.enqueue(batch: jobs, now: now, in: executor)
        for (job, result) in zip(jobs, enqueued) where !result.isDuplicate {
            metrics.count(.enqueued, queue: job.queue, kind: job.kind)
        }
        return enqueued
    }
}
