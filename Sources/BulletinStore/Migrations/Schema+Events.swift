extension Schema {
    /// The tables of migration 6. `events` is append-only and read by ID; `event_log` has one
    /// row recording the highest ID pruned, so a subscriber resuming from an older ID is told
    /// that it missed events. `notifications` are kept per user and workspace until read and
    /// beyond, delivered live on the user's topic. `presence` has a row per open stream and topic,
    /// refreshed by the node serving it, all at once; rows not seen for a while belong to a node that died.
    static func eventTables(timestamp: String, identity: String) -> [String] {
        [
            """
            CREATE TABLE events (
                id \(identity), workspace_id TEXT NOT NULL, topic TEXT NOT NULL, type TEXT NOT NULL,
                payload TEXT NOT NULL, request_id TEXT, created_at \(timestamp) NOT NULL)
            """,
            "CREATE INDEX events_topic ON events (topic, id)",
            "CREATE INDEX events_created ON events (created_at)",
            """
            CREATE TABLE event_log (
                singleton INTEGER PRIMARY KEY CHECK (singleton = 1), pruned_through BIGINT NOT NULL)
            """,
            "INSERT INTO event_log (singleton, pruned_through) VALUES (1, 0)",
            """
            CREATE TABLE realtime_tickets (
                token_hash TEXT PRIMARY KEY, principal_kind TEXT NOT NULL, principal_id TEXT NOT NULL,
                workspace_id TEXT NOT NULL, user_id TEXT NOT NULL, session_id TEXT, role TEXT NOT NULL,
                expires_at \(timestamp) NOT NULL)
            """,
            """
            CREATE TABLE notifications (
                id \(identity), workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
                user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                type TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, link TEXT,
                created_at \(timestamp) NOT NULL, read_at \(timestamp))
            """,
            "CREATE INDEX notifications_user ON notifications (user_id, workspace_id, id)",
            """
            CREATE TABLE presence (
                connection_id TEXT NOT NULL, topic TEXT NOT NULL, workspace_id TEXT NOT NULL, user_id TEXT NOT NULL,
                node_id TEXT NOT NULL,
                joined_at \(timestamp) NOT NULL, seen_at \(timestamp) NOT NULL,
                PRIMARY KEY (connection_id, topic))
            """,
            "CREATE INDEX presence_topic ON presence (topic, user_id)",
            "CREATE INDEX presence_seen ON presence (seen_at)",
            "CREATE INDEX presence_node ON presence (node_id)",
        ]
    }
}
