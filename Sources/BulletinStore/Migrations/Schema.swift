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
            sqlite:
                accessTables(timestamp: "TEXT", identity: "INTEGER PRIMARY KEY AUTOINCREMENT", bytes: "BLOB")
                + [
                    """
                    CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
                    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END
                    """,
                    """
                    CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
                    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END
                    """,
                ],
            postgresql:
                accessTables(timestamp: "TIMESTAMPTZ", identity: "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", bytes: "BYTEA")
                + [
                    """
                    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$
                    """,
                    """
                    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
                    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()
                    """,
                ]),
        Migration(
            version: 4, name: "create_jobs",
            // Durable jobs, the errors of their attempts, paused queues, and the cron ticks
            // already fired (one row per entry and tick, so a tick fires once across nodes).
            sqlite: jobTables(timestamp: "TEXT", identity: "INTEGER PRIMARY KEY AUTOINCREMENT", fraction: "REAL"),
            postgresql: jobTables(
                timestamp: "TIMESTAMPTZ", identity: "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
                fraction: "DOUBLE PRECISION")
                // Every job leaves dead row versions behind as it changes state; vacuum the
                // table after 1 % of it changed instead of 20 %, so claims do not wade
                // through them.
                + [
                    """
                    ALTER TABLE jobs SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02,
                        autovacuum_vacuum_cost_delay = 0)
                    """
                ]),
        Migration(
            version: 5, name: "create_feature_flags",
            // Feature flags per workspace, each stored whole in Unleash's client format, and
            // the segments (shared constraint sets) their strategies name.
            sqlite: flagTables(timestamp: "TEXT"),
            postgresql: flagTables(timestamp: "TIMESTAMPTZ")),
        Migration(
            version: 6, name: "create_events",
            // The event log behind realtime streams, how far it was pruned, and the
            // single-use tickets that open a stream.
            sqlite: eventTables(timestamp: "TEXT", identity: "INTEGER PRIMARY KEY AUTOINCREMENT"),
            postgresql: eventTables(timestamp: "TIMESTAMPTZ", identity: "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY")),
        Migration(
            version: 7, name: "create_projects",
            // Projects: a subject and the peers it is compared with, per workspace.
            sqlite: projectTables(timestamp: "TEXT"),
            postgresql: projectTables(timestamp: "TIMESTAMPTZ")),
        Migration(
            version: 8, name: "create_reports",
            // Report runs (one at a time per project) and the report versions they produce.
            sqlite: reportTables(timestamp: "TEXT", fraction: "REAL"),
            postgresql: reportTables(timestamp: "TIMESTAMPTZ", fraction: "DOUBLE PRECISION")),
        Migration(
            version: 9, name: "index_job_leases_by_lease",
            // Running jobs are found by their lease through an index whose condition is the
            // lease itself (held exactly while a job runs). Its old condition, `state =
            // 'running'`, matched every worker statement, so PostgreSQL's planner read a
            // batch's jobs through it rather than by ID: a walk over the entries that each
            // finished attempt leaves until vacuum, which slowed every run on the same table.
            sqlite: jobLeaseIndex, postgresql: jobLeaseIndex),
        Migration(
            version: 10, name: "add_installation_admins",
            // Installation admins see and manage the installation's own jobs (those of no
            // workspace, such as pruning). The first user of an installation (made by setup or
            // by `bulletin user create` on a new one) is one; on an existing installation that
            // is its oldest user.
            sqlite: [
                "ALTER TABLE users ADD COLUMN is_installation_admin INTEGER NOT NULL DEFAULT 0",
                firstUserBecomesInstallationAdmin(trueLiteral: "1"),
            ],
            postgresql: [
                "ALTER TABLE users ADD COLUMN is_installation_admin BOOLEAN NOT NULL DEFAULT FALSE",
                firstUserBecomesInstallationAdmin(trueLiteral: "TRUE"),
            ]),
        Migration(
            version: 11, name: "add_report_schedules",
            // A project may regenerate its report on a schedule (cron and time zone); the next
            // run's time is stored, so a restart neither loses nor repeats one. Each run says
            // what started it: the project's creation, a person, or the schedule.
            sqlite: reportSchedules(timestamp: "TEXT"), postgresql: reportSchedules(timestamp: "TIMESTAMPTZ")),
        Migration(
            version: 12, name: "create_report_templates",
            // Word templates that a workspace's reports fill when downloaded as DOCX.
            sqlite: reportTemplateTables(timestamp: "TEXT", bytes: "BLOB"),
            postgresql: reportTemplateTables(timestamp: "TIMESTAMPTZ", bytes: "BYTEA")),
        Migration(
            version: 13, name: "create_report_exports",
            // Batch exports of several projects' reports as one ZIP, built by a job.
            sqlite: reportExportTables(timestamp: "TEXT", fraction: "REAL", bytes: "BLOB"),
            postgresql: reportExportTables(timestamp: "TIMESTAMPTZ", fraction: "DOUBLE PRECISION", bytes: "BYTEA")),
        Migration(
            version: 14, name: "create_board",
            // The status board: services, appointments in status columns, display links.
            sqlite: boardTables(timestamp: "TEXT", identity: "INTEGER PRIMARY KEY AUTOINCREMENT", boolean: "INTEGER", bytewiseText: "TEXT"),
            postgresql: boardTables(
                timestamp: "TIMESTAMPTZ", identity: "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", boolean: "BOOLEAN",
                bytewiseText: #"TEXT COLLATE "C""#)),
        Migration(
            version: 15, name: "add_correlation_ids",
            // A client's `x-correlation-id` follows its request into the events and jobs it causes.
            sqlite: correlationColumns, postgresql: correlationColumns),
        Migration(
            version: 16, name: "create_language_model_tables",
            // Every call to a language model (what it used and cost, for usage and budgets),
            // the answers reused for identical requests, and each workspace's own AI settings.
            sqlite: languageModelCallTables(timestamp: "TEXT", identity: "INTEGER PRIMARY KEY AUTOINCREMENT", bytes: "BLOB"),
            postgresql: languageModelCallTables(
                timestamp: "TIMESTAMPTZ", identity: "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", bytes: "BYTEA")),
        Migration(
            version: 17, name: "create_forms",
            // Form definitions (a draft and its frozen published versions) and their submissions.
            sqlite: formTables(timestamp: "TEXT"), postgresql: formTables(timestamp: "TIMESTAMPTZ")),
        Migration(
            version: 18, name: "form_feeds",
            // A form may feed a project (the mapping, as JSON); each submission keeps what it did there.
            sqlite: formFeeds, postgresql: formFeeds),
    ]

    private static let formFeeds = [
        "ALTER TABLE forms ADD COLUMN feed TEXT",
        "ALTER TABLE form_submissions ADD COLUMN feed TEXT",
    ]

    private static let correlationColumns = [
        "ALTER TABLE events ADD COLUMN correlation_id TEXT",
        "ALTER TABLE jobs ADD COLUMN correlation_id TEXT",
    ]

    private static func firstUserBecomesInstallationAdmin(trueLiteral value: String) -> String {
        "UPDATE users SET is_installation_admin = \(value) WHERE id = (SELECT id FROM users ORDER BY created_at, id LIMIT 1)"
    }

    private static func reportSchedules(timestamp: String) -> [String] {
        [
            "ALTER TABLE projects ADD COLUMN schedule_cron TEXT",
            "ALTER TABLE projects ADD COLUMN schedule_time_zone TEXT",
            "ALTER TABLE projects ADD COLUMN next_report_at \(timestamp)",
            "CREATE INDEX projects_next_report ON projects (next_report_at) WHERE next_report_at IS NOT NULL",
            """
            ALTER TABLE report_runs ADD COLUMN triggered_by TEXT NOT NULL DEFAULT 'manual'
                CHECK (triggered_by IN ('project', 'manual', 'schedule'))
            """,
        ]
    }

    private static let jobLeaseIndex = [
        "DROP INDEX jobs_lease",
        "CREATE INDEX jobs_lease ON jobs (lease_expires_at) WHERE lease_expires_at IS NOT NULL",
    ]
}
