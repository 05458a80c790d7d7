import BulletinStore
import BulletinTestSupport
import Foundation
import Testing

/// The store's behaviour, written once and run on every database (River's driver suite).
@Suite("Store behaviour")
struct StoreBehaviourTests {
    @Test("values round-trip through binds and columns", arguments: TestDatabases.dialects)
    func roundTrip(dialect: SQLDialect) async throws {
        try await TestDatabases.withDatabase(dialect) { database in
            let created = try Self.createTableStatement(dialect)
            try await database.execute(created)
            let when = Date(timeIntervalSince1970: 1_790_000_000.123)
            let blob: [UInt8] = [0, 1, 2, 255]
            let missing: String? = nil
            try await database.execute(
                """
                INSERT INTO samples (id, count, ratio, label, flag, payload, seen_at, note)
                VALUES (\(1), \(Int64(9_000_000_000)), \(0.25), \("O'Brien; DROP TABLE samples"), \(true), \(blob), \(when), \(missing))
                """)
            let row = try #require(try await database.query("SELECT * FROM samples WHERE id = \(1)").first)
            #expect(try row.decode("count", as: Int64.self) == 9_000_000_000)
            #expect(try row.decode("ratio", as: Double.self) == 0.25)
            #expect(try row.decode("label", as: String.self) == "O'Brien; DROP TABLE samples")
            #expect(try row.decode("flag", as: Bool.self) == true)
            #expect(try row.decode("payload", as: [UInt8].self) == blob)
            let seen = try row.decode("seen_at", as: Date.self)
            #expect(abs(seen.timeIntervalSince(when)) < 0.001)
            #expect(try row.decodeIfPresent("note", as: String.self) == nil)
            #expect(throws: DatabaseError.missingColumn("absent")) { try row.decode("absent", as: String.self) }
            #expect(throws: DatabaseError.self) { try row.decode("label", as: Int.self) }
        }
    }

    @Test("a transaction commits when its closure returns", arguments: TestDatabases.dialects)
    func commits(dialect: SQLDialect) async throws {
        try await TestDatabases.withDatabase(dialect) { database in
            try await database.execute(try Self.createTableStatement(dialect))
            try await database.transaction { transaction in
                try await transaction.query("INSERT INTO samples (id, label) VALUES (\(1), \("a"))")
                try await transaction.query("INSERT INTO samples (id, label) VALUES (\(2), \("b"))")
            }
            let rows = try await database.query("SELECT label FROM samples ORDER BY id")
            #expect(try rows.map { try $0.decode("label", as: String.self) } == ["a", "b"])
        }
    }

    @Test("a transaction rolls back everything when its closure throws", arguments: TestDatabases.dialects)
    func rollsBack(dialect: SQLDialect) async throws {
        struct Abort: Error {}
        try await TestDatabases.withDatabase(dialect) { database in
            try await database.execute(try Self.createTableStatement(dialect))
            await #expect(throws: Abort.self) {
                try await database.transaction { transaction in
                    try await transaction.query("INSERT INTO samples (id, label) VALUES (\(1), \("a"))")
                    throw Abort()
                }
            }
            #expect(try await database.query("SELECT id FROM samples").isEmpty)
            // The connection is usable afterwards.
            try await database.execute("INSERT INTO samples (id, label) VALUES (\(3), \("c"))")
            #expect(try await database.query("SELECT id FROM samples").count == 1)
        }
    }

    @Test("a failing statement rolls back its transaction and reports the error", arguments: TestDatabases.dialects)
    func failingStatement(dialect: SQLDialect) async throws {
        try await TestDatabases.withDatabase(dialect) { database in
            try await database.execute(try Self.createTableStatement(dialect))
            await #expect(throws: (any Error).self) {
                try await database.transaction { transaction in
                    try await transaction.query("INSERT INTO samples (id, label) VALUES (\(1), \("a"))")
                    try await transaction.query("INSERT INTO samples (id, label) VALUES (\(1), \("duplicate"))")
                }
            }
            #expect(try await database.query("SELECT id FROM samples").isEmpty)
        }
    }

    @Test("reads see only committed data while a write is in progress", arguments: TestDatabases.dialects)
    func readsDuringWrite(dialect: SQLDialect) async throws {
        try await TestDatabases.withDatabase(dialect) { database in
            try await database.execute(try Self.createTableStatement(dialect))
            try await database.transaction { transaction in
                try await transaction.query("INSERT INTO samples (id, label) VALUES (\(1), \("uncommitted"))")
                // Another connection reads while this transaction holds its write.
                #expect(try await database.query("SELECT id FROM samples").isEmpty)
            }
            #expect(try await database.query("SELECT id FROM samples").count == 1)
        }
    }

    @Test("many concurrent writers each commit exactly once", arguments: TestDatabases.dialects)
    func concurrentWriters(dialect: SQLDialect) async throws {
        try await TestDatabases.withDatabase(dialect) { database in
            try await database.execute(try Self.createTableStatement(dialect))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for id in 1...40 {
                    group.addTask {
                        try await database.execute("INSERT INTO samples (id, label) VALUES (\(id), \("w"))")
                    }
                }
                try await group.waitForAll()
            }
            let count = try #require(try await database.query("SELECT COUNT(*) AS n FROM samples").first)
            #expect(try count.decode("n", as: Int.self) == 40)
            #expect(database.poolStatistics().connectionsInUse == 0)
        }
    }

    @Test("the pool reports its size and lends connections back", arguments: TestDatabases.dialects)
    func poolStatistics(dialect: SQLDialect) async throws {
        try await TestDatabases.withDatabase(dialect) { database in
            let idle = database.poolStatistics()
            #expect(idle.maximumConnections >= 1)
            #expect(idle.connectionsInUse == 0)
            let inside = try await database.read { _ in database.poolStatistics().connectionsInUse }
            #expect(inside == 1)
            #expect(database.poolStatistics().connectionsInUse == 0)
        }
    }

    @Test("the installation ID is made once and then kept", arguments: TestDatabases.dialects)
    func instance(dialect: SQLDialect) async throws {
        try await TestDatabases.withDatabase(dialect) { database in
            try await Migrator().migrate(database)
            let first = try await InstanceRepository(database: database).ensure()
            let second = try await InstanceRepository(database: database).ensure(now: Date().addingTimeInterval(60))
            #expect(first == second)
            #expect(first.id.count == 26)
        }
    }

    @Test("a transaction cancelled midway rolls back and leaves the database writable", arguments: TestDatabases.dialects)
    func cancelledTransaction(dialect: SQLDialect) async throws {
        try await TestDatabases.withDatabase(dialect) { database in
            try await database.execute(try Self.createTableStatement(dialect))
            let (inserted, insertedSignal) = AsyncStream.makeStream(of: Void.self)
            let writer = Task {
                try await database.transaction { transaction in
                    try await transaction.query("INSERT INTO samples (id, label) VALUES (\(1), \("cancelled"))")
                    insertedSignal.yield()
                    try await Task.sleep(for: .seconds(3600))
                }
            }
            for await _ in inserted { break }
            writer.cancel()
            await #expect(throws: CancellationError.self) { try await writer.value }
            try await database.execute("INSERT INTO samples (id, label) VALUES (\(2), \("after"))")
            let rows = try await database.query("SELECT label FROM samples")
            #expect(try rows.map { try $0.decode("label", as: String.self) } == ["after"])
        }
    }

    @Test("a transaction inside a transaction is refused, not deadlocked", arguments: TestDatabases.dialects)
    func nestedTransaction(dialect: SQLDialect) async throws {
        try await TestDatabases.withDatabase(dialect) { database in
            await #expect(throws: DatabaseError.nestedTransaction) {
                try await database.transaction { _ in
                    try await database.execute("SELECT 1 AS one")
                }
            }
            try await database.execute("SELECT 1 AS one")
        }
    }

    @Test("aggregates decode to the same numbers on every database", arguments: TestDatabases.dialects)
    func aggregates(dialect: SQLDialect) async throws {
        try await TestDatabases.withDatabase(dialect) { database in
            try await database.execute(try Self.createTableStatement(dialect))
            for (id, count) in [(1, 2), (2, 3), (3, 10)] {
                try await database.execute("INSERT INTO samples (id, count) VALUES (\(id), \(Int64(count)))")
            }
            let row = try #require(
                try await database.query("SELECT SUM(count) AS total, AVG(count) AS mean, COUNT(*) AS n FROM samples").first)
            #expect(try row.decode("total", as: Double.self) == 15)
            #expect(try row.decode("mean", as: Double.self) == 5)
            #expect(try row.decode("n", as: Int.self) == 3)
        }
    }

    @Test("a caller cancelled while waiting for a connection leaves at once")
    func cancelledWhileWaiting() async throws {
        try await TestDatabases.withEmptyDatabaseURL(.sqlite) { url in
            let service = try await DatabaseService.open(
                location: try DatabaseLocation(url: url), poolSize: 1, logger: TestDatabases.logger)
            try await service.withRunning { database in
                let (holding, holdingSignal) = AsyncStream.makeStream(of: Void.self)
                let (release, releaseSignal) = AsyncStream.makeStream(of: Void.self)
                let holder = Task {
                    try await database.read { _ in
                        holdingSignal.yield()
                        for await _ in release { break }
                    }
                }
                for await _ in holding { break }
                let waiter = Task { try await database.query("SELECT 1 AS one") }
                try await waitUntil("the second reader waits") { database.poolStatistics().waiters == 1 }
                waiter.cancel()
                await #expect(throws: CancellationError.self) { try await waiter.value }
                #expect(database.poolStatistics().waiters == 0)
                releaseSignal.yield()
                try await holder.value
                #expect(try await database.query("SELECT 1 AS one").count == 1)
            }
        }
    }

    static func createTableStatement(_ dialect: SQLDialect) throws -> SQLStatement {
        switch dialect {
        case .sqlite:
            """
            CREATE TABLE samples (id INTEGER PRIMARY KEY, count INTEGER, ratio REAL, label TEXT,
                flag INTEGER, payload BLOB, seen_at TEXT, note TEXT)
            """
        case .postgresql:
            """
            CREATE TABLE samples (id BIGINT PRIMARY KEY, count BIGINT, ratio DOUBLE PRECISION, label TEXT,
                flag BOOLEAN, payload BYTEA, seen_at TIMESTAMPTZ, note TEXT)
            """
        }
    }
}
