import Foundation

/// A `REGEX` constraint's pattern, compiled once.
///
/// Unleash evaluates patterns with RE2 semantics: search anywhere in the value, inline flags
/// such as `(?i)`, `(?m)`, `(?s)`, POSIX classes, and no lookaround or backreferences. ICU's
/// `NSRegularExpression` (thread-safe, unlike a `Regex` with untyped captures) accepts a
/// superset, so patterns with lookaround or backreferences are refused here, as RE2 refuses
/// them, and never match.
struct FlagPattern: Sendable {
    private let regex: NSRegularExpression

    /// Compiles `pattern`, or returns `nil` when it is not a valid RE2-compatible pattern.
    init?(_ pattern: String, caseInsensitive: Bool) {
        guard Self.isRE2Compatible(pattern),
            let regex = try? NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
        else { return nil }
        self.regex = regex
    }

    /// Whether the pattern matches anywhere in `value`.
    func matches(_ value: String) -> Bool {
        regex.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
    }

    /// Whether `pattern` avoids the constructs RE2 lacks: lookahead, lookbehind, and
    /// backreferences (`\1`…`\9`, `\k<name>`, `\g{n}`).
    static func isRE2Compatible(_ pattern: String) -> Bool {
        let characters = Array(pattern)
        var index = 0
        var inClass = false
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count {
                let escaped = characters[index + 1]
                if !inClass, ("1"..."9").contains(escaped) || escaped == "k" || escaped == "g" { return false }
                index += 2
                continue
            }
            if inClass {
                if character == "]" { inClass = false }
            } else if character == "[" {
                inClass = true
                // A `]` right after `[` or `[^` is a literal member.
                if index + 1 < characters.count, characters[index + 1] == "^" { index += 1 }
                if index + 1 < characters.count, characters[index + 1] == "]" { index += 1 }
            } else if character == "(", index + 2 < characters.count, characters[index + 1] == "?" {
                let next = characters[index + 2]
                if next == "=" || next == "!" { return false }
                if next == "<", index + 3 < characters.count, "=!".contains(characters[index + 3]) { return false }
            }
            index += 1
        }
        return true
    }
}
