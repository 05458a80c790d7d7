/// Writes user text into XML (element content or attribute values) so that any string is safe.
///
/// Escapes the five predefined entities and drops what XML 1.0 cannot carry at all: control
/// characters other than tab, line feed and carriage return, and U+FFFE/U+FFFF. A carriage return
/// is written as `&#13;` because a parser would otherwise turn it into a line feed. Shared by every
/// renderer in this module that writes XML (DOCX, and the workbooks embedded for its charts).
enum XMLText {
    /// The text escaped for XML, with the characters XML 1.0 forbids removed.
    ///
    /// ```swift
    /// XMLText.escaped("R&D <\"Q1\">")  // "R&amp;D &lt;&quot;Q1&quot;&gt;"
    /// ```
    static func escaped(_ text: String) -> String {
        var result = ""
        append(text, to: &result)
        return result
    }

    /// Appends the text, escaped as ``escaped(_:)`` does, to an XML buffer.
    static func append(_ text: String, to buffer: inout String) {
        // Most text needs no change: one pass over the UTF-8 bytes decides, and the copy is one append.
        if !needsRewriting(text) {
            buffer.append(text)
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": buffer.append("&amp;")
            case "<": buffer.append("&lt;")
            case ">": buffer.append("&gt;")
            case "\"": buffer.append("&quot;")
            case "'": buffer.append("&apos;")
            case "\r": buffer.append("&#13;")
            default:
                if isAllowed(scalar) { buffer.unicodeScalars.append(scalar) }
            }
        }
    }

    /// Whether XML 1.0 allows the character at all (its `Char` production).
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0x00..<0x20: false
        case 0xFFFE, 0xFFFF: false
        default: true
        }
    }

    private static func needsRewriting(_ text: String) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0x0D:
                return true
            case 0x00..<0x20 where byte != 0x09 && byte != 0x0A:
                return true
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF in UTF-8.
            case 0xBE...0xBF where previous == (0xEF, 0xBF):
                return true
            default:
                break
            }
            previous = (previous.1, byte)
        }
        return false
    }
}
