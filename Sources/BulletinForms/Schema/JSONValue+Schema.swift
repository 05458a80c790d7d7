import Foundation

/// Small helpers the schema validator needs from values and JSON Pointers.
extension JSONValue {
    /// Whether the value can be a schema: only objects and Booleans are.
    var isSchema: Bool {
        switch self {
        case .object, .bool: true
        default: false
        }
    }
}

/// RFC 6901 JSON Pointer escaping, shared by instance locations and `$ref` fragments.
enum JSONPointer {
    /// Escapes one reference token (`~` as `~0`, `/` as `~1`).
    static func escape(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// Unescapes one reference token; `~1` is replaced first, as the RFC asks.
    static func unescape(_ token: Substring) -> String {
        String(token).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }

    /// The unescaped tokens of a pointer such as `/a~1b/0` (empty tokens are kept: `//` names the
    /// member called "").
    static func tokens(_ pointer: String) -> [String] {
        guard !pointer.isEmpty else { return [] }
        return pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(unescape)
    }

    /// A pointer from unescaped tokens.
    static func pointer(_ tokens: [String]) -> String {
        tokens.map { "/" + escape($0) }.joined()
    }
}

extension JSONValue {
    /// JSON Schema's equality, for `const`, `enum` and `uniqueItems`: like `==`, except that
    /// strings compare code point by code point. Swift's `String` equality treats canonically
    /// equivalent strings ("é" and "e" with a combining accent) as equal; JSON does not.
    func isIdentical(to other: JSONValue) -> Bool {
        switch (self, other) {
        case (.string(let left), .string(let right)):
            return left.unicodeScalars.elementsEqual(right.unicodeScalars)
        case (.array(let left), .array(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { $0.isIdentical(to: $1) }
        case (.object(let left), .object(let right)):
            return left.count == right.count
                && left.allSatisfy { key, value in right[key].map { value.isIdentical(to: $0) } ?? false }
        default:
            return self == other
        }
    }
}
