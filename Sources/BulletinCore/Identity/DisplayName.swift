/// The rules for a name people give something (a workspace, an API key): 1–100 characters
/// and at most 400 bytes after trimming; no control, format (zero-width, bidi) or line- and
/// paragraph-separator characters.
public enum DisplayName {
    /// The most characters a name may have.
    public static let maximumLength = 100
    /// The most UTF-8 bytes a name may have: a character can carry any number of combining
    /// marks, so characters alone do not bound the size.
    public static let maximumBytes = 400

    private static let invisible: Set<Unicode.GeneralCategory> = [.control, .format, .lineSeparator, .paragraphSeparator]

    /// The name as stored: without leading and trailing white space.
    public static func normalised(_ name: String) -> String {
        name.trimmingWhitespace()
    }

    /// Why a name is refused, or `nil` when it is acceptable.
    ///
    /// - Parameter thing: What is named, for the message, such as "the workspace".
    public static func problem(with name: String, naming thing: String) -> String? {
        let trimmed = normalised(name)
        if trimmed.isEmpty { return "Give \(thing) a name." }
        if trimmed.count > maximumLength || trimmed.utf8.count > maximumBytes {
            return "Use at most \(maximumLength) characters."
        }
        if trimmed.unicodeScalars.contains(where: { invisible.contains($0.properties.generalCategory) }) {
            return "Remove line breaks and other invisible characters."
        }
        return nil
    }
}
