import BulletinCore
import Foundation

/// A queue at a glance: its jobs by state, whether it is paused, and how fast it moves.
public struct QueueOverview: Sendable, Hashable {
    public var name: String
    public var isPaused: Bool
    public var pausedAt: Date?
    /// Jobs by state; states without jobs are absent.
    public var counts: [JobState: Int]
    /// Jobs completed in the last minute and in the last hour.
    public var completedLastMinute: Int
    public var completedLastHour: Int
    /// Attempts that failed in the last hour.
    public var failedLastHour: Int
    /// Over jobs completed in the last hour: seconds from due to started, and from started to done.
    public var waitSeconds: Percentiles?
    public var runSeconds: Percentiles?

    /// A queue without jobs or figures.
    public init(name: String) {
        self.name = name
        isPaused = false
        counts = [:]
        completedLastMinute = 0
        completedLastHour = 0
        failedLastHour = 0
    }
}

extension JobRepository {
    /// The most completed jobs the percentiles of ``queues(workspaceID:includingInstallation:now:)`` look at.
    static let percentileSample = 10_000

    /// Every queue that has jobs or was paused, with its figures; counts and figures cover a
    /// workspace's jobs (and the installation's own, when `includingInstallation`: only for
    /// installation admins), and "paused" is the workspace's.
    public func queues(workspaceID: String, includingInstallation: Bool = false, now: Date) async throws -> [QueueOverview] {
        let visible = Self.visible(to: workspaceID, includingInstallation: includingInstallation)
        let hourAgo = now.addingTimeInterval(-3600)
        let minuteAgo = now.addingTimeInterval(-60)
        return try await database.read { executor in
            var overviews: [String: QueueOverview] = [:]
            func overview(_ name: String) -> QueueOverview {
                overviews[name] ?? QueueOverview(name: name)
            }
            var counts: SQLStatement = "SELECT queue, state, COUNT(*) AS n FROM jobs WHERE "
            counts.append(visible)
            counts.append(" GROUP BY queue, state")
            for row in try await executor.query(counts) {
                let name: String = try row.decode("queue")
                guard let state = JobState(rawValue: try row.decode("state")) else { continue }
                var queue = overview(name)
                queue.counts[state] = try row.decode("n")
                overviews[name] = queue
            }
            for row in try await executor.query("SELECT name, paused_at FROM job_queues WHERE workspace_id = \(workspaceID)") {
                let name: String = try row.decode("name")
                var queue = overview(name)
                queue.pausedAt = try row.decodeIfPresent("paused_at")
                queue.isPaused = queue.pausedAt != nil
                overviews[name] = queue
            }
            var completed: SQLStatement = """
                SELECT queue, scheduled_at, attempted_at, finalized_at FROM jobs
                WHERE state = 'completed' AND finalized_at >= \(hourAgo) AND
                """
            completed.append(visible)
            completed.append(" ORDER BY finalized_at DESC LIMIT \(Self.percentileSample)")
            var waits: [String: [Double]] = [:]
            var runs: [String: [Double]] = [:]
            for row in try await executor.query(completed) {
                let name: String = try row.decode("queue")
                let finalizedAt: Date = try row.decode("finalized_at")
                var queue = overview(name)
                queue.completedLastHour += 1
                if finalizedAt >= minuteAgo { queue.completedLastMinute += 1 }
                overviews[name] = queue
                if let attemptedAt: Date = try row.decodeIfPresent("attempted_at") {
                    let scheduledAt: Date = try row.decode("scheduled_at")
                    waits[name, default: []].append(max(0, attemptedAt.timeIntervalSince(scheduledAt)))
                    runs[name, default: []].append(max(0, finalizedAt.timeIntervalSince(attemptedAt)))
                }
            }
            var failed: SQLStatement = """
                SELECT jobs.queue AS queue, COUNT(*) AS n FROM job_errors JOIN jobs ON jobs.id = job_errors.job_id
                WHERE job_errors.failed_at >= \(hourAgo) AND
                """
            failed.append(visible)
            failed.append(" GROUP BY jobs.queue")
            for row in try await executor.query(failed) {
                let name: String = try row.decode("queue")
                var queue = overview(name)
                queue.failedLastHour = try row.decode("n")
                overviews[name] = queue
            }
            for (name, values) in waits { overviews[name]?.waitSeconds = Percentiles(of: values) }
            for (name, values) in runs { overviews[name]?.runSeconds = Percentiles(of: values) }
            return overviews.values.sorted { $0.name < $1.name }
        }
    }

    /// Pauses a workspace's jobs in a queue on every node: workers stop claiming them; running
    /// ones finish. With a scope, the change is audited.
    /// - Throws: ``JobStoreError/notFound`` when the workspace has no such queue (no jobs in it,
    ///   and never paused).
    public func pause(queue: String, workspaceID: String, by actor: String, audit: AuditScope? = nil, now: Date) async throws {
        try await database.transaction { executor in
            try await Self.requireQueue(queue, workspaceID: workspaceID, in: executor)
            try await executor.query(
                """
                INSERT INTO job_queues (workspace_id, name, paused_at, paused_by, updated_at)
                VALUES (\(workspaceID), \(queue), \(now), \(actor), \(now))
                ON CONFLICT (workspace_id, name) DO UPDATE SET paused_at = COALESCE(job_queues.paused_at, excluded.paused_at),
                    paused_by = excluded.paused_by, updated_at = excluded.updated_at
                """)
            try await Self.audit(audit, "queue.pause", queue: queue, now: now, in: executor)
        }
    }

    /// Resumes a workspace's jobs in a paused queue, waking the workers. With a scope, the
    /// change is audited.
    /// - Throws: ``JobStoreError/notFound`` when the workspace has no such queue.
    public func resume(queue: String, workspaceID: String, audit: AuditScope? = nil, now: Date) async throws {
        try await database.transaction { executor in
            try await Self.requireQueue(queue, workspaceID: workspaceID, in: executor)
            try await executor.query(
                """
                UPDATE job_queues SET paused_at = NULL, paused_by = NULL, updated_at = \(now)
                WHERE workspace_id = \(workspaceID) AND name = \(queue)
                """)
            try await Self.announce(queues: [queue], in: executor)
            try await Self.audit(audit, "queue.resume", queue: queue, now: now, in: executor)
        }
    }

    /// A workspace has a queue when it has jobs in it or paused it once.
    private static func requireQueue(_ queue: String, workspaceID: String, in executor: any SQLExecutor) async throws {
        let found = try await executor.query(
            """
            SELECT 1 AS found WHERE EXISTS (SELECT 1 FROM jobs WHERE workspace_id = \(workspaceID) AND queue = \(queue))
                OR EXISTS (SELECT 1 FROM job_queues WHERE workspace_id = \(workspaceID) AND name = \(queue))
            """)
        guard !found.isEmpty else { throw JobStoreError.notFound }
    }

    private static func audit(_ scope: AuditScope?, _ action: String, queue: String, now: Date, in executor: any SQLExecutor) async throws {
        guard let scope else { return }
        try await AuditLog(database: executor).append(
            workspaceID: scope.workspaceID, action: action, targetType: "queue", targetID: queue, context: scope.context,
            now: now)
    }

    /// Enqueues the job of a cron entry's tick unless a node already did: the first node to
    /// record the tick enqueues it, in the same transaction.
    /// - Returns: The job, or `nil` when the tick had already fired.
    public func fireCronTick(entry: String, tick: Date, job: NewJob, now: Date) async throws -> EnqueuedJob? {
        try await database.transaction { executor in
            let recorded = try await executor.query(
                "INSERT INTO cron_ticks (name, tick_at) VALUES (\(entry), \(tick)) ON CONFLICT DO NOTHING RETURNING name")
            guard !recorded.isEmpty else { return nil }
            let enqueued = try await Self(database: executor).enqueue(job, now: now)
            try await executor.query("UPDATE cron_ticks SET job_id = \(enqueued.id) WHERE name = \(entry) AND tick_at = \(tick)")
            return enqueued
        }
    }
}

extension JobRepository {
    /// The number of jobs in each state in one queue, across workspaces.
    public func counts(inQueue queue: String) async throws -> [JobState: Int] {
        var counts: [JobState: Int] = [:]
        for row in try await database.query("SELECT state, COUNT(*) AS n FROM jobs WHERE queue = \(queue) GROUP BY state") {
            if let state = JobState(rawValue: try row.decode("state")) { counts[state] = try row.decode("n") }
        }
        return counts
    }
}
