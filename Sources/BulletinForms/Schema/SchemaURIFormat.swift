/// The `uri`, `uri-reference`, `iri` and `iri-reference` formats (RFC 3986 and RFC 3987).
enum SchemaURIFormat {
    private static let allowed = Set("-._~!$&'()*+,;=:@/?#[]%")

    /// Whether text is a URI (or IRI) reference, with a scheme when one is required.
    static func isValid(_ text: String, requiresScheme: Bool, international: Bool) -> Bool {
        let characters = Array(text)
        for (position, character) in characters.enumerated() {
            if character.isASCII {
                guard character.isLetter || character.isNumber || allowed.contains(character) else { return false }
                if character == "%" {
                    guard position + 2 < characters.count, characters[position + 1].isHexDigit, characters[position + 2].isHexDigit
                    else { return false }
                }
            } else if !international {
                return false
            }
        }
        let uri = SchemaURI(text)
        if requiresScheme && uri.scheme == nil { return false }
        if uri.fragment?.contains("#") == true { return false }
        if uri.scheme == nil, let colon = uri.path.firstIndex(of: ":"), !uri.path[..<colon].contains("/") { return false }
        if uri.path.contains("[") || uri.path.contains("]") || (uri.query ?? "").contains("[") || (uri.query ?? "").contains("]") {
            return false
        }
        guard let authority = uri.authority else { return true }
        var hostAndPort = Substring(authority)
        if let at = hostAndPort.firstIndex(of: "@") {
            guard !hostAndPort[..<at].contains(where: { "[]".contains($0) }) else { return false }
            hostAndPort = hostAndPort[hostAndPort.index(after: at)...]
            guard !hostAndPort.contains("@") else { return false }
        }
        if hostAndPort.hasPrefix("[") {
            guard let close = hostAndPort.firstIndex(of: "]") else { return false }
            let literal = String(hostAndPort[hostAndPort.index(after: hostAndPort.startIndex)..<close])
            guard literal.lowercased().hasPrefix("v") || SchemaFormats.isIPv6(literal) else { return false }
            hostAndPort = hostAndPort[hostAndPort.index(after: close)...]
            guard hostAndPort.isEmpty || hostAndPort.hasPrefix(":") else { return false }
        } else if hostAndPort.contains("[") || hostAndPort.contains("]") {
            return false
        }
        if let colon = hostAndPort.firstIndex(of: ":") {
            return hostAndPort[hostAndPort.index(after: colon)...].allSatisfy(\.isASCIIDigit)
        }
        return true
    }
}
