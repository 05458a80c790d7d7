import Foundation

/// `If-None-Match` as the API reads it, for the reads that answer 304 (report documents, the board;
/// the board compares any length, as its answers are small).
extension BulletinAPI {
    /// The longest `If-None-Match` read (the document's `maxLength`): a few ETags, not a page.
    static let maximumValidatorLength = 1024

    /// Refuses an `If-None-Match` longer than ``maximumValidatorLength`` with a 400.
    static func checkLength(ifNoneMatch: String?) throws {
        if let ifNoneMatch, ifNoneMatch.unicodeScalars.count > maximumValidatorLength {
            throw APIError(.badRequest, detail: "If-None-Match has at most \(maximumValidatorLength) characters.")
        }
    }

    /// Whether `If-None-Match` names the ETag (weakly compared, as RFC 9110 asks for it) or is `*`.
    static func matches(_ ifNoneMatch: String, etag: String) -> Bool {
        ifNoneMatch.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || (tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag) == etag
        }
    }
}
