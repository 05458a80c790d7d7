/// A property the API always sends, `null` when it has no value.
///
/// The generated types leave an optional property out of the JSON when it is `nil`, but some
/// properties are promised to every answer (a list's `nextCursor`, a column's `wipLimit`);
/// the OpenAPI document's schemas for them are mapped to this type by the generator's type
/// overrides, and it writes the `null` itself.
public struct AlwaysSent<Wrapped: Codable & Hashable & Sendable>: Codable, Hashable, Sendable {
    /// The value, or `nil` for `null`.
    public let value: Wrapped?

    /// Wraps a value, or `nil` for `null`.
    public init(_ value: Wrapped?) {
        self.value = value
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        value = container.decodeNil() ? nil : try container.decode(Wrapped.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}

/// A list's `nextCursor`: where the next page starts, or `null` on the last page (the
/// document's `PageCursor`).
public typealias ListCursor = AlwaysSent<String>

/// A board column's WIP limit, or `null` without one (the document's `WipLimit`).
public typealias ColumnLimit = AlwaysSent<Int>
