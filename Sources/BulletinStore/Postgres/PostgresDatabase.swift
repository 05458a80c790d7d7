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
    let client: PostgresClient
    private let counters: PoolCounters
    private let logger: Logger

    /// Creates the pooled client; no connection is opened until the first query.
    public init(configuration: PostgresClient.Configuration, logger: Logger) {
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.counters = PoolCounters(maximumConnections: configuration.options.maximumConnections)
        self.logger = logger
    }

    /// Runs the client's connection pool until the task is cancelled.
    public func run() async {
        await client.run()
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
