/// How violation messages write values.
enum SchemaText {
    /// A number as a person writes it: `3`, not `3.0`.
    static func number(_ value: Double) -> String {
        if value.isFinite, value.rounded(.towardZero) == value, abs(value) < 1e15 {
            return String(Int64(value))
        }
        return String(value)
    }

    /// A value as short JSON, for messages such as "must be \"draft\"".
    static func value(_ value: JSONValue) -> String {
        if case .number(let number) = value { return self.number(number) }
        return value.jsonText()
    }

    /// "1 character", "3 characters".
    static func count(_ value: Double, _ singular: String, _ plural: String) -> String {
        "\(number(value)) \(value == 1 ? singular : plural)"
    }
}
