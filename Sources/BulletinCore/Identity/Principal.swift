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
    /// Whether the caller is a person who administers the installation itself, beyond any
    /// workspace: they see and manage the installation's own jobs (such as pruning), which no
    /// workspace's members otherwise see. Never true for an API key.
    public let isInstallationAdmin: Bool

    /// Creates a principal.
    ///
    /// - Parameter isInstallationAdmin: Whether a person administers the installation; ignored
    ///   (false) for an API key. Defaults to `false`.
    public init(
        kind: Kind, id: String, workspaceID: String, role: Role, userID: String, sessionID: String?,
        isInstallationAdmin: Bool = false
    ) {
        self.kind = kind
        self.id = id
        self.workspaceID = workspaceID
        self.role = role
        self.userID = userID
        self.sessionID = sessionID
        self.isInstallationAdmin = kind == .user && isInstallationAdmin
    }

    /// Whether the principal may perform an action, by the one permission table.
    public func may(_ action: Action) -> Bool {
        Permissions.allows(role, action)
    }
}
