import Foundation

/// LIKE patterns built from a user's text.
enum SQLPattern {
    /// Text with LIKE's wildcards and escape character escaped, for `LIKE … ESCAPE '\'`.
    static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}
