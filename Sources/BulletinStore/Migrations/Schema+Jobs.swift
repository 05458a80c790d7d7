extension Schema {
    /// The tables of migration 4, written once for both databases: only the types of times,
    /// of the jobs' generated key and of fractions differ.
    ///
    /// A job waiting to run (`available`, `scheduled`, `retryable`) is found through
    /// `jobs_claim` in the order workers take them. `unique_slot` holds a unique job's key
    /// while the key is taken and is cleared when it is released, so one unique index over the
    /// rows that hold a slot enforces uniqueness. Every index costs each state change an
    /// index entry (a job changes state at least three times), so there are few. A queue is paused per
    /// workspace: pausing stops that workspace's jobs in the queue, not other tenants'.
    static func jobTables(timestamp: String, identity: String, fraction: String) -> [String] {
        [
            """
            CREATE TABLE jobs (
                id \(identity),
                queue TEXT NOT NULL, kind TEXT NOT NULL, args TEXT NOT NULL,
                priority INTEGER NOT NULL,
                state TEXT NOT NULL CHECK (state IN (
                    'available', 'scheduled', 'running', 'retryable', 'completed', 'cancelled', 'discarded')),
                attempt INTEGER NOT NULL, max_attempts INTEGER NOT NULL,
                scheduled_at \(timestamp) NOT NULL,
                attempted_at \(timestamp), attempted_by TEXT, lease_expires_at \(timestamp),
                cancel_requested_at \(timestamp),
                progress \(fraction), progress_message TEXT, result TEXT,
                unique_key TEXT, unique_slot TEXT, unique_window_seconds INTEGER,
                workspace_id TEXT, enqueued_by TEXT, request_id TEXT,
                created_at \(timestamp) NOT NULL, finalized_at \(timestamp))
            """,
            """
            CREATE INDEX jobs_claim ON jobs (queue, priority, scheduled_at, id)
                WHERE state IN ('available', 'scheduled', 'retryable')
            """,
            "CREATE INDEX jobs_due ON jobs (scheduled_at) WHERE state IN ('scheduled', 'retryable')",
            "CREATE INDEX jobs_lease ON jobs (lease_expires_at) WHERE state = 'running'",
            "CREATE UNIQUE INDEX jobs_unique_slot ON jobs (unique_slot) WHERE unique_slot IS NOT NULL",
            "CREATE INDEX jobs_finalized ON jobs (finalized_at) WHERE finalized_at IS NOT NULL",
            "CREATE INDEX jobs_workspace ON jobs (workspace_id, id) WHERE workspace_id IS NOT NULL",
            """
            CREATE TABLE job_errors (
                job_id BIGINT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
                attempt INTEGER NOT NULL, failed_at \(timestamp) NOT NULL,
                type TEXT NOT NULL, title TEXT NOT NULL, detail TEXT NOT NULL,
                PRIMARY KEY (job_id, attempt))
            """,
            """
            CREATE TABLE job_queues (
                workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE, name TEXT NOT NULL,
                paused_at \(timestamp), paused_by TEXT, updated_at \(timestamp) NOT NULL,
                PRIMARY KEY (workspace_id, name))
            """,
            """
            CREATE TABLE cron_ticks (
                name TEXT NOT NULL, tick_at \(timestamp) NOT NULL, job_id BIGINT,
                PRIMARY KEY (name, tick_at))
            """,
        ]
    }
}
