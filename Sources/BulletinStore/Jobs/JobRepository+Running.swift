import Foundation

/// One claim of a job by a worker: what a worker must name to finish the attempt it holds.
public struct JobClaim: Sendable, Hashable {
    public let jobID: Int64
    public let attempt: Int
    /// The worker holding the lease.
    public let worker: String

    /// Names a claim.
    public init(jobID: Int64, attempt: Int, worker: String) {
        self.jobID = jobID
        self.attempt = attempt
        self.worker = worker
    }

    /// The condition that the job is still running under this claim: a rescued or cancelled
    /// job is no longer the worker's to finish. It starts with a space because it follows a
    /// `WHERE` that ends a multi-line literal, whose last line break is not part of the string.
    var isHeld: SQLStatement {
        " id = \(jobID) AND attempt = \(attempt) AND attempted_by = \(worker) AND state = 'running'"
    }
}

extension JobRepository {
    /// Claims up to `limit` jobs of a queue that are due, most urgent first, except those of
    /// workspaces that paused the queue; each becomes `running` under a lease until `leaseUntil`.
    ///
    /// PostgreSQL: `FOR UPDATE SKIP LOCKED`, so workers on many nodes take different jobs
    /// without waiting on each other. SQLite: the same statement without it, since its
    /// single writer already runs claims one at a time.
    public func claim(queue: String, limit: Int, worker: String, now: Date, leaseUntil: Date) async throws -> [JobRecord] {
        let skipLocked: SQLStatement = database.dialect == .postgresql ? " FOR UPDATE SKIP LOCKED" : ""
        let claimed = try await database.transaction { executor in
            // Paused workspaces are read first, so that the claim itself stays one ordered
            // index scan: a join against the pauses invited PostgreSQL's planner, once the
            // tables had statistics, to scan and sort the whole queue on every claim. On
            // PostgreSQL the same round trip makes the planner setting of `preferIndexes`: one
            // row is joined with the pauses so that `set_config` runs even when there are none.
            let paused = try await executor.query(
                executor.dialect == .postgresql
                    ? """
                    SELECT set_config('enable_seqscan', 'off', true) AS planner, workspace_id
                    FROM (SELECT 1) AS once LEFT JOIN job_queues ON name = \(queue) AND paused_at IS NOT NULL
                    """
                    : "SELECT workspace_id FROM job_queues WHERE name = \(queue) AND paused_at IS NOT NULL"
            ).compactMap { try $0.decodeIfPresent("workspace_id", as: String.self) }
            var candidates: SQLStatement = """
                SELECT id FROM jobs
                WHERE queue = \(queue) AND state IN ('available', 'scheduled', 'retryable') AND scheduled_at <= \(now)
                """
            if !paused.isEmpty {
                candidates.append(" AND (workspace_id IS NULL OR workspace_id NOT IN ")
                candidates.append(.list(paused))
                candidates.append(")")
            }
            candidates.append(" ORDER BY priority, scheduled_at, id LIMIT \(limit)")
            candidates.append(skipLocked)
            // A join with the locked candidates, not `id IN (…)`: PostgreSQL may plan the latter
            // as a scan of the whole table filtered by the hashed candidates.
            var statement: SQLStatement = """
                UPDATE jobs SET state = 'running', attempt = attempt + 1, attempted_at = \(now), attempted_by = \(worker),
                    lease_expires_at = \(leaseUntil), progress = NULL, progress_message = NULL
                FROM (
                """
            statement.append(candidates)
            statement.append(") AS claimed WHERE jobs.id = claimed.id")
            statement.append(JobRecord.returningColumns)
            let jobs = try await executor.query(statement).map(JobRecord.init(row:))
            try await JobEvents.running(jobs, now: now, in: executor)
            return jobs
        }
        return
            claimed
            .sorted { ($0.priority, $0.scheduledAt, $0.id) < ($1.priority, $1.scheduledAt, $1.id) }
    }

    /// Extends the leases of the claims a worker still runs; returns, for each claim still
    /// held, whether cancellation was asked. A claim missing from the answer was rescued (and
    /// maybe claimed again) or finished elsewhere, and the worker should stop it. Rows the
    /// worker no longer tracks (an outcome it failed to record) are not renewed, so their
    /// leases lapse and they are rescued.
    public func renewLeases(_ claims: [JobClaim], until: Date) async throws -> [JobClaim: Bool] {
        guard !claims.isEmpty else { return [:] }
        var leases: [JobClaim: Bool] = [:]
        for (worker, group) in Dictionary(grouping: claims, by: \.worker) {
            var statement: SQLStatement = """
                UPDATE jobs SET lease_expires_at = \(until) WHERE attempted_by = \(worker) AND state = 'running' AND
                """
            statement.append(Self.matching(group, dialect: database.dialect))
            statement.append(" RETURNING id, attempt, cancel_requested_at")
            let rows = try await database.transaction { [statement] executor in
                try await Self.preferIndexes(executor)
                return try await executor.query(statement)
            }
            for row in rows {
                let claim = JobClaim(jobID: try row.decode("id"), attempt: try row.decode("attempt"), worker: worker)
                leases[claim] = row.values["cancel_requested_at"] != .null
            }
        }
        return leases
    }

    /// Records how far a running job has got, and announces it on a workspace job's topic.
    public func reportProgress(_ claim: JobClaim, fraction: Double, message: String?, now: Date) async throws {
        var statement: SQLStatement = "UPDATE jobs SET progress = \(fraction), progress_message = \(message) WHERE "
        statement.append(claim.isHeld)
        statement.append(" RETURNING workspace_id")
        try await database.transaction { [statement] executor in
            guard let row = try await executor.query(statement).first,
                let workspaceID = try row.decodeIfPresent("workspace_id", as: String.self)
            else { return }
            try await JobEvents.progress(
                fraction, message: message, jobID: claim.jobID, workspaceID: workspaceID, attempt: claim.attempt, now: now,
                in: executor)
        }
    }

    /// Marks jobs completed, with their results (JSON), in one transaction; a job no longer
    /// held by the claim is left alone. Completing releases a unique key unless it has a window.
    /// - Returns: How many jobs were completed.
    @discardableResult
    public func complete(_ completions: [(claim: JobClaim, result: String?)], now: Date) async throws -> Int {
        guard !completions.isEmpty else { return 0 }
        let setCompleted: SQLStatement = """
            UPDATE jobs SET state = 'completed', finalized_at = \(now), lease_expires_at = NULL, progress = 1,
                unique_slot = CASE WHEN unique_window_seconds IS NULL THEN NULL ELSE unique_slot END
            """
        return try await database.transaction { executor in
            try await Self.preferIndexes(executor)
            var count = 0
            // Jobs without a result, the common case, finish in one statement per worker and
            // 500 jobs.
            let plain = Dictionary(grouping: completions.filter { $0.result == nil }.map(\.claim), by: \.worker)
            for (worker, group) in plain {
                for chunk in stride(from: 0, to: group.count, by: 500).map({ Array(group[$0..<min($0 + 500, group.count)]) }) {
                    var statement = setCompleted
                    statement.append(" WHERE attempted_by = \(worker) AND state = 'running' AND")
                    statement.append(Self.matching(chunk, dialect: executor.dialect))
                    statement.append(" RETURNING id, workspace_id, attempt, state")
                    let rows = try await executor.query(statement)
                    try await JobEvents.states(of: rows, now: now, in: executor)
                    count += rows.count
                }
            }
            for (claim, result) in completions where result != nil {
                var statement = setCompleted
                statement.append(", result = \(result) WHERE ")
                statement.append(claim.isHeld)
                statement.append(" RETURNING id, workspace_id, attempt, state")
                let rows = try await executor.query(statement)
                try await JobEvents.states(of: rows, now: now, in: executor)
                count += rows.count
            }
            return count
        }
    }

    /// Records a failed attempt: the job is retried at `retryAt`, or discarded when it is `nil`.
    /// - Returns: The job's new state (`cancelled` when that was asked meanwhile), or `nil`
    ///   when the claim no longer held.
    @discardableResult
    public func fail(_ claim: JobClaim, problem: JobProblem, retryAt: Date?, now: Date) async throws -> JobState? {
        try await leave(
            claim, as: retryAt == nil ? .discarded : .retryable, scheduledAt: retryAt, countsAttempt: true, problem: problem,
            now: now)
    }

    /// Records that a running job stopped because it was cancelled.
    @discardableResult
    public func markCancelled(_ claim: JobClaim, problem: JobProblem, now: Date) async throws -> JobState? {
        try await leave(claim, as: .cancelled, scheduledAt: nil, countsAttempt: true, problem: problem, now: now)
    }

    /// Puts a running job back until `until` without counting the attempt (unless
    /// cancellation was asked meanwhile: then it ends cancelled).
    @discardableResult
    public func snooze(_ claim: JobClaim, until: Date, now: Date) async throws -> JobState? {
        try await leave(claim, as: .scheduled, scheduledAt: until, countsAttempt: false, problem: nil, now: now)
    }

    /// Gives back a job a worker stopped at shutdown: it is available again at once, and the
    /// interrupted attempt does not count (unless cancellation was asked: then it ends cancelled).
    @discardableResult
    public func release(_ claim: JobClaim, now: Date) async throws -> JobState? {
        try await leave(claim, as: .available, scheduledAt: now, countsAttempt: false, problem: nil, now: now)
    }

    /// Ends a claim in `state`, or `cancelled` when cancellation was asked while the job ran,
    /// recording the attempt's problem and waking the queue's workers if the job is due.
    private func leave(
        _ claim: JobClaim, as state: JobState, scheduledAt: Date?, countsAttempt: Bool, problem: JobProblem?, now: Date
    ) async throws -> JobState? {
        let uncounted = countsAttempt ? 0 : 1
        var statement: SQLStatement = """
            UPDATE jobs SET
                state = CASE WHEN cancel_requested_at IS NOT NULL THEN 'cancelled' ELSE \(state.rawValue) END,
                attempt = attempt - CASE WHEN cancel_requested_at IS NOT NULL THEN 0 ELSE \(uncounted) END,
                scheduled_at = COALESCE(\(scheduledAt), scheduled_at),
                finalized_at = CASE WHEN cancel_requested_at IS NOT NULL OR \(state.isFinal) THEN \(now) ELSE NULL END,
                unique_slot = CASE WHEN cancel_requested_at IS NOT NULL OR \(state.isFinal) THEN NULL ELSE unique_slot END,
                lease_expires_at = NULL, attempted_by = NULL
            WHERE
            """
        statement.append(claim.isHeld)
        statement.append(" RETURNING id, state, queue, workspace_id, attempt")
        return try await database.transaction { [statement] executor in
            try await Self.preferIndexes(executor)
            guard let row = try await executor.query(statement).first else { return nil }
            let final = JobState(rawValue: try row.decode("state")) ?? state
            try await JobEvents.states(of: [row], now: now, in: executor)
            let cancelled = JobProblem(type: "job-cancelled", title: "The job was cancelled", detail: "The job was cancelled while it ran.")
            if let recorded = problem ?? (final == .cancelled ? cancelled : nil) {
                try await Self.recordError(jobID: claim.jobID, attempt: claim.attempt, problem: recorded, now: now, in: executor)
            }
            if final == .available || (final == .retryable && (scheduledAt ?? now) <= now) {
                try await Self.announce(queues: [try row.decode("queue", as: String.self)], in: executor)
            }
            return final
        }
    }

    /// ` ((attempt = 1 AND id = ANY(…)) OR …)`: the jobs of these claims, one arm per attempt
    /// number (nearly always just one), each finding its jobs by ID. On PostgreSQL the IDs are
    /// one text parameter made an array in SQL, so a 500-job statement is planned in a fraction
    /// of a millisecond and each row is checked against a hashed list; the former
    /// `(id, attempt) IN ((…), …)` was planned as a 500-arm `OR` (9 ms) and evaluated as one
    /// for every row (7 ms), which made completions the costliest part of working a job. A join
    /// with the claims as a list let PostgreSQL walk the whole, bloated primary key instead (1.5
    /// s a statement after a few runs). SQLite takes the IDs as an `IN` list. Rows are locked
    /// in the order the plan reads them, not by ID: two transactions of one worker (a renewal
    /// and a completion) can deadlock in a rare interleaving, and PostgreSQL then aborts one,
    /// which is tried again (the completion batch, the next heartbeat).
    static func matching(_ claims: [JobClaim], dialect: SQLDialect) -> SQLStatement {
        let byAttempt = Dictionary(grouping: claims, by: \.attempt).sorted { $0.key < $1.key }
        var statement: SQLStatement = " ("
        for (index, (attempt, group)) in byAttempt.enumerated() {
            let ids = group.map(\.jobID).sorted()
            statement.append(index == 0 ? "(attempt = \(attempt) AND id " : " OR (attempt = \(attempt) AND id ")
            if dialect == .postgresql {
                let list = ids.map(String.init).joined(separator: ",")
                statement.append("= ANY(string_to_array(\(list), ',')::bigint[]))")
            } else {
                statement.append("IN ")
                statement.append(.list(ids))
                statement.append(")")
            }
        }
        statement.append(")")
        return statement
    }

    /// Tells PostgreSQL to plan the transaction's statements with indexes. A jobs table is
    /// often empty, and statistics gathered then make every claim and completion scan the
    /// whole table once it fills (a benchmark fell from 7,000 to 800 jobs/s); the workers'
    /// statements are all index lookups, so they never want a sequential scan.
    static func preferIndexes(_ executor: any SQLExecutor) async throws {
        if executor.dialect == .postgresql { try await executor.query("SET LOCAL enable_seqscan = off") }
    }

    static func recordError(jobID: Int64, attempt: Int, problem: JobProblem, now: Date, in executor: any SQLExecutor) async throws {
        try await executor.query(
            """
            INSERT INTO job_errors (job_id, attempt, failed_at, type, title, detail)
            VALUES (\(jobID), \(attempt), \(now), \(problem.type), \(problem.title), \(problem.detail))
            ON CONFLICT (job_id, attempt) DO NOTHING
            """)
    }
}

extension JobRepository {
    /// Jobs waiting (available, scheduled or retryable) in each queue that has any.
    public func waitingCounts() async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try await database.query(
            "SELECT queue, COUNT(*) AS n FROM jobs WHERE state IN ('available', 'scheduled', 'retryable') GROUP BY queue")
        {
            counts[try row.decode("queue")] = try row.decode("n")
        }
        return counts
    }
}
