extension Schema {
    /// The tables of migration 17. A `forms` row holds the draft definition (JSON text), its
    /// revision (for optimistic concurrency) and the last published version's number;
    /// `form_versions` keeps every published definition frozen; a `form_submissions` row keeps
    /// the version it answered, so a later version never changes how it reads. `form_links` are
    /// public links (their tokens stored only as hashes) with an optional expiry and response
    /// limit; `form_progress` keeps partial answers, a member's by their ID, a public
    /// respondent's by the hash of a resume token.
    static func formTables(timestamp: String) -> [String] {
        [
            """
            CREATE TABLE forms (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
                name TEXT NOT NULL, definition TEXT NOT NULL, revision INTEGER NOT NULL,
                published_version INTEGER, created_by TEXT, created_at \(timestamp) NOT NULL,
                updated_at \(timestamp) NOT NULL)
            """,
            "CREATE INDEX forms_workspace ON forms (workspace_id, updated_at)",
            """
            CREATE TABLE form_versions (
                form_id TEXT NOT NULL REFERENCES forms (id) ON DELETE CASCADE,
                version INTEGER NOT NULL, definition TEXT NOT NULL, published_by TEXT,
                published_at \(timestamp) NOT NULL,
                PRIMARY KEY (form_id, version))
            """,
            """
            CREATE TABLE form_submissions (
                id TEXT PRIMARY KEY,
                form_id TEXT NOT NULL REFERENCES forms (id) ON DELETE CASCADE,
                workspace_id TEXT NOT NULL, version INTEGER NOT NULL, answers TEXT NOT NULL,
                respondent_id TEXT, link_id TEXT, created_at \(timestamp) NOT NULL)
            """,
            "CREATE INDEX form_submissions_form ON form_submissions (form_id, created_at, id)",
            """
            CREATE TABLE form_links (
                id TEXT PRIMARY KEY,
                form_id TEXT NOT NULL REFERENCES forms (id) ON DELETE CASCADE,
                workspace_id TEXT NOT NULL, name TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE,
                expires_at \(timestamp), max_responses INTEGER, responses INTEGER NOT NULL DEFAULT 0,
                revoked_at \(timestamp), created_by TEXT, created_at \(timestamp) NOT NULL)
            """,
            "CREATE INDEX form_links_form ON form_links (form_id, created_at)",
            """
            CREATE TABLE form_progress (
                id TEXT PRIMARY KEY,
                form_id TEXT NOT NULL REFERENCES forms (id) ON DELETE CASCADE,
                respondent_id TEXT, resume_hash TEXT UNIQUE, link_id TEXT, answers TEXT NOT NULL,
                saved_at \(timestamp) NOT NULL,
                UNIQUE (form_id, respondent_id))
            """,
        ]
    }
}
