import Foundation

/// Strings as PDF objects.
enum PDFString {
    /// A literal string of ASCII, with `(`, `)` and `\` escaped and anything else dropped
    /// (for link addresses, already limited to printable ASCII by ``DocumentLink``).
    static func literal(_ text: String) -> String {
        var result = "("
        for scalar in text.unicodeScalars where scalar.value >= 0x20 && scalar.value < 0x7F {
            if scalar == "(" || scalar == ")" || scalar == "\\" { result += "\\" }
            result.unicodeScalars.append(scalar)
        }
        return result + ")"
    }

    /// A text string (metadata, bookmarks): UTF-16BE with its byte order mark, in hex, so
    /// every character survives and nothing needs escaping.
    static func text(_ text: String) -> String {
        var hex = Array("<FEFF".utf8)
        hex.reserveCapacity(text.utf16.count * 4 + 6)
        for unit in text.utf16 { PDFFace.appendHex4(unit, to: &hex) }
        hex.append(UInt8(ascii: ">"))
        return String(decoding: hex, as: UTF8.self)
    }

    /// A date as PDF writes it, in UTC: `(D:20261205143000Z)`.
    static func date(_ date: Date) -> String {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
        return String(
            format: "(D:%04d%02d%02d%02d%02d%02dZ)", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1, parts.hour ?? 0,
            parts.minute ?? 0, parts.second ?? 0)
    }
}
