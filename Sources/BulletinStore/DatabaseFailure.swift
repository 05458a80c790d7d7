import BulletinCore
import PostgresNIO
import SQLiteNIO

/// Words for an operator about why the database (or start-up) failed, without credentials
/// or SQL: PostgreSQL's own message where there is one, else the error's description.
public enum DatabaseFailure {
    /// The reason behind a database error, as PostgreSQL or the network stated it.
    public static func reason(_ error: any Error) -> String {
        if let error = error as? TimeoutError { return "no answer: \(error)" }
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return String(describing: underlying) }
            return error.code.description
        }
        return String(describing: error)
    }

    /// Whether an error is a unique-constraint violation, on either database.
    public static func isUniqueViolation(_ error: any Error) -> Bool {
        if let error = error as? PSQLError { return error.serverInfo?[.sqlState] == "23505" }
        if let error = error as? SQLiteError {
            return [.constraintUniqueFailed, .constraintPrimaryKeyFailed].contains(error.reason)
                || (error.reason == .constraint && error.message.contains("UNIQUE constraint failed"))
        }
        return false
    }
}
