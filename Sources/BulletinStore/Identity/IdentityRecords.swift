import BulletinCore
import Foundation

/// A workspace: the tenant every resource belongs to.
public struct Workspace: Sendable, Hashable {
    public let id: String
    public let name: String
    public let createdAt: Date
}

/// A person who signs in.
public struct User: Sendable, Hashable {
    public let id: String
    public let email: EmailAddress
    public let createdAt: Date
}

/// A user's place in a workspace.
public struct Membership: Sendable, Hashable {
    public let workspace: Workspace
    public let user: User
    public let role: Role
}

/// Why an identity change was refused.
public enum IdentityError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The setup token is unknown, or was already used.
    case invalidSetupToken
    /// The installation already has users; setup is over.
    case alreadySetUp
    /// Another user has this e-mail address.
    case emailTaken
    /// No workspace has this ID or name.
    case workspaceNotFound(String)
    /// Several workspaces have this name; give the ID.
    case ambiguousWorkspace(String)

    public var description: String {
        switch self {
        case .invalidSetupToken: "the setup token is not valid (it may have been used already)"
        case .alreadySetUp: "this installation is already set up"
        case .emailTaken: "another user has this e-mail address"
        case .workspaceNotFound(let reference):
            "no workspace has the ID or name '\(reference)' (add --create-workspace to create it)"
        case .ambiguousWorkspace(let reference): "several workspaces are named '\(reference)'; give its ID instead"
        }
    }
}
