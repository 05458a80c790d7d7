import Foundation
import Logging
import NIOCore
import PostgresNIO

/// PostgreSQL through PostgresNIO's pooled client, for running many nodes on one database.
///
/// The client's `run()` must be running for queries to proceed: `DatabaseService` runs it
/// in the service group, and ``withRunning(_:)`` runs it for a command-line task.
public final class PostgresDatabase: Database {
    public let dialect = SQLDialect.postgresql
    public let notifications = NotificationHub()
    let client: PostgresClient
    private let counters: PoolCounters
    private let logger: Logger

    /// Creates the pooled client; no connection is opened until the first query.
    public init(configuration: PostgresClient.Configuration, logger: Logger) {
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.counters = PoolCounters(maximumConnections: configuration.options.maximumConnections)
        self.logger = logger
    }

    /// The one PostgreSQL channel Bulletin notifies on; the payload carries our channel.
    static let notificationChannel = "bulletin"

    /// Runs the client's connection pool, and the listener that hands other nodes'
    /// notifications to ``notifications``, until the task is cancelled.
    public func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.client.run() }
            group.addTask { await self.listenForNotifications() }
        }
    }

    /// Listens on one connection of the pool for as long as the task runs, reconnecting with
    /// back-off; after each (re)connection every listener is told it may have missed some.
    private func listenForNotifications() async {
        var delay = Duration.milliseconds(100)
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: Self.notificationChannel) { notifications in
                        self.notifications.deliverResynchronise()
                        for try await notification in notifications {
                            if let parsed = Self.parse(notification.payload) { self.notifications.deliver(parsed) }
                        }
                    }
                }
                delay = .milliseconds(100)
            } catch {
                if Task.isCancelled { return }
                logger.debug("listening for notifications failed; retrying", metadata: ["error": "\(String(reflecting: error))"])
            }
            try? await Task.sleep(for: delay)
            delay = min(delay * 2, .seconds(5))
        }
    }

    static func payload(of notification: DatabaseNotification) -> String {
        notification.channel + ":" + notification.payload
    }

    static func parse(_ payload: String) -> DatabaseNotification? {
        guard let colon = payload.firstIndex(of: ":") else { return nil }
        return DatabaseNotification(
            channel: String(payload[..<colon]), payload: String(payload[payload.index(after: colon)...]))
    }

    public func read<Result: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> Result) async throws -> Result {
        try await leased { connection in
            try await body(PostgresExecutor(connection: connection, logger: logger))
        }
    }

    public func transaction<Result: Sendable>(
        _ body: @Sendable (any SQLExecutor) async throws -> Result
    ) async throws -> Result {
        let logger = self.logger
        return try await TransactionScope.enter(self) {
            try await leased { connection in
                let statements = TransactionStatements(
                    begin: { try await connection.query("BEGIN", logger: logger) },
                    commit: { try await connection.query("COMMIT", logger: logger) },
                    rollback: { try await connection.query("ROLLBACK", logger: logger) })
                return try await runTransaction(statements, logger: logger) {
                    try await body(PostgresExecutor(connection: connection, logger: logger))
                }
            }
        }
    }

    public func poolStatistics() -> PoolStatistics {
        counters.statistics
    }

    /// Nothing to do here: the pool closes its connections when `run()` is cancelled.
    public func close() async {}

    private func leased<Result: Sendable>(
        _ body: @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        counters.didStartWaiting()
        var waiting = true
        defer { if waiting { counters.didStopWaiting() } }
        return try await client.withConnection { connection in
            counters.didStopWaiting()
            waiting = false
            counters.didCheckOut()
            defer { counters.didCheckIn() }
            return try await body(connection)
        }
    }
}

/// Runs statements on one PostgreSQL connection.
struct PostgresExecutor: SQLExecutor {
    let connection: PostgresConnection
    let logger: Logger
    var dialect: SQLDialect { .postgresql }

    func notify(_ notification: DatabaseNotification) async throws {
        let payload = PostgresDatabase.payload(of: notification)
        try await query("SELECT pg_notify(\(PostgresDatabase.notificationChannel), \(payload))")
    }

    @discardableResult
    func query(_ statement: SQLStatement) async throws -> [SQLRow] {
        let (sql, values) = statement.rendered(for: .postgresql)
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .null: bindings.appendNull()
            case .integer(let value): bindings.append(value)
            case .double(let value): bindings.append(value)
            case .text(let value): bindings.append(value)
            case .blob(let bytes): bindings.append(ByteBuffer(bytes: bytes))
            case .bool(let value): bindings.append(value)
            case .date(let value): bindings.append(value)
            }
        }
        let rows = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
        var result: [SQLRow] = []
        for try await row in rows {
            var columns: [String: SQLValue] = [:]
            for cell in row {
                columns[cell.columnName] = try Self.sqlValue(cell)
            }
            result.append(SQLRow(values: columns))
        }
        return result
    }

    private static func sqlValue(_ cell: PostgresCell) throws -> SQLValue {
        guard var bytes = cell.bytes else { return .null }
        switch cell.dataType {
        case .bool: return .bool(try cell.decode(Bool.self))
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .float4, .float8: return .double(try cell.decode(Double.self))
        case .numeric: return .double(NSDecimalNumber(decimal: try cell.decode(Decimal.self)).doubleValue)
        case .timestamptz, .timestamp, .date: return .date(try cell.decode(Date.self))
        case .bytea: return .blob(Array(bytes.readableBytesView))
        case .jsonb:
            // Binary jsonb starts with a one-byte format version.
            bytes.moveReaderIndex(forwardBy: 1)
            return .text(bytes.readString(length: bytes.readableBytes) ?? "")
        case .json: return .text(bytes.readString(length: bytes.readableBytes) ?? "")
        default:
            // Text-like types (varchar, name, uuid, …) decode as strings; anything else throws
            // instead of arriving garbled.
            return .text(try cell.decode(String.self))
        }
    }
}
