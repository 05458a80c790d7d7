import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLiteNIO
import Synchronization

/// The embedded database: one SQLite file in WAL mode with one writer and a pool of readers.
///
/// SQLite allows one writer at a time; giving writes a single connection turns contention
/// into a queue in this process instead of `SQLITE_BUSY` errors, while WAL lets the
/// readers run alongside it. Transactions begin `IMMEDIATE` so that a second process on the
/// same file waits on `busy_timeout` at `BEGIN` instead of failing mid-transaction.
///
/// Every connection has a thread of its own in the database's thread pool: a connection
/// waiting out `busy_timeout` blocks its thread, and on a shared pool that wait could starve
/// the very connection holding the lock.
public final class SQLiteDatabase: Database {
    public let dialect = SQLDialect.sqlite
    public let notifications = NotificationHub()
    private let writer: ConnectionPool<SQLiteConnection>
    private let readers: ConnectionPool<SQLiteConnection>
    private let writerCounters: PoolCounters
    private let readerCounters: PoolCounters
    private let threadPool: NIOThreadPool
    private let isOpen = Atomic(true)
    private let logger: Logger

    /// How long a connection waits for another process's lock before failing with
    /// `SQLITE_BUSY`. Long enough for a busy node's migration (or a worker process's batch)
    /// to finish on a loaded machine: failing a write is worse than waiting for it.
    static let lockWaitMilliseconds = 30_000

    /// Opens (creating if needed) the database file at `path`.
    ///
    /// - Parameters:
    ///   - path: The file's path; its folder must exist.
    ///   - readerCount: Connections for concurrent reads. Defaults to 4.
    ///   - logger: Where the connections log.
    public static func open(path: String, readerCount: Int = 4, logger: Logger) async throws -> SQLiteDatabase {
        let readerCount = max(1, readerCount)
        let threadPool = NIOThreadPool(numberOfThreads: readerCount + 1)
        threadPool.start()
        var opened: [SQLiteConnection] = []
        do {
            for index in 0...readerCount {
                opened.append(
                    try await openConnection(path: path, readOnly: index > 0, threadPool: threadPool, logger: logger))
            }
        } catch {
            for connection in opened { try? await connection.close() }
            try? await threadPool.shutdownGracefully()
            throw error
        }
        return SQLiteDatabase(
            writer: opened[0], readers: Array(opened.dropFirst()), threadPool: threadPool, logger: logger)
    }

    private init(writer: SQLiteConnection, readers: [SQLiteConnection], threadPool: NIOThreadPool, logger: Logger) {
        self.threadPool = threadPool
        writerCounters = PoolCounters(maximumConnections: 1)
        readerCounters = PoolCounters(maximumConnections: readers.count)
        self.writer = ConnectionPool(connections: [writer], counters: writerCounters)
        self.readers = ConnectionPool(connections: readers, counters: readerCounters)
        self.logger = logger
    }

    /// Opens one connection, set up the way PocketBase does it.
    private static func openConnection(
        path: String, readOnly: Bool, threadPool: NIOThreadPool, logger: Logger
    ) async throws -> SQLiteConnection {
        let connection = try await SQLiteConnection.open(
            storage: .file(path: path), threadPool: threadPool, logger: logger,
            on: MultiThreadedEventLoopGroup.singleton.any())
        do {
            try await configure(connection, readOnly: readOnly)
        } catch {
            try? await connection.close()
            throw error
        }
        return connection
    }

    private static func configure(_ connection: SQLiteConnection, readOnly: Bool) async throws {
        // busy_timeout first, so that every later pragma waits out another process's lock
        // instead of failing with SQLITE_BUSY.
        _ = try await connection.query("PRAGMA busy_timeout = \(lockWaitMilliseconds)", [])
        if !readOnly {
            try await enableWriteAheadLog(connection)
        }
        // NORMAL is durable in WAL mode except against power loss of the last commits.
        _ = try await connection.query("PRAGMA synchronous = NORMAL", [])
        _ = try await connection.query("PRAGMA foreign_keys = ON", [])
        if readOnly {
            _ = try await connection.query("PRAGMA query_only = ON", [])
        }
    }

    /// Switches the file to WAL, which lets readers work while the writer writes.
    ///
    /// WAL is a property of the file, set once. Switching needs an exclusive lock, and when
    /// another process is mid-transaction on a new file SQLite answers BUSY at once (waiting
    /// could deadlock) instead of calling the busy handler, so the switch is retried.
    private static func enableWriteAheadLog(_ connection: SQLiteConnection) async throws {
        let retryInterval = 50
        var attempt = 0
        while true {
            do {
                _ = try await connection.query("PRAGMA journal_mode = WAL", [])
                return
            } catch let error as SQLiteError
                where error.reason == .busy && attempt < lockWaitMilliseconds / retryInterval
            {
                attempt += 1
                try await Task.sleep(for: .milliseconds(retryInterval))
            }
        }
    }

    public func read<Result: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> Result) async throws -> Result {
        try await readers.withConnection { connection in
            try await body(SQLiteExecutor(connection: connection, hub: notifications, pending: nil))
        }
    }

    public func transaction<Result: Sendable>(
        _ body: @Sendable (any SQLExecutor) async throws -> Result
    ) async throws -> Result {
        let pending = PendingNotifications()
        let result = try await TransactionScope.enter(self) {
            try await writer.withConnection { connection in
                let statements = TransactionStatements(
                    begin: { _ = try await connection.query("BEGIN IMMEDIATE", []) },
                    commit: { _ = try await connection.query("COMMIT", []) },
                    rollback: { _ = try await connection.query("ROLLBACK", []) })
                return try await runTransaction(statements, logger: logger) {
                    try await body(SQLiteExecutor(connection: connection, hub: notifications, pending: pending))
                }
            }
        }
        pending.deliver(to: notifications)
        return result
    }

    public func poolStatistics() -> PoolStatistics {
        let writes = writerCounters.statistics
        let reads = readerCounters.statistics
        return PoolStatistics(
            maximumConnections: writes.maximumConnections + reads.maximumConnections,
            connectionsInUse: writes.connectionsInUse + reads.connectionsInUse,
            waiters: writes.waiters + reads.waiters
        )
    }

    public func close() async {
        guard isOpen.exchange(false, ordering: .relaxed) else { return }
        let connections = await writer.drain() + readers.drain()
        for connection in connections {
            do {
                try await connection.close()
            } catch {
                logger.warning("closing a SQLite connection failed", metadata: ["error": "\(error)"])
            }
        }
        do {
            try await threadPool.shutdownGracefully()
        } catch {
            logger.warning("stopping SQLite's threads failed", metadata: ["error": "\(error)"])
        }
    }
}

/// Runs statements on one SQLite connection.
struct SQLiteExecutor: SQLExecutor {
    let connection: SQLiteConnection
    let hub: NotificationHub
    /// The open transaction's notifications, or `nil` outside a transaction.
    let pending: PendingNotifications?
    var dialect: SQLDialect { .sqlite }

    /// SQLite has no NOTIFY: the process's own hub delivers, after the commit. Other
    /// processes on the same file learn of the change by polling.
    func notify(_ notification: DatabaseNotification) async throws {
        if let pending { pending.append(notification) } else { hub.deliver(notification) }
    }

    @discardableResult
    func query(_ statement: SQLStatement) async throws -> [SQLRow] {
        let (sql, binds) = statement.rendered(for: .sqlite)
        let rows = try await connection.query(sql, binds.map(Self.sqliteData))
        return rows.map { row in
            var values: [String: SQLValue] = [:]
            values.reserveCapacity(row.columns.count)
            for column in row.columns {
                values[column.name] = Self.sqlValue(column.data)
            }
            return SQLRow(values: values)
        }
    }

    private static func sqliteData(_ value: SQLValue) -> SQLiteData {
        switch value {
        case .null: .null
        case .integer(let value): .integer(SQLiteInt64(value))
        case .double(let value): .float(value)
        case .text(let value): .text(value)
        case .blob(let bytes): .blob(ByteBuffer(bytes: bytes))
        case .bool(let value): .integer(value ? 1 : 0)
        case .date(let date): .text(SQLTimestamp.format(date))
        }
    }

    private static func sqlValue(_ data: SQLiteData) -> SQLValue {
        switch data {
        case .null: .null
        case .integer(let value): .integer(Int64(value))
        case .float(let value): .double(value)
        case .text(let value): .text(value)
        case .blob(let buffer): .blob(Array(buffer.readableBytesView))
        }
    }
}
