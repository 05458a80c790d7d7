/// Bulletin's schema: every migration, oldest first. Append; never edit a released one.
public enum Schema {
    /// The migrations in version order.
    public static let migrations: [Migration] = [
        Migration(
            version: 1, name: "create_instance",
            // One row naming this installation, shared by every node on the database.
            sqlite: [
                """
                CREATE TABLE instance (
                    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                    id TEXT NOT NULL,
                    created_at TEXT NOT NULL)
                """
            ],
            postgresql: [
                """
                CREATE TABLE instance (
                    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                    id TEXT NOT NULL,
                    created_at TIMESTAMPTZ NOT NULL)
                """
            ]),
        Migration(
            version: 2, name: "create_identity",
            // Workspaces are the tenants; a user belongs to workspaces through memberships,
            // one role each. Setup tokens are kept hashed, like every secret.
            sqlite: [
                "CREATE TABLE workspaces (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL)",
                """
                CREATE TABLE users (
                    id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL,
                    created_at TEXT NOT NULL, password_changed_at TEXT NOT NULL)
                """,
                """
                CREATE TABLE memberships (
                    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
                    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'viewer')),
                    created_at TEXT NOT NULL,
                    PRIMARY KEY (workspace_id, user_id))
                """,
                "CREATE INDEX memberships_user ON memberships (user_id)",
                "CREATE TABLE setup_tokens (token_hash TEXT PRIMARY KEY, created_at TEXT NOT NULL)",
            ],
            postgresql: [
                "CREATE TABLE workspaces (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL)",
                """
                CREATE TABLE users (
                    id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL,
                    created_at TIMESTAMPTZ NOT NULL, password_changed_at TIMESTAMPTZ NOT NULL)
                """,
                """
                CREATE TABLE memberships (
                    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
                    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'viewer')),
                    created_at TIMESTAMPTZ NOT NULL,
                    PRIMARY KEY (workspace_id, user_id))
                """,
                "CREATE INDEX memberships_user ON memberships (user_id)",
                "CREATE TABLE setup_tokens (token_hash TEXT PRIMARY KEY, created_at TIMESTAMPTZ NOT NULL)",
            ]),
        Migration(
            version: 3, name: "create_access",
            // Sessions are refresh-token families: each refresh rotates the token, and a
            // rotated token presented again revokes its session. API keys and invitations are
            // stored as hashes. The audit log refuses updates and deletes; the login throttle
            // keeps failure counts where every node sees them; idempotency keys keep the first
            // response to a creating POST, encrypted.
            sqlite: [
                """
                CREATE TABLE sessions (
                    id TEXT PRIMARY KEY,
                    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
                    created_at TEXT NOT NULL, expires_at TEXT NOT NULL, refreshed_at TEXT NOT NULL,
                    revoked_at TEXT, revoke_reason TEXT, ip TEXT, user_agent TEXT)
                """,
                "CREATE INDEX sessions_user ON sessions (user_id)",
                """
                CREATE TABLE refresh_tokens (
                    token_hash TEXT PRIMARY KEY,
                    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
                    created_at TEXT NOT NULL, rotated_at TEXT)
                """,
                "CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id)",
                """
                CREATE TABLE api_keys (
                    id TEXT PRIMARY KEY,
                    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
                    name TEXT NOT NULL, prefix TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE,
                    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'viewer')),
                    created_by TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                    created_at TEXT NOT NULL, last_used_at TEXT, revoked_at TEXT)
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
                    created_at TEXT NOT NULL, expires_at TEXT NOT NULL, accepted_at TEXT, revoked_at TEXT)
                """,
                "CREATE INDEX invitations_workspace ON invitations (workspace_id)",
                """
                CREATE TABLE audit_log (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    workspace_id TEXT NOT NULL,
                    actor_type TEXT NOT NULL, actor_id TEXT,
                    action TEXT NOT NULL, target_type TEXT NOT NULL, target_id TEXT,
                    request_id TEXT, ip TEXT, user_agent TEXT, summary TEXT NOT NULL,
                    created_at TEXT NOT NULL)
                """,
                "CREATE INDEX audit_log_workspace ON audit_log (workspace_id, id)",
                """
                CREATE TABLE login_throttle (
                    key TEXT PRIMARY KEY, failures INTEGER NOT NULL,
                    last_failure_at TEXT NOT NULL, locked_until TEXT)
                """,
                """
                CREATE TABLE idempotency_keys (
                    scope TEXT NOT NULL, key_hash TEXT NOT NULL, request_hash TEXT NOT NULL,
                    status INTEGER, response BLOB, created_at TEXT NOT NULL,
                    PRIMARY KEY (scope, key_hash))
                """,
                """
                CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END
                """,
                """
                CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END
                """,
            ],
            postgresql: [
                """
                CREATE TABLE sessions (
                    id TEXT PRIMARY KEY,
                    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
                    created_at TIMESTAMPTZ NOT NULL, expires_at TIMESTAMPTZ NOT NULL, refreshed_at TIMESTAMPTZ NOT NULL,
                    revoked_at TIMESTAMPTZ, revoke_reason TEXT, ip TEXT, user_agent TEXT)
                """,
                "CREATE INDEX sessions_user ON sessions (user_id)",
                """
                CREATE TABLE refresh_tokens (
                    token_hash TEXT PRIMARY KEY,
                    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
                    created_at TIMESTAMPTZ NOT NULL, rotated_at TIMESTAMPTZ)
                """,
                "CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id)",
                """
                CREATE TABLE api_keys (
                    id TEXT PRIMARY KEY,
                    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
                    name TEXT NOT NULL, prefix TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE,
                    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'viewer')),
                    created_by TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                    created_at TIMESTAMPTZ NOT NULL, last_used_at TIMESTAMPTZ, revoked_at TIMESTAMPTZ)
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
                    created_at TIMESTAMPTZ NOT NULL, expires_at TIMESTAMPTZ NOT NULL, accepted_at TIMESTAMPTZ, revoked_at TIMESTAMPTZ)
                """,
                "CREATE INDEX invitations_workspace ON invitations (workspace_id)",
                """
                CREATE TABLE audit_log (
                    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    workspace_id TEXT NOT NULL,
                    actor_type TEXT NOT NULL, actor_id TEXT,
                    action TEXT NOT NULL, target_type TEXT NOT NULL, target_id TEXT,
                    request_id TEXT, ip TEXT, user_agent TEXT, summary TEXT NOT NULL,
                    created_at TIMESTAMPTZ NOT NULL)
                """,
                "CREATE INDEX audit_log_workspace ON audit_log (workspace_id, id)",
                """
                CREATE TABLE login_throttle (
                    key TEXT PRIMARY KEY, failures INTEGER NOT NULL,
                    last_failure_at TIMESTAMPTZ NOT NULL, locked_until TIMESTAMPTZ)
                """,
                """
                CREATE TABLE idempotency_keys (
                    scope TEXT NOT NULL, key_hash TEXT NOT NULL, request_hash TEXT NOT NULL,
                    status INTEGER, response BYTEA, created_at TIMESTAMPTZ NOT NULL,
                    PRIMARY KEY (scope, key_hash))
                """,
                """
                CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$
                """,
                """
                CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
                FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()
                """,
            ]),
    ]
}
