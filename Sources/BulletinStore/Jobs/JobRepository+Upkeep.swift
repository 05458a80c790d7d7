import Foundation

extension JobRepository {
    /// What one round of upkeep changed.
    public struct Upkeep: Sendable, Equatable {
        /// Scheduled and retryable jobs that became due and are now available.
        public var promoted = 0
        /// Running jobs whose lease lapsed (their worker died), now retryable or final.
        public var rescued = 0
        /// The queues that gained available jobs.
        public var queues: Set<String> = []
    }

    /// Makes due scheduled and retryable jobs available, and rescues running jobs whose lease
    /// lapsed: they become retryable (due at once: the worker died, the job did not fail), or
    /// discarded when their attempts are used up, or cancelled when that was asked. Safe to
    /// run on every node at once: each row changes under its own lock, once.
    public func upkeep(now: Date) async throws -> Upkeep {
        try await database.transaction { executor in
            try await Self.preferIndexes(executor)
            var upkeep = Upkeep()
            let promoted = try await executor.query(
                """
                UPDATE jobs SET state = 'available'
                WHERE state IN ('scheduled', 'retryable') AND scheduled_at <= \(now) RETURNING queue
                """)
            upkeep.promoted = promoted.count
            for row in promoted { upkeep.queues.insert(try row.decode("queue")) }

            let rescued = try await executor.query(
                """
                UPDATE jobs SET
                    state = CASE WHEN cancel_requested_at IS NOT NULL THEN 'cancelled'
                        WHEN attempt >= max_attempts THEN 'discarded' ELSE 'retryable' END,
                    finalized_at = CASE WHEN cancel_requested_at IS NOT NULL OR attempt >= max_attempts THEN \(now) ELSE NULL END,
                    unique_slot = CASE WHEN cancel_requested_at IS NOT NULL OR attempt >= max_attempts THEN NULL ELSE unique_slot END,
                    scheduled_at = \(now), lease_expires_at = NULL, attempted_by = NULL
                WHERE state = 'running' AND lease_expires_at < \(now)
                RETURNING id, attempt, queue, state, workspace_id
                """)
            try await JobEvents.states(of: rescued, now: now, in: executor)
            upkeep.rescued = rescued.count
            let problem = JobProblem(
                type: "job-lease-expired", title: "The worker running the job stopped",
                detail: "The worker stopped renewing the job's lease, probably because its process ended; the job was rescued.")
            for row in rescued {
                try await Self.recordError(
                    jobID: try row.decode("id"), attempt: try row.decode("attempt"), problem: problem, now: now, in: executor)
                if try row.decode("state", as: String.self) == JobState.retryable.rawValue {
                    upkeep.queues.insert(try row.decode("queue"))
                }
            }
            try await Self.announce(queues: upkeep.queues, in: executor)
            return upkeep
        }
    }

    /// Deletes jobs that finished (completed, cancelled or discarded) before `cutoff`, and
    /// cron ticks older than it, a thousand rows per transaction.
    /// - Returns: How many jobs were deleted.
    @discardableResult
    public func prune(finishedBefore cutoff: Date) async throws -> Int {
        var deleted = 0
        while true {
            let rows = try await database.execute(
                """
                DELETE FROM jobs WHERE id IN (
                    SELECT id FROM jobs WHERE finalized_at < \(cutoff)
                        AND state IN ('completed', 'cancelled', 'discarded') LIMIT 1000)
                RETURNING id
                """)
            deleted += rows.count
            if rows.count < 1000 { break }
        }
        try await database.execute("DELETE FROM cron_ticks WHERE tick_at < \(cutoff)")
        return deleted
    }
}

extension JobRepository {
    /// Deletes every job of a queue, whatever its state, a thousand per transaction; for
    /// throwaway queues such as the benchmark's.
    /// - Returns: How many jobs were deleted.
    @discardableResult
    public func deleteJobs(inQueue queue: String) async throws -> Int {
        var deleted = 0
        while true {
            let rows = try await database.execute(
                "DELETE FROM jobs WHERE id IN (SELECT id FROM jobs WHERE queue = \(queue) LIMIT 1000) RETURNING id")
            deleted += rows.count
            if rows.count < 1000 { return deleted }
        }
    }
}
