import Foundation

/// An e-mail address, normalised so that one mailbox has one spelling: trimmed, in Unicode
/// canonical composition (NFC), and lower-cased (addresses are compared case-insensitively,
/// as people expect).
public struct EmailAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The normalised address.
    public let value: String

    /// The longest address accepted (RFC 5321's path limit).
    public static let maximumLength = 254

    /// Normalises and checks an address: one `@`, a non-empty local part, a domain with a
    /// dot and no empty labels, no spaces or control characters; or `nil`.
    public init?(_ raw: String) {
        let trimmed = raw.trimmingWhitespace().precomposedStringWithCanonicalMapping.lowercased()
        guard trimmed.utf8.count <= Self.maximumLength else { return nil }
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].utf8.count <= 64 else { return nil }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") })
        else { return nil }
        guard !trimmed.unicodeScalars.contains(where: { Self.refused.contains($0.properties.generalCategory) }) else {
            return nil
        }
        value = trimmed
    }

    /// Control, format and separator characters (spaces included) never belong in an address.
    private static let refused: Set<Unicode.GeneralCategory> = [
        .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator,
    ]

    /// Decodes through the same checks as ``init(_:)``, so no unchecked address exists.
    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let address = EmailAddress(raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an e-mail address"))
        }
        self = address
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public var description: String { value }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
