extension Schema {
    /// The tables of migration 14, the status board.
    ///
    /// - `services`: the catalog; prices in cents; `search` holds code, name and category in
    ///   lower case for the list's filter; codes unique per workspace.
    /// - `board_settings` and `board_columns`: a workspace's time zone and its columns' names
    ///   and WIP limits, written when first changed (until then the defaults apply).
    /// - `appointments`: customer, vehicle and the services' snapshot as JSON; `day` is the
    ///   local date of the start in the workspace's time zone; `rank` orders a column's cards
    ///   (a base-36 fractional key, compared as bytes: `COLLATE "C"` on PostgreSQL); `version` counts changes.
    /// - `appointment_status_changes`: when each appointment entered each status, for the
    ///   time spent per status.
    /// - `board_days`: a change counter per workspace and day, advanced by every change in its
    ///   transaction: the board's ETag and the key of the stats cache.
    /// - `display_links`: read-only board tokens for a shop screen, kept hashed.
    static func boardTables(timestamp: String, identity: String, boolean: String, bytewiseText: String) -> [String] {
        [
            """
            CREATE TABLE services (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
                code TEXT NOT NULL, name TEXT NOT NULL, category TEXT NOT NULL,
                duration_minutes INTEGER NOT NULL, price_cents INTEGER NOT NULL, active \(boolean) NOT NULL,
                search TEXT NOT NULL, version INTEGER NOT NULL,
                created_at \(timestamp) NOT NULL, updated_at \(timestamp) NOT NULL,
                UNIQUE (workspace_id, code))
            """,
            """
            CREATE TABLE board_settings (
                workspace_id TEXT PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
                time_zone TEXT NOT NULL, updated_at \(timestamp) NOT NULL)
            """,
            """
            CREATE TABLE board_columns (
                workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
                status TEXT NOT NULL, name TEXT NOT NULL, wip_limit INTEGER,
                PRIMARY KEY (workspace_id, status))
            """,
            """
            CREATE TABLE appointments (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
                day TEXT NOT NULL, status TEXT NOT NULL, rank \(bytewiseText) NOT NULL, version INTEGER NOT NULL,
                customer TEXT NOT NULL, vehicle TEXT NOT NULL, services TEXT NOT NULL,
                location TEXT NOT NULL CHECK (location IN ('shop', 'site')), address TEXT NOT NULL,
                scheduled_start \(timestamp) NOT NULL, expected_end \(timestamp) NOT NULL,
                technician_id TEXT, notes TEXT NOT NULL, total_cents INTEGER NOT NULL,
                status_changed_at \(timestamp) NOT NULL, created_by TEXT,
                created_at \(timestamp) NOT NULL, updated_at \(timestamp) NOT NULL)
            """,
            "CREATE INDEX appointments_board ON appointments (workspace_id, day, status, rank)",
            """
            CREATE TABLE appointment_status_changes (
                id \(identity),
                appointment_id TEXT NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
                status TEXT NOT NULL, entered_at \(timestamp) NOT NULL)
            """,
            "CREATE INDEX appointment_status_changes_appointment ON appointment_status_changes (appointment_id, entered_at)",
            """
            CREATE TABLE board_days (
                workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
                day TEXT NOT NULL, changes INTEGER NOT NULL,
                PRIMARY KEY (workspace_id, day))
            """,
            """
            CREATE TABLE display_links (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
                name TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, created_by TEXT,
                created_at \(timestamp) NOT NULL)
            """,
        ]
    }
}
