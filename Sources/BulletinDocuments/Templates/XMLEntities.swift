/// Turns escaped XML character data back into text: the five predefined entities and numeric
/// character references, the only references a WordprocessingML part can contain (it has no DTD).
enum XMLEntities {
    /// The text that `raw` stands for; an unknown or broken reference is kept as written.
    static func decode(_ raw: String) -> String {
        guard raw.contains("&") else { return raw }
        var result = ""
        var rest = raw[...]
        while let ampersand = rest.firstIndex(of: "&") {
            result.append(contentsOf: rest[..<ampersand])
            let afterAmpersand = rest.index(after: ampersand)
            guard let semicolon = rest[afterAmpersand...].prefix(12).firstIndex(of: ";"),
                let scalar = scalar(for: rest[afterAmpersand..<semicolon])
            else {
                result.append("&")
                rest = rest[afterAmpersand...]
                continue
            }
            result.unicodeScalars.append(scalar)
            rest = rest[rest.index(after: semicolon)...]
        }
        result.append(contentsOf: rest)
        return result
    }

    private static func scalar(for reference: Substring) -> Unicode.Scalar? {
        switch reference {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default: break
        }
        guard reference.first == "#" else { return nil }
        let digits = reference.dropFirst()
        let value = digits.first == "x" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
        return value.flatMap(Unicode.Scalar.init)
    }
}
