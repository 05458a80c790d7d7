import Foundation

/// A value bound to, or read from, a SQL statement, in the types both databases share.
///
/// Times are `timestamptz` on PostgreSQL and RFC 3339 text with milliseconds (which sorts
/// correctly) on SQLite; booleans are `boolean` and `0`/`1`.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case double(Double)
    case text(String)
    case blob([UInt8])
    case bool(Bool)
    case date(Date)
}

/// A Swift type that can be bound as a statement parameter.
public protocol SQLBindable: Sendable {
    /// The value as it is bound.
    var sqlValue: SQLValue { get }
}

/// A Swift type that can be read from a result column.
public protocol SQLDecodable: Sendable {
    /// Creates the value from a column, or returns `nil` when the column holds another type.
    init?(sqlValue: SQLValue)
}

extension Int: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
    public init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .integer(let value): self.init(exactly: value)
        case .double(let value): self.init(exactly: value)
        case .bool(let value): self = value ? 1 : 0
        default: return nil
        }
    }
}

extension Int64: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .integer(self) }
    public init?(sqlValue: SQLValue) {
        guard let value = Int(sqlValue: sqlValue) else { return nil }
        self = Int64(value)
    }
}

extension Double: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .double(self) }
    public init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .double(let value): self = value
        case .integer(let value): self = Double(value)
        default: return nil
        }
    }
}

extension String: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .text(self) }
    public init?(sqlValue: SQLValue) {
        guard case .text(let value) = sqlValue else { return nil }
        self = value
    }
}

extension Bool: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .bool(self) }
    public init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .bool(let value): self = value
        case .integer(let value): self = value != 0
        default: return nil
        }
    }
}

extension Date: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .date(self) }
    public init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .date(let value): self = value
        case .text(let text):
            guard let value = SQLTimestamp.parse(text) else { return nil }
            self = value
        default: return nil
        }
    }
}

extension Array: SQLBindable, SQLDecodable where Element == UInt8 {
    public var sqlValue: SQLValue { .blob(self) }
    public init?(sqlValue: SQLValue) {
        guard case .blob(let value) = sqlValue else { return nil }
        self = value
    }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

/// How SQLite stores times: RFC 3339 in UTC with milliseconds, which sorts as text.
enum SQLTimestamp {
    static func format(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    static func parse(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true)) {
            return date
        }
        return try? Date(text, strategy: .iso8601)
    }
}
