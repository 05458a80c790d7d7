import Foundation

/// The regular expressions of a schema (`pattern` and `patternProperties`), compiled once when
/// the schema is.
///
/// `@unchecked Sendable` because `NSRegularExpression` is immutable once made and documented as
/// safe to use from several threads, but is not marked `Sendable` on every platform.
struct CompiledPatterns: @unchecked Sendable {
    private var expressions: [String: NSRegularExpression] = [:]

    /// Compiles a pattern unless it already is.
    /// - Throws: ``JSONSchemaError/invalidPattern(_:)`` when it does not compile.
    mutating func add(_ pattern: String) throws {
        guard expressions[pattern] == nil else { return }
        guard let expression = try? NSRegularExpression(pattern: pattern) else {
            throw JSONSchemaError.invalidPattern(pattern)
        }
        expressions[pattern] = expression
    }

    /// Whether the pattern matches anywhere in the text (JSON Schema patterns are not anchored).
    func matches(_ pattern: String, _ text: String) -> Bool {
        guard let expression = expressions[pattern] ?? (try? NSRegularExpression(pattern: pattern)) else { return false }
        return expression.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)) != nil
    }
}
