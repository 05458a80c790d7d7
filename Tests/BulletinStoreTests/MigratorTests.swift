import BulletinStore
import BulletinTestSupport
import Foundation
import Testing

@Suite("Migrations")
struct MigratorTests {
    static let first = Migration(
        version: 1, name: "create_notes",
        sqlite: ["CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"],
        postgresql: ["CREATE TABLE notes (id BIGINT PRIMARY KEY, body TEXT NOT NULL)"])
    static let second = Migration(
        version: 2, name: "add_notes_title",
        sqlite: ["ALTER TABLE notes ADD COLUMN title TEXT", "CREATE INDEX notes_title ON notes (title)"],
        postgresql: ["ALTER TABLE notes ADD COLUMN title TEXT", "CREATE INDEX notes_title ON notes (title)"])

    @Test("applies pending migrations in order, once", arguments: TestDatabases.dialects)
    func appliesOnce(dialect: SQLDialect) async throws {
        try await TestDatabases.withDatabase(dialect) { database in
            let migrator = Migrator(migrations: [Self.first, Self.second])
            #expect(try await migrator.appliedVersion(of: database) == 0)
            #expect(try await migrator.status(of: database).allSatisfy { $0.appliedAt == nil })
            // Looking wrote nothing: the bookkeeping table does not exist yet.
            let table: SQLStatement =
                switch dialect {
                case .sqlite: "SELECT name FROM sqlite_master WHERE name = 'schema_migrations'"
                case .postgresql: "SELECT tablename FROM pg_tables WHERE tablename = 'schema_migrations'"
                }
            #expect(try await database.query(table).isEmpty)
            #expect(try await migrator.migrate(database) == [1, 2])
            #expect(try await database.query(table).count == 1)
            #expect(try await migrator.migrate(database) == [])
            #expect(try await migrator.appliedVersion(of: database) == 2)
            let statuses = try await migrator.status(of: database)
            #expect(statuses.map(\.name) == ["create_notes", "add_notes_title"])
            #expect(statuses.allSatisfy { $0.appliedAt != nil })
            try await migrator.verifyCurrent(database)
            try await database.execute("INSERT INTO notes (id, body, title) VALUES (\(1), \("b"), \("t"))")
        }
    }

    @Test("a later binary applies only the new migration", arguments: TestDatabases.dialects)
    func appliesNewOnly(dialect: SQLDialect) async throws {
        try await TestDatabases.withDatabase(dialect) { database in
            let firstRun = try await Migrator(migrations: [Self.first]).migrate(database)
            #expect(firstRun == [1])
            await #expect(throws: MigrationError.pending(versions: [2])) {
                try await Migrator(migrations: [Self.first, Self.second]).verifyCurrent(database)
            }
            let secondRun = try await Migrator(migrations: [Self.first, Self.second]).migrate(database)
            #expect(secondRun == [2])
        }
    }

    @Test("a migration changed after it was applied stops everything", arguments: TestDatabases.dialects)
    func checksumMismatch(dialect: SQLDialect) async throws {
        try await TestDatabases.withDatabase(dialect) { database in
            try await Migrator(migrations: [Self.first]).migrate(database)
            let edited = Migration(
                version: 1, name: "create_notes",
                sqlite: ["CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"],
                postgresql: ["CREATE TABLE notes (id BIGINT PRIMARY KEY, body TEXT)"])
            let error = MigrationError.checksumMismatch(version: 1, name: "create_notes")
            await #expect(throws: error) { try await Migrator(migrations: [edited, Self.second]).migrate(database) }
            await #expect(throws: error) { try await Migrator(migrations: [edited]).status(of: database) }
            // Nothing of migration 2 was applied.
            #expect(try await Migrator(migrations: [Self.first]).appliedVersion(of: database) == 1)
            #expect(error.description.contains("changed after it was applied"))
        }
    }

    @Test("a database newer than the binary is refused", arguments: TestDatabases.dialects)
    func unknownMigration(dialect: SQLDialect) async throws {
        try await TestDatabases.withDatabase(dialect) { database in
            try await Migrator(migrations: [Self.first, Self.second]).migrate(database)
            await #expect(throws: MigrationError.unknownMigration(version: 2, name: "add_notes_title")) {
                try await Migrator(migrations: [Self.first]).migrate(database)
            }
        }
    }

    @Test("a failing migration leaves nothing behind", arguments: TestDatabases.dialects)
    func failingMigration(dialect: SQLDialect) async throws {
        try await TestDatabases.withDatabase(dialect) { database in
            let broken = Migration(
                version: 2, name: "broken",
                sqlite: ["CREATE TABLE extra (id INTEGER)", "CREATE TABLE notes (id INTEGER)"],
                postgresql: ["CREATE TABLE extra (id BIGINT)", "CREATE TABLE notes (id BIGINT)"])
            try await Migrator(migrations: [Self.first]).migrate(database)
            await #expect(throws: (any Error).self) { try await Migrator(migrations: [Self.first, broken]).migrate(database) }
            #expect(try await Migrator(migrations: [Self.first]).appliedVersion(of: database) == 1)
            // The table the broken migration created first was rolled back with it.
            await #expect(throws: (any Error).self) { try await database.query("SELECT id FROM extra") }
        }
    }

    @Test("nodes migrating at once apply each migration exactly once", arguments: TestDatabases.dialects)
    func concurrentNodes(dialect: SQLDialect) async throws {
        try await TestDatabases.withEmptyDatabaseURL(dialect) { url in
            let location = try DatabaseLocation(url: url)
            let results = try await withThrowingTaskGroup(of: [Int].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let node = try await DatabaseService.open(location: location, poolSize: 2, logger: TestDatabases.logger)
                        return try await node.withRunning { try await Migrator().migrate($0) }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.flatMap { $0 }.sorted() == Schema.migrations.map(\.version))
        }
    }

    @Test("Bulletin's own schema applies on an empty database", arguments: TestDatabases.dialects)
    func bulletinSchema(dialect: SQLDialect) async throws {
        try await TestDatabases.withDatabase(dialect) { database in
            let migrator = Migrator()
            let applied = try await migrator.migrate(database)
            #expect(applied == Schema.migrations.map(\.version))
            let version = try await migrator.appliedVersion(of: database)
            #expect(version == migrator.latestVersion)
        }
    }
}
