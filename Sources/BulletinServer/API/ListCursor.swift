/// A list's `nextCursor`: where the next page starts, or `null` on the last page.
///
/// The generated types leave an optional property out of the JSON when it is `nil`, but the
/// API promises every list a `nextCursor`, `null` at the end; this type (the OpenAPI
/// document's `PageCursor`, by the generator's type override) writes that `null` itself.
struct ListCursor: Codable, Hashable, Sendable {
    /// The cursor, or `nil` on the last page.
    let value: String?

    init(_ value: String?) {
        self.value = value
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        value = container.decodeNil() ? nil : try container.decode(String.self)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}
