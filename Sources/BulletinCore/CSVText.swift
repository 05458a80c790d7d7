import Foundation

/// Writes CSV (RFC 4180): fields with a comma, quote or line break are quoted, quotes doubled,
/// lines ended by CRLF. Written by hand: no CSV package is among those this project may use,
/// and writing is a few lines.
public enum CSVText {
    /// One record, ended by CRLF.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// One field, quoted when it must be.
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Text typed by someone else, made safe to open in a spreadsheet: a leading `=`, `+`, `-`,
    /// `@`, tab or carriage return would start a formula, so an apostrophe goes first (OWASP's
    /// advice on CSV injection).
    public static func inert(_ text: String) -> String {
        guard let first = text.first, "=+-@\t\r".contains(first) else { return text }
        return "'" + text
    }
}
