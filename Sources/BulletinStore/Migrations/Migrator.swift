import Foundation

/// Applies migrations in order, in one transaction, under ``AdvisoryLock/migrations``, so
/// two nodes that start at once take turns: the second finds the work done.
public struct Migrator: Sendable {
    /// The migrations this binary knows, in version order.
    public let migrations: [Migration]

    /// Creates a migrator for a list of migrations. Defaults to Bulletin's schema.
    public init(migrations: [Migration] = Schema.migrations) {
        precondition(
            migrations.enumerated().allSatisfy { $0.offset + 1 == $0.element.version },
            "migration versions must run 1, 2, 3… without gaps")
        self.migrations = migrations
    }

    /// The highest version this binary knows.
    public var latestVersion: Int { migrations.last?.version ?? 0 }

    /// The state of every migration this binary knows, read without writing anything.
    ///
    /// - Throws: ``MigrationError`` when an applied migration was changed or is unknown.
    public func status(of database: any Database) async throws -> [MigrationStatus] {
        let migrations = self.migrations
        return try await database.read { executor in
            let applied = try await Self.tableExists(executor) ? try await Self.applied(executor) : [:]
            return try Self.compare(migrations, with: applied, dialect: executor.dialect)
        }
    }

    /// Applies every pending migration and returns the versions applied.
    ///
    /// - Throws: ``MigrationError`` when an applied migration was changed or is unknown.
    @discardableResult
    public func migrate(_ database: any Database, now: @escaping @Sendable () -> Date = Date.init) async throws -> [Int] {
        let migrations = self.migrations
        return try await database.transaction { executor in
            try await Self.lock(executor)
            let applied = try await Self.applied(executor)
            let statuses = try Self.compare(migrations, with: applied, dialect: executor.dialect)
            var done: [Int] = []
            for status in statuses where status.appliedAt == nil {
                let migration = migrations[status.version - 1]
                for statement in migration.statements(for: executor.dialect) {
                    try await executor.query(SQLStatement(stringLiteral: statement))
                }
                try await executor.query(
                    """
                    INSERT INTO schema_migrations (version, name, checksum, applied_at)
                    VALUES (\(migration.version), \(migration.name), \(migration.checksum(for: executor.dialect)), \(now()))
                    """)
                done.append(migration.version)
            }
            return done
        }
    }

    /// Fails unless every known migration is applied unchanged.
    public func verifyCurrent(_ database: any Database) async throws {
        let pending = try await status(of: database).filter { $0.appliedAt == nil }.map(\.version)
        if !pending.isEmpty { throw MigrationError.pending(versions: pending) }
    }

    /// The highest applied version (0 on an empty database), read without the lock, for
    /// readiness checks.
    public func appliedVersion(of database: any Database) async throws -> Int {
        try await database.read { executor in
            guard try await Self.tableExists(executor) else { return 0 }
            let rows = try await executor.query("SELECT MAX(version) AS version FROM schema_migrations")
            return try rows.first?.decodeIfPresent("version", as: Int.self) ?? 0
        }
    }

    private static func tableExists(_ executor: any SQLExecutor) async throws -> Bool {
        let exists: SQLStatement =
            switch executor.dialect {
            case .postgresql: "SELECT 1 AS found WHERE to_regclass('schema_migrations') IS NOT NULL"
            case .sqlite: "SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
            }
        return try await !executor.query(exists).isEmpty
    }

    private static func lock(_ executor: any SQLExecutor) async throws {
        try await executor.lock(.migrations)
        try await createTable(executor)
    }

    private static func createTable(_ executor: any SQLExecutor) async throws {
        switch executor.dialect {
        case .postgresql:
            try await executor.query(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version BIGINT PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL,
                    applied_at TIMESTAMPTZ NOT NULL)
                """)
        case .sqlite:
            try await executor.query(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL,
                    applied_at TEXT NOT NULL)
                """)
        }
    }

    private struct AppliedMigration {
        let version: Int
        let name: String
        let checksum: String
        let appliedAt: Date
    }

    private static func applied(_ executor: any SQLExecutor) async throws -> [Int: AppliedMigration] {
        let rows = try await executor.query("SELECT version, name, checksum, applied_at FROM schema_migrations")
        var applied: [Int: AppliedMigration] = [:]
        for row in rows {
            let migration = AppliedMigration(
                version: try row.decode("version"), name: try row.decode("name"),
                checksum: try row.decode("checksum"), appliedAt: try row.decode("applied_at"))
            applied[migration.version] = migration
        }
        return applied
    }

    private static func compare(
        _ migrations: [Migration], with applied: [Int: AppliedMigration], dialect: SQLDialect
    ) throws -> [MigrationStatus] {
        if let unknown = applied.values.filter({ $0.version > migrations.count }).min(by: { $0.version < $1.version }) {
            throw MigrationError.unknownMigration(version: unknown.version, name: unknown.name)
        }
        return try migrations.map { migration in
            guard let record = applied[migration.version] else {
                return MigrationStatus(version: migration.version, name: migration.name, appliedAt: nil)
            }
            guard record.checksum == migration.checksum(for: dialect) else {
                throw MigrationError.checksumMismatch(version: migration.version, name: migration.name)
            }
            return MigrationStatus(version: migration.version, name: migration.name, appliedAt: record.appliedAt)
        }
    }
}

/// Whether one migration has been applied.
public struct MigrationStatus: Sendable, Equatable {
    public let version: Int
    public let name: String
    /// When it was applied, or `nil` while pending.
    public let appliedAt: Date?
}
