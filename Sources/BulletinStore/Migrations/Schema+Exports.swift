extension Schema {
    /// The tables of migration 13. A `report_exports` row is one batch export: the projects and
    /// formats asked for (JSON arrays), its state and progress, the job that builds it, and when
    /// ready the ZIP itself (kept in the database so that any node serves it) until it expires.
    static func reportExportTables(timestamp: String, fraction: String, bytes: String) -> [String] {
        [
            """
            CREATE TABLE report_exports (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
                project_ids TEXT NOT NULL, formats TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('queued', 'building', 'ready', 'failed')),
                progress \(fraction) NOT NULL, message TEXT, job_id BIGINT,
                archive \(bytes), size INTEGER, file_name TEXT, requested_by TEXT,
                created_at \(timestamp) NOT NULL, finished_at \(timestamp), expires_at \(timestamp) NOT NULL)
            """,
            "CREATE INDEX report_exports_workspace ON report_exports (workspace_id, created_at)",
            "CREATE INDEX report_exports_expiry ON report_exports (expires_at)",
        ]
    }
}
