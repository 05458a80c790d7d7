/// A member's role in a workspace, from least to most powerful.
///
/// Viewers read; editors change content; admins manage members, keys and settings; owners
/// manage the workspace itself. What each may do is decided by ``Permissions`` alone.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case viewer
    case editor
    case admin
    case owner

    /// The roles in order of power, weakest first.
    public static let ascending: [Role] = [.viewer, .editor, .admin, .owner]

    public static func < (lhs: Role, rhs: Role) -> Bool {
        ascending.firstIndex(of: lhs)! < ascending.firstIndex(of: rhs)!
    }
}
