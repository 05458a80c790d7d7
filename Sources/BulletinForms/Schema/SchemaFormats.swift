import Foundation

/// Checks for the `format` values 2020-12 defines, used only when formats are asserted.
///
/// They follow the RFCs the specification cites (3339 for dates and times, 3986/3987 for URIs,
/// 5321 for email, 1123 for host names, 4122 for UUIDs, 6901 for JSON Pointers) closely enough
/// for form input; internationalised host names are checked only for their ASCII rules.
enum SchemaFormats {
    /// Whether text has the format; `nil` for a format that is not known (which never fails).
    static func check(_ format: String, _ text: String) -> Bool? {
        switch format {
        case "date": isDate(text)
        case "time": isTime(text)
        case "date-time": isDateTime(text)
        case "duration": isDuration(text)
        case "email": isEmail(text, international: false)
        case "idn-email": isEmail(text, international: true)
        case "hostname": isHostname(text, international: false)
        case "idn-hostname": isHostname(text, international: true)
        case "ipv4": isIPv4(text)
        case "ipv6": isIPv6(text)
        case "uri": SchemaURIFormat.isValid(text, requiresScheme: true, international: false)
        case "uri-reference": SchemaURIFormat.isValid(text, requiresScheme: false, international: false)
        case "iri": SchemaURIFormat.isValid(text, requiresScheme: true, international: true)
        case "iri-reference": SchemaURIFormat.isValid(text, requiresScheme: false, international: true)
        case "uri-template": isURITemplate(text)
        case "uuid": isUUID(text)
        case "json-pointer": isJSONPointer(text)
        case "relative-json-pointer": isRelativeJSONPointer(text)
        case "regex": isECMARegex(text)
        default: nil
        }
    }

    /// RFC 3339 `full-date`, with the days each month really has.
    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month)
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }

    /// RFC 3339 `full-time`: a leap second is allowed only at 23:59:60 UTC.
    static func isTime(_ text: String) -> Bool {
        let characters = Array(text)
        guard characters.count >= 9, characters[2] == ":", characters[5] == ":",
            let hour = twoDigits(characters, 0), let minute = twoDigits(characters, 3), let second = twoDigits(characters, 6),
            hour <= 23, minute <= 59, second <= 60
        else { return false }
        var position = 8
        if position < characters.count, characters[position] == "." {
            position += 1
            let start = position
            while position < characters.count, characters[position].isASCIIDigit { position += 1 }
            guard position > start else { return false }
        }
        guard position < characters.count else { return false }
        var offsetMinutes = 0
        switch characters[position] {
        case "Z", "z":
            guard position + 1 == characters.count else { return false }
        case "+", "-":
            guard characters.count == position + 6, characters[position + 3] == ":",
                let offsetHour = twoDigits(characters, position + 1), let offsetMinute = twoDigits(characters, position + 4),
                offsetHour <= 23, offsetMinute <= 59
            else { return false }
            offsetMinutes = (offsetHour * 60 + offsetMinute) * (characters[position] == "+" ? 1 : -1)
        default:
            return false
        }
        guard second == 60 else { return true }
        let utc = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
        return utc == 23 * 60 + 59
    }

    private static func twoDigits(_ characters: [Character], _ start: Int) -> Int? {
        guard start + 1 < characters.count, characters[start].isASCIIDigit, characters[start + 1].isASCIIDigit else { return nil }
        return Int(String(characters[start...(start + 1)]))
    }

    /// RFC 3339 `date-time`.
    static func isDateTime(_ text: String) -> Bool {
        guard let separator = text.firstIndex(where: { $0 == "T" || $0 == "t" }) else { return false }
        return isDate(String(text[..<separator])) && isTime(String(text[text.index(after: separator)...]))
    }

    /// RFC 3339 appendix A `duration` (ISO 8601): weeks alone, or date and time parts in order.
    static func isDuration(_ text: String) -> Bool {
        let date = "(?:[0-9]+Y(?:[0-9]+M(?:[0-9]+D)?)?|[0-9]+M(?:[0-9]+D)?|[0-9]+D)"
        let time = "T(?:[0-9]+H(?:[0-9]+M(?:[0-9]+S)?)?|[0-9]+M(?:[0-9]+S)?|[0-9]+S)"
        return matches("^P(?:[0-9]+W|\(date)(?:\(time))?|\(time))\\z", text)
    }

    /// RFC 5321 `Mailbox`: a dot-atom or quoted local part, then a host name or an address literal.
    static func isEmail(_ text: String, international: Bool) -> Bool {
        guard let at = text.lastIndex(of: "@") else { return false }
        let local = text[..<at]
        let domain = String(text[text.index(after: at)...])
        guard !local.isEmpty, !domain.isEmpty else { return false }
        if local.hasPrefix("\"") {
            guard local.count >= 2, local.hasSuffix("\"") else { return false }
        } else {
            let atext = "!#$%&'*+-/=?^_`{|}~"
            let atoms = local.split(separator: ".", omittingEmptySubsequences: false)
            let validAtom: (Substring) -> Bool = { atom in
                !atom.isEmpty
                    && atom.allSatisfy {
                        ($0.isASCII && ($0.isLetter || $0.isNumber || atext.contains($0))) || (international && !$0.isASCII)
                    }
            }
            guard atoms.allSatisfy(validAtom) else { return false }
        }
        if domain.hasPrefix("[") {
            guard domain.hasSuffix("]") else { return false }
            let literal = String(domain.dropFirst().dropLast())
            if literal.hasPrefix("IPv6:") { return isIPv6(String(literal.dropFirst(5))) }
            return isIPv4(literal)
        }
        return isHostname(domain, international: international)
    }

    /// RFC 1123 host names: dot-separated labels of letters, digits and inner hyphens.
    static func isHostname(_ text: String, international: Bool) -> Bool {
        let name = international ? text.replacingOccurrences(of: "\u{3002}", with: ".") : text
        guard !name.isEmpty, name.utf8.count <= 253 else { return false }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            guard !label.isEmpty, label.utf8.count <= 63, !label.hasPrefix("-"), !label.hasSuffix("-") else { return false }
            // "--" in the third and fourth place is reserved for encodings such as Punycode's "xn--".
            let characters = Array(label)
            if characters.count >= 4, characters[2] == "-", characters[3] == "-", !label.lowercased().hasPrefix("xn--") { return false }
            return label.allSatisfy {
                ($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-")) || (international && !$0.isASCII && ($0.isLetter || $0.isNumber))
            }
        }
    }

    /// Four decimal octets without leading zeros.
    static func isIPv4(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { part in
                !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCIIDigit) && (part.count == 1 || part.first != "0")
                    && (Int(part) ?? 256) <= 255
            }
    }

    /// RFC 4291 text form: eight hexadecimal groups, one `::` at most, an IPv4 tail allowed.
    static func isIPv6(_ text: String) -> Bool {
        guard text.allSatisfy({ $0.isASCII }), !text.isEmpty else { return false }
        var body = Substring(text)
        var groupsNeeded = 8
        if let lastColon = body.lastIndex(of: ":"), body[body.index(after: lastColon)...].contains(".") {
            guard isIPv4(String(body[body.index(after: lastColon)...])) else { return false }
            body = body[...lastColon]
            if !body.hasSuffix("::") { body = body.dropLast() }
            groupsNeeded = 6
        }
        let halves = body.components(separatedBy: "::")
        guard halves.count <= 2 else { return false }
        func groups(_ half: String) -> [Substring]? {
            guard !half.isEmpty else { return [] }
            let parts = half.split(separator: ":", omittingEmptySubsequences: false)
            return parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isHexDigit) }) ? parts : nil
        }
        guard let first = groups(halves[0]) else { return false }
        if halves.count == 1 { return first.count == groupsNeeded }
        guard let second = groups(halves[1]) else { return false }
        return first.count + second.count < groupsNeeded
    }

    /// RFC 4122: 8-4-4-4-12 hexadecimal digits.
    static func isUUID(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }

    /// RFC 6901: empty, or `/`-led tokens in which `~` is followed by `0` or `1`.
    static func isJSONPointer(_ text: String) -> Bool {
        guard text.isEmpty || text.hasPrefix("/") else { return false }
        let characters = Array(text)
        for (position, character) in characters.enumerated() where character == "~" {
            guard position + 1 < characters.count, characters[position + 1] == "0" || characters[position + 1] == "1" else { return false }
        }
        return true
    }

    /// A non-negative integer without leading zeros, then `#` or a JSON Pointer.
    static func isRelativeJSONPointer(_ text: String) -> Bool {
        let digits = text.prefix(while: \.isASCIIDigit)
        guard !digits.isEmpty, digits.count == 1 || digits.first != "0" else { return false }
        let rest = String(text.dropFirst(digits.count))
        return rest == "#" || isJSONPointer(rest)
    }

    /// RFC 6570: literals, and `{…}` expressions of variable names with optional operators and
    /// modifiers, never nested.
    static func isURITemplate(_ text: String) -> Bool {
        var inside = false
        var expression = ""
        for character in text {
            switch character {
            case "{":
                guard !inside else { return false }
                inside = true
                expression = ""
            case "}":
                guard inside, isTemplateExpression(expression) else { return false }
                inside = false
            default:
                if inside {
                    expression.append(character)
                } else if character == " " || character == "\"" || character == "\u{7F}" || character == "<" || character == ">"
                    || character == "\\" || character == "^" || character == "`" || character == "|"
                {
                    return false
                }
            }
        }
        return !inside
    }

    private static func isTemplateExpression(_ expression: String) -> Bool {
        var body = Substring(expression)
        if let first = body.first, "+#./;?&=,!@|".contains(first) { body = body.dropFirst() }
        let names = body.split(separator: ",", omittingEmptySubsequences: false)
        return names.allSatisfy { spec in
            var name = spec
            if name.hasSuffix("*") {
                name = name.dropLast()
            } else if let colon = name.firstIndex(of: ":") {
                let length = name[name.index(after: colon)...]
                guard !length.isEmpty, length.count <= 4, length.allSatisfy(\.isASCIIDigit), length.first != "0" else { return false }
                name = name[..<colon]
            }
            return !name.isEmpty && !name.hasPrefix(".") && !name.hasSuffix(".") && !name.contains("..")
                && name.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || "_.%".contains($0) }
        }
    }

    /// Whether a pattern compiles, without the ICU and Perl syntax ECMA-262 lacks: the `\a`
    /// escape, `(?#…)` comments and inline flag groups such as `(?i)`.
    static func isECMARegex(_ text: String) -> Bool {
        let characters = Array(text)
        var position = 0
        while position < characters.count {
            if characters[position] == "\\" {
                if position + 1 < characters.count, characters[position + 1] == "a" { return false }
                position += 2
                continue
            }
            if characters[position] == "(", position + 2 < characters.count, characters[position + 1] == "?" {
                var end = position + 2
                while end < characters.count, "imsx-".contains(characters[end]) { end += 1 }
                if characters[position + 2] == "#" || (end > position + 2 && end < characters.count && characters[end] == ")") {
                    return false
                }
            }
            position += 1
        }
        return (try? NSRegularExpression(pattern: text)) != nil
    }

    private static func matches(_ pattern: String, _ text: String) -> Bool {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return false }
        return expression.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)) != nil
    }
}

extension Character {
    /// An ASCII digit (`Character.isNumber` also accepts other scripts' digits).
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
