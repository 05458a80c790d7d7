extension Schema {
    /// The tables of migration 7. A project's `subject` and `peers` are its participants as
    /// JSON (names, websites, free attributes), `tags` a JSON array; `search` holds its name,
    /// description, tags and participants' names in lower case for the list's filter;
    /// `version` counts its changes for optimistic concurrency.
    static func projectTables(timestamp: String) -> [String] {
        [
            """
            CREATE TABLE projects (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
                name TEXT NOT NULL, description TEXT NOT NULL, tags TEXT NOT NULL,
                subject TEXT NOT NULL, peers TEXT NOT NULL, search TEXT NOT NULL,
                version INTEGER NOT NULL, created_by TEXT,
                created_at \(timestamp) NOT NULL, updated_at \(timestamp) NOT NULL)
            """,
            "CREATE INDEX projects_workspace ON projects (workspace_id, created_at, id)",
        ]
    }
}
