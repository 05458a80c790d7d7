extension Schema {
    /// The tables of migration 8. A `report_runs` row is one attempt to produce a project's
    /// report: its state and progress, the job that works it, and when it ends, the report it
    /// made or the problem that stopped it. `active_project_id` holds the project's ID while the
    /// run is queued or in progress and is cleared when it ends, so its unique index lets one
    /// run at a time work on a project. `reports` keeps every finished version: the analysis
    /// (which the next version compares with), the document, and its renderings.
    static func reportTables(timestamp: String, fraction: String) -> [String] {
        [
            """
            CREATE TABLE report_runs (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
                project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
                active_project_id TEXT UNIQUE,
                state TEXT NOT NULL CHECK (state IN ('queued', 'collecting', 'analysing', 'writing', 'rendering',
                    'ready', 'failed', 'cancelled')),
                progress \(fraction) NOT NULL, message TEXT, problem TEXT, job_id BIGINT, report_id TEXT,
                requested_by TEXT, created_at \(timestamp) NOT NULL, started_at \(timestamp),
                finished_at \(timestamp), updated_at \(timestamp) NOT NULL)
            """,
            "CREATE INDEX report_runs_project ON report_runs (project_id, created_at)",
            "CREATE INDEX report_runs_workspace ON report_runs (workspace_id, created_at)",
            """
            CREATE TABLE reports (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
                project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
                run_id TEXT NOT NULL, version INTEGER NOT NULL, title TEXT NOT NULL,
                analysis TEXT NOT NULL, document TEXT NOT NULL, markdown TEXT NOT NULL, html TEXT NOT NULL,
                created_at \(timestamp) NOT NULL,
                UNIQUE (project_id, version))
            """,
        ]
    }
}
