extension Schema {
    /// The tables of migration 5. A flag's `definition` is its JSON in Unleash's client format
    /// (strategies, variants, dependencies, enabled state), so export and import are lossless;
    /// `version` counts its changes for optimistic concurrency.
    static func flagTables(timestamp: String) -> [String] {
        [
            """
            CREATE TABLE feature_flags (
                workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
                name TEXT NOT NULL, definition TEXT NOT NULL, stale_after \(timestamp),
                version INTEGER NOT NULL, created_at \(timestamp) NOT NULL, updated_at \(timestamp) NOT NULL,
                updated_by TEXT,
                PRIMARY KEY (workspace_id, name))
            """,
            """
            CREATE TABLE flag_segments (
                workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
                id INTEGER NOT NULL, name TEXT, constraints TEXT NOT NULL, updated_at \(timestamp) NOT NULL,
                PRIMARY KEY (workspace_id, id))
            """,
        ]
    }
}
