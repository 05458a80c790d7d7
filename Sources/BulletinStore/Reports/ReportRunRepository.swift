import BulletinCore
import Foundation

/// Report runs and the reports they produce. One run at a time works on a project: starting
/// another while one is queued or in progress returns that one. Every change of a run is
/// announced on `run:ID` and `project:ID` in its transaction.
///
/// Made from the executor of a transaction, starting and retrying join it, so the job that
/// works the run commits with it (``ReportRunStarter`` in BulletinReports does so).
public struct ReportRunRepository: Sendable {
    let database: any SQLContext

    public init(database: any SQLContext) {
        self.database = database
    }

    /// Starts a run of the workspace's project, or returns the run already in progress (with
    /// `isNew` false). A new run is audited as `report.start` when `audited` (not when it is
    /// part of the project's creation, audited as that).
    /// - Throws: ``ReportRunError/notFound`` when the project is not the workspace's, or
    ///   ``ReportRunError/limitReached(detail:retryAfter:)`` when the workspace's allowance is used up.
    public func start(
        projectID: String, limits: ReportRunLimits, audit: AuditScope, audited: Bool, trigger: ReportRunTrigger = .manual, now: Date
    ) async throws -> (run: ReportRun, isNew: Bool) {
        try await database.transaction { executor in
            try await Self.start(
                projectID: projectID, limits: limits, audit: audit, audited: audited, trigger: trigger, now: now, in: executor)
        }
    }

    private static func start(
        projectID: String, limits: ReportRunLimits, audit: AuditScope, audited: Bool, trigger: ReportRunTrigger, now: Date,
        in executor: any SQLExecutor
    ) async throws -> (run: ReportRun, isNew: Bool) {
        let workspaceID = audit.workspaceID
        if let active = try await liveRun(projectID: projectID, workspaceID: workspaceID, now: now, in: executor) {
            return (active, false)
        }
        try await checkAllowance(workspaceID: workspaceID, limits: limits, now: now, in: executor)
        let rows = try await executor.query(
            """
            INSERT INTO report_runs (id, workspace_id, project_id, active_project_id, state, progress, message,
                requested_by, triggered_by, created_at, updated_at)
            VALUES (\(RandomID.make()), \(workspaceID), \(projectID), \(projectID), 'queued', 0, 'Waiting for a worker.',
                \(audit.context.actorID), \(trigger.rawValue), \(now), \(now))
            ON CONFLICT (active_project_id) DO NOTHING RETURNING *
            """)
        guard let row = rows.first else {
            // Another transaction started one between the check and the insert.
            guard let active = try await activeRun(projectID: projectID, in: executor) else { throw ReportRunError.notFound }
            return (active, false)
        }
        let run = try ReportRun(row: row)
        if audited {
            try await record("report.start", run, audit: audit, now: now, in: executor)
        } else {
            try await ReportRunEvents.announce(
                "run.queued", run, requestID: audit.context.requestID, correlationID: audit.context.correlationID, now: now,
                in: executor)
        }
        return (run, true)
    }

    /// Records the job that works the run; returns the run with it.
    public func attach(jobID: Int64, toRun runID: String) async throws -> ReportRun {
        try ReportRun(row: try await database.execute("UPDATE report_runs SET job_id = \(jobID) WHERE id = \(runID) RETURNING *")[0])
    }

    /// Queues a failed or cancelled run again.
    /// - Throws: ``ReportRunError/notFound``, ``ReportRunError/notRetryable(_:)``,
    ///   ``ReportRunError/anotherRunActive(runID:)`` or ``ReportRunError/limitReached(detail:retryAfter:)``.
    public func retry(runID: String, limits: ReportRunLimits, audit: AuditScope, now: Date) async throws -> ReportRun {
        try await database.transaction { executor in
            try await Self.retry(runID: runID, limits: limits, audit: audit, now: now, in: executor)
        }
    }

    private static func retry(
        runID: String, limits: ReportRunLimits, audit: AuditScope, now: Date, in executor: any SQLExecutor
    ) async throws -> ReportRun {
        let workspaceID = audit.workspaceID
        guard let current = try await Self(database: executor).run(id: runID, workspaceID: workspaceID) else {
            throw ReportRunError.notFound
        }
        guard [.failed, .cancelled].contains(current.state) else { throw ReportRunError.notRetryable(current.state) }
        if let active = try await liveRun(projectID: current.projectID, workspaceID: workspaceID, now: now, in: executor) {
            throw ReportRunError.anotherRunActive(runID: active.id)
        }
        try await checkAllowance(workspaceID: workspaceID, limits: limits, now: now, in: executor)
        let rows = try await executor.query(
            """
            UPDATE report_runs SET state = 'queued', active_project_id = project_id, progress = 0,
                message = 'Waiting for a worker.', problem = NULL, job_id = NULL, report_id = NULL, started_at = NULL,
                finished_at = NULL, requested_by = \(audit.context.actorID), updated_at = \(now)
            WHERE id = \(runID) AND state IN ('failed', 'cancelled') RETURNING *
            """)
        guard let row = rows.first else { throw ReportRunError.notRetryable(current.state) }
        let run = try ReportRun(row: row)
        try await record("report.retry", run, audit: audit, now: now, in: executor)
        return run
    }

    /// Begins an active run's first stage, `collecting`, and returns the run with its project as
    /// it is now, in one transaction: the start of a run is one write, not two reads and a write.
    /// Returns `nil` when the run has ended (cancelled before it started) or is gone.
    public func begin(
        runID: String, workspaceID: String, message: @Sendable (ProjectDraft) -> String, now: Date
    ) async throws -> (run: ReportRun, project: StoredProject)? {
        try await database.transaction { executor in
            guard
                let projectRow = try await executor.query(
                    """
                    SELECT p.* FROM projects p JOIN report_runs r ON r.project_id = p.id
                    WHERE r.id = \(runID) AND r.workspace_id = \(workspaceID) AND r.active_project_id IS NOT NULL
                    """
                ).first
            else { return nil }
            let project = try ProjectRepository.project(projectRow)
            let rows = try await executor.query(
                """
                UPDATE report_runs SET state = 'collecting', progress = \(Self.collectingProgress), message = \(message(project.draft)),
                    started_at = \(now), updated_at = \(now)
                WHERE id = \(runID) RETURNING *
                """)
            let run = try ReportRun(row: rows[0])
            try await ReportRunEvents.announce("run.progress", run, requestID: nil, now: now, in: executor)
            return (run, project)
        }
    }

    /// A run's progress when it begins collecting.
    public static let collectingProgress = 0.05

    /// Moves an active run to a stage, with its overall progress and what it is doing.
    /// Returns `false` when the run has ended meanwhile (cancelled) or is gone, so the worker stops.
    public func advance(
        runID: String, to state: ReportRunState, progress: Double, message: String, now: Date
    ) async throws -> Bool {
        try await database.transaction { executor in
            let rows = try await executor.query(
                """
                UPDATE report_runs SET state = \(state.rawValue), progress = \(progress), message = \(message),
                    started_at = COALESCE(started_at, \(now)), updated_at = \(now)
                WHERE id = \(runID) AND active_project_id IS NOT NULL RETURNING *
                """)
            guard let row = rows.first else { return false }
            try await ReportRunEvents.announce("run.progress", try ReportRun(row: row), requestID: nil, now: now, in: executor)
            return true
        }
    }

    /// Announces a part of the run's report as it is being written, as `run.text` on the run's
    /// topic: the part ("Summary", or a participant) and its text so far.
    public func announceText(_ run: ReportRun, part: String, text: String, now: Date) async throws {
        try await database.transaction { executor in
            try await ReportRunEvents.announceText(run, part: part, text: text, now: now, in: executor)
        }
    }

    /// Stores what an active run produced as the project's next report version and marks the
    /// run ready. Returns `nil` when the run has ended meanwhile (cancelled) or is gone.
    public func finish(runID: String, with report: NewReport, now: Date) async throws -> StoredReport? {
        try await database.transaction { executor in
            var select: SQLStatement = "SELECT * FROM report_runs WHERE id = \(runID) AND active_project_id IS NOT NULL"
            if executor.dialect == .postgresql { select.append(" FOR UPDATE") }
            guard let runRow = try await executor.query(select).first else { return nil }
            let run = try ReportRun(row: runRow)
            let previous = try await executor.query(
                "SELECT MAX(version) AS version FROM reports WHERE project_id = \(run.projectID)"
            ).first?.decodeIfPresent("version", as: Int.self)
            let reportRows = try await executor.query(
                """
                INSERT INTO reports (id, workspace_id, project_id, run_id, version, title, analysis, document, markdown,
                    html, created_at)
                VALUES (\(RandomID.make()), \(run.workspaceID), \(run.projectID), \(run.id), \((previous ?? 0) + 1),
                    \(report.title), \(report.analysis), \(report.document), \(report.markdown), \(report.html), \(now))
                RETURNING *
                """)
            let stored = try StoredReport(row: reportRows[0])
            let rows = try await executor.query(
                """
                UPDATE report_runs SET state = 'ready', active_project_id = NULL, progress = 1,
                    message = \("Version \(stored.version) is ready."), report_id = \(stored.id), finished_at = \(now),
                    updated_at = \(now)
                WHERE id = \(runID) RETURNING *
                """)
            let ready = try ReportRun(row: rows[0])
            try await ReportRunEvents.announce("run.ready", ready, version: stored.version, requestID: nil, now: now, in: executor)
            try await Self.notifyRequester(
                of: ready, type: "report.ready", title: { "Report ready: \($0)" },
                body: "Version \(stored.version) of the report is ready.", now: now, in: executor)
            return stored
        }
    }

    /// Marks an active run failed with its problem; does nothing to a run that has ended.
    public func fail(runID: String, problem: RunProblem, now: Date) async throws {
        try await database.transaction { executor in
            let rows = try await executor.query(
                """
                UPDATE report_runs SET state = 'failed', active_project_id = NULL, problem = \(try JSONText.encode(problem)),
                    message = \(problem.detail), finished_at = \(now), updated_at = \(now)
                WHERE id = \(runID) AND active_project_id IS NOT NULL RETURNING *
                """)
            guard let row = rows.first else { return }
            let failed = try ReportRun(row: row)
            try await ReportRunEvents.announce("run.failed", failed, requestID: nil, now: now, in: executor)
            try await Self.notifyRequester(
                of: failed, type: "report.failed", title: { "Report failed: \($0)" }, body: problem.detail, now: now, in: executor)
        }
    }

    /// Cancels a queued or running run, and its job: a queued job never starts, a running one
    /// is told to stop. Cancelling a cancelled run returns it unchanged.
    /// - Throws: ``ReportRunError/notFound`` or ``ReportRunError/notCancellable(_:)``.
    public func cancel(runID: String, audit: AuditScope, now: Date) async throws -> ReportRun {
        try await database.transaction { executor in
            let rows = try await executor.query(
                """
                UPDATE report_runs SET state = 'cancelled', active_project_id = NULL, message = 'Cancelled.',
                    finished_at = \(now), updated_at = \(now)
                WHERE id = \(runID) AND workspace_id = \(audit.workspaceID) AND active_project_id IS NOT NULL RETURNING *
                """)
            guard let row = rows.first else {
                guard let run = try await Self(database: executor).run(id: runID, workspaceID: audit.workspaceID) else {
                    throw ReportRunError.notFound
                }
                guard run.state == .cancelled else { throw ReportRunError.notCancellable(run.state) }
                return run
            }
            let run = try ReportRun(row: row)
            if let jobID = run.jobID {
                do {
                    _ = try await JobRepository(database: executor).cancel(id: jobID, workspaceID: run.workspaceID, now: now)
                } catch JobStoreError.notCancellable {
                    // The job is finishing; the run's state already stops its next step.
                }
            }
            try await Self.record("report.cancel", run, audit: audit, now: now, in: executor)
            return run
        }
    }

    /// Audits a change of a run and announces its new state (`run.queued` or `run.cancelled`).
    private static func record(
        _ action: String, _ run: ReportRun, audit: AuditScope, now: Date, in executor: any SQLExecutor
    ) async throws {
        try await AuditLog(database: executor).append(
            workspaceID: audit.workspaceID, action: action, targetType: "report_run", targetID: run.id,
            summary: ["projectId": run.projectID], context: audit.context, now: now)
        try await ReportRunEvents.announce(
            "run.\(run.state.rawValue)", run, requestID: audit.context.requestID, correlationID: audit.context.correlationID,
            now: now, in: executor)
    }

    /// Tells the user who started the run how it ended, on their `user:ID` topic, while they
    /// are still a member of its workspace (a run started by an API key or the demo tells nobody).
    private static func notifyRequester(
        of run: ReportRun, type: String, title: (String) -> String, body: String, now: Date, in executor: any SQLExecutor
    ) async throws {
        guard let requester = run.requestedBy,
            let row = try await executor.query(
                """
                SELECT p.name FROM projects p JOIN memberships m ON m.workspace_id = p.workspace_id AND m.user_id = \(requester)
                WHERE p.id = \(run.projectID)
                """
            ).first
        else { return }
        try await NotificationRepository(database: executor).notify(
            NewNotification(
                workspaceID: run.workspaceID, userID: requester, type: type, title: title(try row.decode("name")), body: body,
                link: "/v1/projects/\(run.projectID)/reports/\(run.reportID ?? "latest")"),
            requestID: nil, now: now)
    }

    /// The project's run in progress, if any.
    private static func activeRun(projectID: String, in executor: any SQLExecutor) async throws -> ReportRun? {
        try await executor.query("SELECT * FROM report_runs WHERE active_project_id = \(projectID)").first.map(ReportRun.init(row:))
    }

    /// The workspace's project's run in progress, or `nil`. A run that still looks active
    /// although its job has ended (an admin cancelled or discarded the job through the jobs API)
    /// is failed here, so it does not hold the project's slot forever.
    /// - Throws: ``ReportRunError/notFound`` when the project is not the workspace's.
    private static func liveRun(
        projectID: String, workspaceID: String, now: Date, in executor: any SQLExecutor
    ) async throws -> ReportRun? {
        guard
            let row = try await executor.query(
                """
                SELECT p.id AS owned, r.*, j.state AS job_state FROM projects p
                LEFT JOIN report_runs r ON r.active_project_id = p.id LEFT JOIN jobs j ON j.id = r.job_id
                WHERE p.id = \(projectID) AND p.workspace_id = \(workspaceID)
                """
            ).first
        else { throw ReportRunError.notFound }
        guard try row.decodeIfPresent("id", as: String.self) != nil else { return nil }
        let run = try ReportRun(row: row)
        guard let jobState = try row.decodeIfPresent("job_state", as: String.self),
            ["completed", "cancelled", "discarded"].contains(jobState)
        else { return run }
        let problem = RunProblem(title: "The run's job ended", detail: "The job working this run ended before the report was ready.")
        let rows = try await executor.query(
            """
            UPDATE report_runs SET state = 'failed', active_project_id = NULL, problem = \(try JSONText.encode(problem)),
                message = \(problem.detail), finished_at = \(now), updated_at = \(now)
            WHERE id = \(run.id) RETURNING *
            """)
        try await ReportRunEvents.announce("run.failed", try ReportRun(row: rows[0]), requestID: nil, now: now, in: executor)
        return nil
    }

    /// Refuses a new run when the workspace has as many in progress as it may, or started its
    /// day's allowance in the last 24 hours.
    private static func checkAllowance(
        workspaceID: String, limits: ReportRunLimits, now: Date, in executor: any SQLExecutor
    ) async throws {
        let dayAgo = now.addingTimeInterval(-86_400)
        let counts = try await executor.query(
            """
            SELECT (SELECT COUNT(*) FROM report_runs WHERE workspace_id = \(workspaceID) AND active_project_id IS NOT NULL) AS active,
                COUNT(*) AS count, MIN(created_at) AS oldest
            FROM report_runs WHERE workspace_id = \(workspaceID) AND created_at > \(dayAgo)
            """)[0]
        let active: Int = try counts.decode("active")
        if active >= limits.concurrentRuns {
            throw ReportRunError.limitReached(
                detail: "The workspace already has \(active) report runs in progress, its limit; start this one when one ends.",
                retryAfter: 10)
        }
        let count: Int = try counts.decode("count")
        if count >= limits.runsPerDay {
            let oldest: Date = try counts.decodeIfPresent("oldest") ?? now
            throw ReportRunError.limitReached(
                detail: "The workspace started \(count) report runs in the last 24 hours, its daily limit.",
                retryAfter: max(1, Int(oldest.addingTimeInterval(86_400).timeIntervalSince(now).rounded(.up))))
        }
    }
}

extension ReportRun {
    init(row: SQLRow) throws {
        let problem: String? = try row.decodeIfPresent("problem")
        self.init(
            id: try row.decode("id"), workspaceID: try row.decode("workspace_id"), projectID: try row.decode("project_id"),
            state: ReportRunState(rawValue: try row.decode("state")) ?? .failed, progress: try row.decode("progress"),
            message: try row.decodeIfPresent("message"),
            problem: try problem.map { try JSONDecoder().decode(RunProblem.self, from: Data($0.utf8)) },
            jobID: try row.decodeIfPresent("job_id"), reportID: try row.decodeIfPresent("report_id"),
            requestedBy: try row.decodeIfPresent("requested_by"),
            trigger: ReportRunTrigger(rawValue: try row.decode("triggered_by")) ?? .manual, createdAt: try row.decode("created_at"),
            startedAt: try row.decodeIfPresent("started_at"), finishedAt: try row.decodeIfPresent("finished_at"),
            updatedAt: try row.decode("updated_at"))
    }
}

extension StoredReport {
    init(row: SQLRow) throws {
        self.init(
            id: try row.decode("id"), workspaceID: try row.decode("workspace_id"), projectID: try row.decode("project_id"),
            runID: try row.decode("run_id"), version: try row.decode("version"), title: try row.decode("title"),
            analysis: try row.decode("analysis"), document: try row.decode("document"), markdown: try row.decode("markdown"),
            html: try row.decode("html"), createdAt: try row.decode("created_at"))
    }
}
