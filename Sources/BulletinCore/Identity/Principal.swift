/// Who is making a request, in which workspace, with which role.
///
/// Resolved afresh for every request from the database, so a revoked session or key, a
/// removed member or a changed role takes effect on the next request.
public struct Principal: Sendable, Hashable {
    /// How the caller authenticated.
    public enum Kind: String, Sendable, Hashable {
        /// A person with an access token from a session.
        case user
        /// A program with an API key.
        case apiKey = "api_key"
    }

    /// How the caller authenticated.
    public let kind: Kind
    /// The user's ID, or the API key's ID.
    public let id: String
    /// The workspace the credential acts in.
    public let workspaceID: String
    /// The role it acts with: the member's role, or the key's role capped by its creator's.
    public let role: Role
    /// The user, or the user who created the key.
    public let userID: String
    /// The session an access token belongs to; `nil` for API keys.
    public let sessionID: String?

    /// Creates a principal.
    public init(kind: Kind, id: String, workspaceID: String, role: Role, userID: String, sessionID: String?) {
        self.kind = kind
        self.id = id
        self.workspaceID = workspaceID
        self.role = role
        self.userID = userID
        self.sessionID = sessionID
    }

    /// Whether the principal may perform an action, by the one permission table.
    public func may(_ action: Action) -> Bool {
        Permissions.allows(role, action)
    }
}
