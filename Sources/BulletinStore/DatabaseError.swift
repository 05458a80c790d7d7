/// A failure of the storage layer.
///
/// Descriptions are for logs and operators; the HTTP layer never shows them to clients.
public enum DatabaseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A result lacked a column the code reads.
    case missingColumn(String)
    /// A column held a type other than the one read.
    case unexpectedColumnType(column: String, expected: String)
    /// The database could not be reached in time.
    case unreachable(database: String, reason: String)
    /// The database was used after it was closed.
    case closed
    /// A transaction was opened inside another on the same database.
    case nestedTransaction

    public var description: String {
        switch self {
        case .missingColumn(let column): "result has no column '\(column)'"
        case .unexpectedColumnType(let column, let expected): "column '\(column)' is not a \(expected)"
        case .unreachable(let database, let reason): "cannot reach \(database): \(reason)"
        case .closed: "the database is closed"
        case .nestedTransaction: "a transaction was opened inside another; pass the executor down instead"
        }
    }
}
