/// One row of a result, read by column name.
public struct SQLRow: Sendable, Hashable {
    /// The row's values by column name.
    public let values: [String: SQLValue]

    /// Creates a row from its values.
    public init(values: [String: SQLValue]) {
        self.values = values
    }

    /// Reads a column as a type, throwing when it is missing, NULL or of another type.
    public func decode<Value: SQLDecodable>(_ column: String, as type: Value.Type = Value.self) throws -> Value {
        guard let raw = values[column] else { throw DatabaseError.missingColumn(column) }
        guard let value = Value(sqlValue: raw) else {
            throw DatabaseError.unexpectedColumnType(column: column, expected: "\(Value.self)")
        }
        return value
    }

    /// Reads a nullable column: `nil` when it is NULL.
    public func decodeIfPresent<Value: SQLDecodable>(_ column: String, as type: Value.Type = Value.self) throws -> Value? {
        if values[column] == .null { return nil }
        return try decode(column, as: type)
    }
}
