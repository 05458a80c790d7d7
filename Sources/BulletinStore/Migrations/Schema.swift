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
            ])
    ]
}
