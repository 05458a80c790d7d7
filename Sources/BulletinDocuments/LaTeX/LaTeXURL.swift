import Foundation

/// Link targets as `\href` reads them.
enum LaTeXURL {
    /// The schemes a link may have; any other (`javascript:`, `file:`) is printed as plain text.
    static let allowedSchemes = ["http://", "https://", "mailto:"]

    /// The first argument of `\href` for `url`, or `nil` when its scheme is not allowed.
    ///
    /// Characters a URL may not contain (spaces, `\ ^ { } | " < >` and backticks, controls,
    /// anything beyond ASCII) are percent-encoded as UTF-8, as a browser would send them, so no
    /// `\` or `^^` reaches TeX; a `%` that starts no escape becomes `%25`. Then `% # & _ ~` are
    /// written with a backslash, which `\href` reads as the plain character even inside the
    /// argument of another command. Example: `https://x.org/a b#c` → `https://x.org/a%20b\#c`.
    static func latex(for url: String) -> String? {
        let trimmed = url.trimmingCharacters(in: .whitespacesAndNewlines)
        // TeX reads a line of at most 200 000 bytes, and no real address comes near this.
        guard trimmed.utf8.count <= 20_000 else { return nil }
        let lowercased = trimmed.lowercased()
        guard allowedSchemes.contains(where: { lowercased.hasPrefix($0) && lowercased.count > $0.count }) else { return nil }
        let bytes = Array(trimmed.utf8)
        var output = ""
        output.reserveCapacity(bytes.count + 16)
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "%"):
                let startsEscape = index + 2 < bytes.count && isHexDigit(bytes[index + 1]) && isHexDigit(bytes[index + 2])
                output += startsEscape ? "\\%" : "\\%25"
            case UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "_"), UInt8(ascii: "~"):
                output += "\\"
                output.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "["),
                UInt8(ascii: "]"), UInt8(ascii: "@"), UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "'"), UInt8(ascii: "("),
                UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                output += "%"
                output += hexDigits[Int(byte >> 4)]
                output += hexDigits[Int(byte & 0x0F)]
            }
        }
        return output
    }

    private static let hexDigits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F"]

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"): true
        default: false
        }
    }
}
