/// A SQL statement whose interpolated values become bound parameters, never SQL text.
///
/// ```swift
/// let rows = try await db.query("SELECT name FROM projects WHERE id = \(id)")
/// ```
/// Each dialect renders its own placeholders (`$1` on PostgreSQL, `?` on SQLite), so a
/// query is written once for both databases.
public struct SQLStatement: Sendable, ExpressibleByStringInterpolation {
    enum Fragment: Sendable {
        case sql(String)
        case bind(SQLValue)
    }

    var fragments: [Fragment]

    public init(stringLiteral value: String) {
        fragments = [.sql(value)]
    }

    public init(stringInterpolation: StringInterpolation) {
        fragments = stringInterpolation.fragments
    }

    /// Adds another statement's text and values to the end of this one, for queries whose
    /// conditions depend on the input (filters).
    public mutating func append(_ other: SQLStatement) {
        fragments += other.fragments
    }

    /// A parenthesised, comma-separated list of bound values, for `IN` (at least one value).
    public static func list<Value: SQLBindable>(_ values: some Sequence<Value>) -> SQLStatement {
        var statement: SQLStatement = "("
        for (index, value) in values.enumerated() {
            statement.append(index == 0 ? "\(value)" : ", \(value)")
        }
        statement.append(")")
        return statement
    }

    /// The statement's SQL text in a dialect, and its parameters in order.
    public func rendered(for dialect: SQLDialect) -> (sql: String, binds: [SQLValue]) {
        var sql = ""
        var binds: [SQLValue] = []
        for fragment in fragments {
            switch fragment {
            case .sql(let text):
                sql += text
            case .bind(let value):
                binds.append(value)
                sql += dialect.placeholder(binds.count)
            }
        }
        return (sql, binds)
    }

    /// Builds a statement from literal SQL and bound values.
    public struct StringInterpolation: StringInterpolationProtocol {
        var fragments: [Fragment] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            fragments.reserveCapacity(interpolationCount * 2 + 1)
        }

        public mutating func appendLiteral(_ literal: String) {
            fragments.append(.sql(literal))
        }

        /// Binds a value as a parameter.
        public mutating func appendInterpolation(_ value: some SQLBindable) {
            fragments.append(.bind(value.sqlValue))
        }

        /// Binds an optional value: NULL when it is `nil`.
        public mutating func appendInterpolation<Value: SQLBindable>(_ value: Value?) {
            fragments.append(.bind(value?.sqlValue ?? .null))
        }

        /// Inserts another statement: its text as SQL, its values still bound.
        public mutating func appendInterpolation(_ statement: SQLStatement) {
            fragments += statement.fragments
        }

        /// Binds a value that is already a `SQLValue`.
        public mutating func appendInterpolation(_ value: SQLValue) {
            fragments.append(.bind(value))
        }
    }
}

/// The SQL dialects Bulletin speaks.
public enum SQLDialect: String, Sendable, CaseIterable {
    case sqlite
    case postgresql

    func placeholder(_ position: Int) -> String {
        switch self {
        case .sqlite: "?"
        case .postgresql: "$\(position)"
        }
    }
}
