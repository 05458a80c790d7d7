/// The rules for a workspace's name: 1–100 characters after trimming, no control characters.
public enum WorkspaceName {
    /// The most characters a name may have.
    public static let maximumLength = 100

    /// The name as stored: without leading and trailing white space.
    public static func normalised(_ name: String) -> String {
        name.trimmingWhitespace()
    }

    /// Why a name is refused, or `nil` when it is acceptable.
    public static func problem(with name: String) -> String? {
        let trimmed = normalised(name)
        if trimmed.isEmpty { return "Give the workspace a name." }
        if trimmed.count > maximumLength { return "Use at most \(maximumLength) characters." }
        if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "Remove line breaks and other control characters."
        }
        return nil
    }
}
