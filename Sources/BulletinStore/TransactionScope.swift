import Logging

/// Which database the current task has a transaction open on, to refuse nesting.
///
/// A transaction inside a transaction would wait forever for SQLite's single writer, and on
/// PostgreSQL would silently run apart from the outer one; both are bugs, so they throw.
enum TransactionScope {
    @TaskLocal static var database: ObjectIdentifier?

    /// Runs `body` marked as inside a transaction on `database`, or throws if it already is.
    static func enter<Result: Sendable>(
        _ database: AnyObject, _ body: () async throws -> Result
    ) async throws -> Result {
        let id = ObjectIdentifier(database)
        guard self.database != id else { throw DatabaseError.nestedTransaction }
        return try await $database.withValue(id) { try await body() }
    }
}

/// The statements that open and close a transaction on one connection, in its dialect.
struct TransactionStatements: Sendable {
    let begin: @Sendable () async throws -> Void
    let commit: @Sendable () async throws -> Void
    let rollback: @Sendable () async throws -> Void
}

/// Runs `body` between BEGIN and COMMIT; when `body` or the COMMIT fails, rolls back and
/// rethrows. COMMIT and ROLLBACK run to the end even when the task is cancelled.
func runTransaction<Result: Sendable>(
    _ statements: TransactionStatements, logger: Logger, _ body: () async throws -> Result
) async throws -> Result {
    try await statements.begin()
    do {
        let result = try await body()
        try await uncancellable(statements.commit)
        return result
    } catch {
        do {
            try await uncancellable(statements.rollback)
        } catch let rollbackError {
            logger.error("rollback failed", metadata: ["error": "\(String(reflecting: rollbackError))"])
        }
        throw error
    }
}

/// Runs `operation` to the end even if the calling task is cancelled.
///
/// For the statements that end a transaction: a COMMIT or ROLLBACK refused because the task
/// was cancelled would leave the connection inside an open transaction.
func uncancellable<Result: Sendable>(_ operation: @escaping @Sendable () async throws -> Result) async throws -> Result {
    try await Task { try await operation() }.value
}
