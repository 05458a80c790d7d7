/// What a password must be: at least 10 characters (Unicode code points, as JSON Schema's
/// `minLength` counts them), at most 72 bytes of UTF-8 (bcrypt ignores
/// everything after its 72nd byte, so a longer password would silently mean less than it
/// says), and no control characters (bcrypt's C code stops at the first NUL byte).
public enum PasswordPolicy {
    /// The fewest characters accepted.
    public static let minimumLength = 10
    /// The most UTF-8 bytes bcrypt reads.
    public static let maximumBytes = 72

    /// Why a password is refused, or `nil` when it is acceptable.
    public static func problem(with password: String) -> String? {
        if password.unicodeScalars.count < minimumLength { return "Use at least \(minimumLength) characters." }
        if password.utf8.count > maximumBytes { return "Use at most \(maximumBytes) bytes (about 72 plain characters)." }
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "Remove control characters such as line breaks."
        }
        return nil
    }
}
