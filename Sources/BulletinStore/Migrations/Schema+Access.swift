extension Schema {
    /// The tables of migration 3, written once for both databases: only the types of
    /// times, of the audit log's generated key and of byte strings differ.
    static func accessTables(timestamp: String, identity: String, bytes: String) -> [String] {
        [
            """
            CREATE TABLE sessions (
                id TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
                created_at \(timestamp) NOT NULL, expires_at \(timestamp) NOT NULL, refreshed_at \(timestamp) NOT NULL,
                revoked_at \(timestamp), revoke_reason TEXT, ip TEXT, user_agent TEXT)
            """,
            "CREATE INDEX sessions_user ON sessions (user_id)",
            """
            CREATE TABLE refresh_tokens (
                token_hash TEXT PRIMARY KEY,
                session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
                created_at \(timestamp) NOT NULL, rotated_at \(timestamp))
            """,
            "CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id)",
            """
            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
                name TEXT NOT NULL, prefix TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE,
                role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'viewer')),
                created_by TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                created_at \(timestamp) NOT NULL, last_used_at \(timestamp), revoked_at \(timestamp))
            """,
            "CREATE INDEX api_keys_workspace ON api_keys (workspace_id)",
            """
            CREATE TABLE invitations (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
                email TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'viewer')),
                token_hash TEXT NOT NULL UNIQUE,
                invited_by TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                created_at \(timestamp) NOT NULL, expires_at \(timestamp) NOT NULL, accepted_at \(timestamp), revoked_at \(timestamp))
            """,
            "CREATE INDEX invitations_workspace ON invitations (workspace_id)",
            """
            CREATE TABLE audit_log (
                id \(identity),
                workspace_id TEXT NOT NULL,
                actor_type TEXT NOT NULL, actor_id TEXT,
                action TEXT NOT NULL, target_type TEXT NOT NULL, target_id TEXT,
                request_id TEXT, ip TEXT, user_agent TEXT, summary TEXT NOT NULL,
                created_at \(timestamp) NOT NULL)
            """,
            "CREATE INDEX audit_log_workspace ON audit_log (workspace_id, id)",
            """
            CREATE TABLE login_throttle (
                key TEXT PRIMARY KEY, failures INTEGER NOT NULL,
                last_failure_at \(timestamp) NOT NULL, locked_until \(timestamp))
            """,
            """
            CREATE TABLE idempotency_keys (
                scope TEXT NOT NULL, key_hash TEXT NOT NULL, request_hash TEXT NOT NULL,
                status INTEGER, response \(bytes), created_at \(timestamp) NOT NULL,
                PRIMARY KEY (scope, key_hash))
            """,
        ]
    }
}
