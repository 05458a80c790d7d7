/// The rules for a name people give something (a workspace, an API key): 1–100 characters
/// after trimming white space; no control, format (zero-width, bidi) or line- and
/// paragraph-separator characters.
///
/// Characters are Unicode code points, as JSON Schema's `maxLength` counts them, so that the
/// OpenAPI document's pattern for a name (`DisplayName` there) says exactly this rule:
/// trimming drops white-space code points, even one that a combining mark follows.
public enum DisplayName {
    /// The most characters (code points) a name may have.
    public static let maximumLength = 100

    private static let invisible: Set<Unicode.GeneralCategory> = [.control, .format, .lineSeparator, .paragraphSeparator]

    /// The name as stored: without leading and trailing white space.
    public static func normalised(_ name: String) -> String {
        let scalars = name.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    /// Why a name is refused, or `nil` when it is acceptable.
    ///
    /// - Parameter thing: What is named, for the message, such as "the workspace".
    public static func problem(with name: String, naming thing: String) -> String? {
        let trimmed = normalised(name)
        if trimmed.isEmpty { return "Give \(thing) a name." }
        if trimmed.unicodeScalars.count > maximumLength { return "Use at most \(maximumLength) characters." }
        if trimmed.unicodeScalars.contains(where: { invisible.contains($0.properties.generalCategory) }) {
            return "Remove line breaks and other invisible characters."
        }
        return nil
    }
}
