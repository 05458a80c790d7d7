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
    /// No such resource in the caller's workspace (whether or not one exists elsewhere).
    case notFound
    /// The change would leave the workspace without an owner.
    case lastOwner
    /// The role asked for is above the caller's own.
    case roleAboveCaller
    /// The user is not a member of the workspace asked for.
    case notMember
    /// The refresh token is unknown, expired or revoked.
    case invalidRefreshToken
    /// A rotated refresh token was presented again; its session is now revoked.
    case refreshTokenReused
    /// The invitation is unknown, used, revoked or expired.
    case invalidInvitation
    /// The user is already a member of the workspace.
    case alreadyMember

    public var description: String {
        switch self {
        case .invalidSetupToken: "the setup token is not valid (it may have been used already)"
        case .alreadySetUp: "this installation is already set up"
        case .emailTaken: "another user has this e-mail address"
        case .workspaceNotFound(let reference):
            "no workspace has the ID or name '\(reference)' (add --create-workspace to create it)"
        case .ambiguousWorkspace(let reference): "several workspaces are named '\(reference)'; give its ID instead"
        case .notFound: "not found"
        case .lastOwner: "the workspace must keep at least one owner"
        case .roleAboveCaller: "the role is above the caller's own"
        case .notMember: "the user is not a member of that workspace"
        case .invalidRefreshToken: "the refresh token is not valid"
        case .refreshTokenReused: "the refresh token was already used; its session is revoked"
        case .invalidInvitation: "the invitation is not valid"
        case .alreadyMember: "the user is already a member of this workspace"
        }
    }
}

extension Workspace {
    /// Reads a workspace from a row with `id`, `name` and `created_at`.
    init(row: SQLRow) throws {
        self.init(id: try row.decode("id"), name: try row.decode("name"), createdAt: try row.decode("created_at"))
    }
}

extension User {
    /// Reads a user from a row with `id`, `email` and `created_at`.
    init(row: SQLRow) throws {
        self.init(id: try row.decode("id"), email: try EmailAddress(row: row), createdAt: try row.decode("created_at"))
    }
}

extension EmailAddress {
    /// Reads the `email` column, which only ever holds checked addresses.
    init(row: SQLRow) throws {
        guard let address = EmailAddress(try row.decode("email")) else {
            throw DatabaseError.unexpectedColumnType(column: "email", expected: "an e-mail address")
        }
        self = address
    }
}

extension Role {
    /// Reads the `role` column (or another), which the schema limits to the four roles.
    init(row: SQLRow, column: String = "role") throws {
        guard let role = Role(rawValue: try row.decode(column)) else {
            throw DatabaseError.unexpectedColumnType(column: column, expected: "a role")
        }
        self = role
    }
}
