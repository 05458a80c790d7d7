/// Where a repository runs its statements: the database itself, where each call opens its own
/// read or transaction, or a transaction already open, which each call joins.
///
/// Every repository is a value made from one (`ProjectRepository(database: context)`), so the
/// same method serves a caller on its own and a caller that composes several changes in one
/// transaction: `database.transaction { executor in … ProjectRepository(database: executor) … }`.
public protocol SQLContext: Sendable {
    /// The SQL dialect of the database.
    var dialect: SQLDialect { get }

    /// Runs `body` on a connection that is fit for reading (an open transaction's own).
    func read<Result: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> Result) async throws -> Result

    /// Runs `body` in a transaction: a new one that commits when `body` returns and rolls back
    /// when it throws, or the transaction already open, which `body` joins.
    func transaction<Result: Sendable>(
        _ body: @Sendable (any SQLExecutor) async throws -> Result
    ) async throws -> Result
}

extension SQLContext {
    /// Runs one read statement.
    public func query(_ statement: SQLStatement) async throws -> [SQLRow] {
        try await read { try await $0.query(statement) }
    }

    /// Runs one write statement in a transaction (its own, or the one open).
    @discardableResult
    public func execute(_ statement: SQLStatement) async throws -> [SQLRow] {
        try await transaction { try await $0.query(statement) }
    }
}

/// Runs statements on one connection: inside a transaction or a read. As a context, it is
/// the transaction it runs in: reads and transactions made from it join it.
public protocol SQLExecutor: SQLContext {
    /// Runs a statement and returns its rows (none for statements without results).
    @discardableResult
    func query(_ statement: SQLStatement) async throws -> [SQLRow]

    /// Announces a change to every node's listeners once the transaction commits (at once
    /// outside a transaction); nothing is announced if it rolls back.
    func notify(_ notification: DatabaseNotification) async throws
}

extension SQLExecutor {
    /// Runs `body` on this connection.
    public func read<Result: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> Result) async throws -> Result {
        try await body(self)
    }

    /// Runs `body` in the transaction this executor belongs to.
    public func transaction<Result: Sendable>(
        _ body: @Sendable (any SQLExecutor) async throws -> Result
    ) async throws -> Result {
        try await body(self)
    }
}

/// The one storage interface every repository uses, implemented for SQLite and PostgreSQL.
///
/// Written here rather than taken from SQLKit: SQLKit's drivers pool connections through
/// async-kit's EventLoopFuture pool, which cannot express SQLite's one-writer, many-readers
/// split and would duplicate PostgresNIO's own `PostgresClient` pool; this layer is a few
/// hundred lines over SQLiteNIO and PostgresNIO.
///
/// Writes happen in ``transaction(_:)``: the closure's statements commit together when it
/// returns, and roll back when it throws. Reads that need no transaction use ``read(_:)``,
/// which SQLite serves from its reader pool while a write is in progress. As a ``SQLContext``,
/// each ``transaction(_:)`` opens a new transaction: one inside another on the same database
/// throws ``DatabaseError/nestedTransaction`` (a repository meant to join the open transaction
/// is made from its executor instead).
public protocol Database: SQLContext {
    /// Where this process's listeners receive the notifications of every node.
    var notifications: NotificationHub { get }

    /// The current figures of the connection pool.
    func poolStatistics() -> PoolStatistics

    /// Closes every connection; the database cannot be used afterwards.
    func close() async
}

extension Database {
    /// Checks that the database answers.
    public func ping() async throws {
        try await query("SELECT 1 AS ok")
    }
}

/// Figures of a connection pool, exported as metrics.
public struct PoolStatistics: Sendable, Equatable {
    /// The most connections the pool opens.
    public var maximumConnections: Int
    /// Connections currently lent out.
    public var connectionsInUse: Int
    /// Callers waiting for a connection.
    public var waiters: Int

    /// Creates pool figures.
    public init(maximumConnections: Int, connectionsInUse: Int, waiters: Int) {
        self.maximumConnections = maximumConnections
        self.connectionsInUse = connectionsInUse
        self.waiters = waiters
    }
}
