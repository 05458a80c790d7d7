extension DOCXBody {
    /// Runs for inline text: emphasis italic, strong bold, and links as hyperlinks to an external
    /// relationship when their scheme is http, https or mailto (any other is written as plain
    /// text, so a document never carries a `javascript:` or `file:` link).
    mutating func appendRuns(_ inlines: [Inline]) {
        for inline in inlines {
            switch inline {
            case .text(let text): appendRun(text)
            case .emphasis(let text): appendRun(text, properties: "<w:i/><w:iCs/>")
            case .strong(let text): appendRun(text, properties: "<w:b/><w:bCs/>")
            case .link(let text, let url):
                guard Self.isLinkable(url) else {
                    appendRun(text)
                    continue
                }
                let id = relationships.hyperlink(to: Self.linkTarget(url))
                xml.append(#"<w:hyperlink r:id="\#(id)" w:history="1">"#)
                appendRun(text, properties: #"<w:rStyle w:val="\#(DOCXStyles.ID.hyperlink)"/>"#)
                xml.append("</w:hyperlink>")
            }
        }
    }

    /// One run; tabs and line breaks inside the text become `<w:tab/>` and `<w:br/>`, which is
    /// how Word keeps them (a raw line feed in `<w:t>` would read as a space).
    mutating func appendRun(_ text: String, properties: String = "") {
        xml.append("<w:r>")
        if !properties.isEmpty { xml.append("<w:rPr>\(properties)</w:rPr>") }
        if !text.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            appendText(text)
        } else {
            var piece = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\t", "\n":
                    if !piece.isEmpty { appendText(piece) }
                    piece = ""
                    xml.append(scalar == "\t" ? "<w:tab/>" : "<w:br/>")
                case "\r": continue  // CR LF is one break; a lone CR is dropped
                default: piece.unicodeScalars.append(scalar)
                }
            }
            if !piece.isEmpty { appendText(piece) }
        }
        xml.append("</w:r>")
    }

    private mutating func appendText(_ text: String) {
        xml.append(#"<w:t xml:space="preserve">"#)
        XMLText.append(text, to: &xml)
        xml.append("</w:t>")
    }

    /// Whether the address may become a clickable link.
    static func isLinkable(_ url: String) -> Bool {
        let scheme = url.prefix(8).lowercased()
        return scheme.hasPrefix("http://") || scheme.hasPrefix("https://") || scheme.hasPrefix("mailto:")
    }

    /// The address as a relationship target: a URI reference, so spaces, non-ASCII and the
    /// characters URIs exclude are percent-encoded (Word refuses a package whose targets are not
    /// URIs); existing escapes are kept.
    static func linkTarget(_ url: String) -> String {
        let excluded: Set<UInt8> = Set(#""<>\^`{|}"#.utf8)
        guard url.utf8.contains(where: { $0 <= 0x20 || $0 >= 0x7F || excluded.contains($0) }) else { return url }
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        for byte in url.utf8 {
            if byte <= 0x20 || byte >= 0x7F || excluded.contains(byte) {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
