extension Schema {
    /// The tables of migration 12. A `report_templates` row is a Word template a workspace
    /// uploaded: its bytes (a few hundred kilobytes, kept in the database so that every node
    /// reads the same), their SHA-256, and the tags found in it as a JSON array. Names are
    /// unique per workspace.
    static func reportTemplateTables(timestamp: String, bytes: String) -> [String] {
        [
            """
            CREATE TABLE report_templates (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
                name TEXT NOT NULL, content \(bytes) NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL,
                tags TEXT NOT NULL, created_by TEXT, created_at \(timestamp) NOT NULL,
                UNIQUE (workspace_id, name))
            """
        ]
    }
}
