import BulletinCore
import Foundation

/// Which jobs to list: a workspace's (and, for an installation admin, the installation's own
/// jobs, which belong to no workspace), newest first.
public struct JobFilter: Sendable, Hashable {
    public var workspaceID: String
    /// Whether the installation's own jobs are listed too: only for installation admins.
    /// Defaults to `false`.
    public var includesInstallationJobs = false
    public var states: [JobState] = []
    public var queue: String?
    public var kind: String?
    /// Jobs created at or after this time.
    public var createdFrom: Date?
    /// Jobs created before this time.
    public var createdBefore: Date?
    /// Jobs with an ID below this one: the cursor of the next page.
    public var beforeID: Int64?
    public var limit = 50

    /// A filter for a workspace's jobs.
    public init(workspaceID: String) {
        self.workspaceID = workspaceID
    }
}

extension JobRepository {
    /// The channel that tells workers a running job was cancelled; the payload is its ID.
    public static let cancelChannel = "jobs-cancel"

    /// Jobs matching a filter, newest first, at most `filter.limit`.
    public func list(_ filter: JobFilter) async throws -> [JobRecord] {
        var statement = JobRecord.select
        statement.append(Self.visible(to: filter.workspaceID, includingInstallation: filter.includesInstallationJobs))
        if !filter.states.isEmpty {
            statement.append(" AND state IN ")
            statement.append(.list(filter.states.map(\.rawValue)))
        }
        if let queue = filter.queue { statement.append(" AND queue = \(queue)") }
        if let kind = filter.kind { statement.append(" AND kind = \(kind)") }
        if let from = filter.createdFrom { statement.append(" AND created_at >= \(from)") }
        if let before = filter.createdBefore { statement.append(" AND created_at < \(before)") }
        if let beforeID = filter.beforeID { statement.append(" AND id < \(beforeID)") }
        statement.append(" ORDER BY id DESC LIMIT \(filter.limit)")
        return try await database.query(statement).map(JobRecord.init(row:))
    }

    /// A job of a workspace (or of the installation, when `includingInstallation`), or `nil`.
    ///
    /// - Parameter includingInstallation: Whether the installation's own jobs count: only for
    ///   installation admins. Defaults to `false`.
    public func job(id: Int64, workspaceID: String, includingInstallation: Bool = false) async throws -> JobRecord? {
        var statement = JobRecord.select
        statement.append("id = \(id) AND ")
        statement.append(Self.visible(to: workspaceID, includingInstallation: includingInstallation))
        return try await database.query(statement).first.map(JobRecord.init(row:))
    }

    /// The errors of a job's attempts, oldest first.
    public func errors(ofJob id: Int64) async throws -> [JobAttemptError] {
        try await database.query(
            "SELECT attempt, failed_at, type, title, detail FROM job_errors WHERE job_id = \(id) ORDER BY attempt"
        ).map { row in
            JobAttemptError(
                attempt: try row.decode("attempt"), failedAt: try row.decode("failed_at"),
                problem: JobProblem(type: try row.decode("type"), title: try row.decode("title"), detail: try row.decode("detail")))
        }
    }

    /// Cancels one of a workspace's own jobs (or of the installation's, when `includingInstallation`):
    /// a waiting one at once (it never starts); a running one is asked to stop,
    /// which its worker notices within a second on whichever node it runs. Cancelling a
    /// cancelled job changes nothing. With a context, the change is audited in the workspace.
    /// - Throws: ``JobStoreError/notFound``, or ``JobStoreError/notCancellable(_:)`` for a job that finished.
    public func cancel(
        id: Int64, workspaceID: String, includingInstallation: Bool = false, context: AuditContext? = nil, now: Date
    ) async throws -> JobRecord {
        let audit = context.map { AuditScope(workspaceID: workspaceID, context: $0) }
        return try await database.transaction { executor in
            let job = try await Self.cancel(
                id: id, workspaceID: workspaceID, includingInstallation: includingInstallation, now: now, in: executor)
            try await Self.audit(audit, "job.cancel", job: job, now: now, in: executor)
            return job
        }
    }

    private static func cancel(
        id: Int64, workspaceID: String, includingInstallation: Bool = false, now: Date, in executor: any SQLExecutor
    ) async throws -> JobRecord {
        let scope = visible(to: workspaceID, includingInstallation: includingInstallation)
        var waiting: SQLStatement = """
            UPDATE jobs SET state = 'cancelled', cancel_requested_at = \(now), finalized_at = \(now), unique_slot = NULL
            WHERE id = \(id) AND state IN ('available', 'scheduled', 'retryable') AND
            """
        waiting.append(scope)
        waiting.append(JobRecord.returningColumns)
        if let row = try await executor.query(waiting).first {
            let job = try JobRecord(row: row)
            try await JobEvents.state(.cancelled, jobID: job.id, workspaceID: job.workspaceID, attempt: job.attempt, now: now, in: executor)
            return job
        }

        var running: SQLStatement = """
            UPDATE jobs SET cancel_requested_at = COALESCE(cancel_requested_at, \(now))
            WHERE id = \(id) AND state = 'running' AND
            """
        running.append(scope)
        running.append(JobRecord.returningColumns)
        if let row = try await executor.query(running).first {
            try await executor.notify(DatabaseNotification(channel: cancelChannel, payload: String(id)))
            return try JobRecord(row: row)
        }
        let job = try await ownedJob(id: id, scope: scope, in: executor)
        guard job.state == .cancelled else { throw JobStoreError.notCancellable(job.state) }
        return job
    }

    /// Makes a workspace's cancelled or discarded job (or the installation's, when
    /// `includingInstallation`) available again, with one more attempt if its
    /// attempts were used up; its earlier errors stay. With a context, the change is audited in the workspace.
    /// - Throws: ``JobStoreError/notFound``, ``JobStoreError/notRetryable(_:)``, or
    ///   ``JobStoreError/uniqueKeyTaken(jobID:)`` when another job now holds its unique key.
    public func retry(
        id: Int64, workspaceID: String, includingInstallation: Bool = false, context: AuditContext? = nil, now: Date
    ) async throws -> JobRecord {
        let audit = context.map { AuditScope(workspaceID: workspaceID, context: $0) }
        let scope = Self.visible(to: workspaceID, includingInstallation: includingInstallation)
        do {
            return try await database.transaction { executor in
                let job = try await Self.ownedJob(id: id, scope: scope, in: executor)
                guard job.state == .cancelled || job.state == .discarded else { throw JobStoreError.notRetryable(job.state) }
                let slot = NewJob.uniqueSlot(kind: job.kind, key: job.uniqueKey, windowSeconds: job.uniqueWindowSeconds, at: now)
                var statement: SQLStatement = """
                    UPDATE jobs SET state = 'available', scheduled_at = \(now), finalized_at = NULL,
                        cancel_requested_at = NULL, unique_slot = \(slot),
                        max_attempts = CASE WHEN attempt >= max_attempts THEN attempt + 1 ELSE max_attempts END
                    WHERE id = \(id) AND state IN ('cancelled', 'discarded')
                    """
                statement.append(JobRecord.returningColumns)
                guard let row = try await executor.query(statement).first else { throw JobStoreError.notRetryable(job.state) }
                try await Self.announce(queues: [job.queue], in: executor)
                let retried = try JobRecord(row: row)
                try await JobEvents.state(
                    .available, jobID: retried.id, workspaceID: retried.workspaceID, attempt: retried.attempt, now: now,
                    in: executor)
                try await Self.audit(audit, "job.retry", job: retried, now: now, in: executor)
                return retried
            }
        } catch let error where DatabaseFailure.isUniqueViolation(error) {
            let job = try await job(id: id, workspaceID: workspaceID, includingInstallation: includingInstallation)
            let slot = job.flatMap { NewJob.uniqueSlot(kind: $0.kind, key: $0.uniqueKey, windowSeconds: $0.uniqueWindowSeconds, at: now) }
            let holder = try await database.query("SELECT id FROM jobs WHERE unique_slot = \(slot)").first
            throw JobStoreError.uniqueKeyTaken(jobID: try holder?.decode("id") ?? 0)
        }
    }

    private static func ownedJob(id: Int64, scope: SQLStatement, in executor: any SQLExecutor) async throws -> JobRecord {
        var statement = JobRecord.select
        statement.append("id = \(id) AND ")
        statement.append(scope)
        guard let row = try await executor.query(statement).first else { throw JobStoreError.notFound }
        return try JobRecord(row: row)
    }

    private static func audit(_ scope: AuditScope?, _ action: String, job: JobRecord, now: Date, in executor: any SQLExecutor) async throws
    {
        guard let scope else { return }
        try await AuditLog(database: executor).append(
            workspaceID: scope.workspaceID, action: action, targetType: "job", targetID: String(job.id),
            summary: ["kind": job.kind, "queue": job.queue, "state": job.state.rawValue], context: scope.context, now: now)
    }

    /// The jobs a caller sees and changes: its workspace's, and the installation's own (which
    /// belong to no workspace) only for an installation admin, never for a workspace's members
    /// as such. Parenthesised because it may follow an `AND` that ends a multi-line literal,
    /// whose last line break is not part of the string.
    static func visible(to workspaceID: String, includingInstallation: Bool) -> SQLStatement {
        includingInstallation ? "(workspace_id = \(workspaceID) OR workspace_id IS NULL)" : "(workspace_id = \(workspaceID))"
    }
}
