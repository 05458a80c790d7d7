import BulletinCore
import BulletinJobs
import BulletinStore
import Foundation

/// Starts and retries report runs, enqueueing the `report.run` job that works each one in the
/// same transaction, so the run and its job commit together or not at all. Given a database,
/// each call opens its transaction; given a transaction's executor, it joins it.
public struct ReportRunStarter: Sendable {
    let enqueuer: JobEnqueuer
    let limits: ReportRunLimits

    /// Creates a starter that enqueues through `enqueuer` and holds runs to `limits`.
    public init(enqueuer: JobEnqueuer, limits: ReportRunLimits) {
        self.enqueuer = enqueuer
        self.limits = limits
    }

    /// Starts a run of the project, or returns the one in progress (`isNew` false); see
    /// ``ReportRunRepository/start(projectID:limits:audit:audited:trigger:now:)``.
    public func start(
        projectID: String, audit: AuditScope, audited: Bool, trigger: ReportRunTrigger = .manual, now: Date,
        in database: any SQLContext
    ) async throws -> (run: ReportRun, isNew: Bool) {
        try await database.transaction { executor in
            let (run, isNew) = try await ReportRunRepository(database: executor).start(
                projectID: projectID, limits: limits, audit: audit, audited: audited, trigger: trigger, now: now)
            guard isNew else { return (run, false) }
            return (try await enqueueJob(for: run, audit: audit, now: now, in: executor), true)
        }
    }

    /// Creates a project and, when `startsReport`, its first run (audited as the creation),
    /// in one transaction.
    public func createProject(
        _ draft: ProjectDraft, startsReport: Bool, audit: AuditScope, now: Date, in database: any SQLContext
    ) async throws -> (project: StoredProject, run: ReportRun?) {
        try await database.transaction { executor in
            let project = try await ProjectRepository(database: executor).create(draft, id: RandomID.make(), audit: audit, now: now)
            guard startsReport else { return (project, nil) }
            let started = try await start(
                projectID: project.id, audit: audit, audited: false, trigger: .project, now: now, in: executor)
            return (project, started.run)
        }
    }

    /// Queues a failed or cancelled run again with a new job.
    public func retry(runID: String, audit: AuditScope, now: Date, in database: any SQLContext) async throws -> ReportRun {
        try await database.transaction { executor in
            let run = try await ReportRunRepository(database: executor).retry(runID: runID, limits: limits, audit: audit, now: now)
            return try await enqueueJob(for: run, audit: audit, now: now, in: executor)
        }
    }

    private func enqueueJob(for run: ReportRun, audit: AuditScope, now: Date, in executor: any SQLExecutor) async throws -> ReportRun {
        let job = try await enqueuer.enqueue(
            NewJob(
                ReportRunJob.self, arguments: .init(runId: run.id, workspaceId: run.workspaceID),
                options: EnqueueOptions(
                    workspaceID: run.workspaceID, enqueuedBy: audit.context.actorID.map { "\(audit.context.actorType):\($0)" },
                    requestID: audit.context.requestID, correlationID: audit.context.correlationID)),
            now: now, in: executor)
        return try await ReportRunRepository(database: executor).attach(jobID: job.id, toRun: run.id)
    }
}
