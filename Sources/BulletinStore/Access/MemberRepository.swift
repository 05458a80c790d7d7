import BulletinCore
import Foundation

/// A workspace's members and the workspace itself, always scoped to the caller's workspace:
/// an ID from another workspace is simply not found.
///
/// Changes that could remove the last owner run under ``AdvisoryLock/identity`` so that two
/// concurrent demotions cannot both see another owner.
public struct MemberRepository: Sendable {
    let database: any SQLContext

    /// Creates the repository over a database.
    public init(database: any SQLContext) {
        self.database = database
    }

    /// A workspace by ID.
    public func workspace(id: String) async throws -> Workspace? {
        try await database.query("SELECT id, name, created_at FROM workspaces WHERE id = \(id)").first.map(Workspace.init(row:))
    }

    /// Renames a workspace.
    public func rename(workspaceID: String, to name: String, context: AuditContext, now: Date) async throws -> Workspace {
        try await database.transaction { executor in
            let rows = try await executor.query(
                "UPDATE workspaces SET name = \(name) WHERE id = \(workspaceID) RETURNING id, name, created_at")
            guard let row = rows.first else { throw IdentityError.notFound }
            try await AuditLog(database: executor).append(
                workspaceID: workspaceID, action: "workspace.rename", targetType: "workspace", targetID: workspaceID,
                summary: ["name": name], context: context, now: now)
            return try Workspace(row: row)
        }
    }

    /// The workspace's members, oldest first.
    public func members(workspaceID: String) async throws -> [Member] {
        try await database.query(
            """
            SELECT u.id, u.email, u.created_at, m.role, m.created_at AS joined_at
            FROM memberships m JOIN users u ON u.id = m.user_id
            WHERE m.workspace_id = \(workspaceID) ORDER BY m.created_at, u.id
            """
        ).map(Self.member)
    }

    /// A user and every workspace they belong to, in one query.
    public func account(userID: String) async throws -> Account? {
        let rows = try await database.query(
            """
            SELECT u.id AS user_id, u.email, u.created_at AS user_created_at, w.id, w.name, w.created_at, m.role
            FROM users u JOIN memberships m ON m.user_id = u.id JOIN workspaces w ON w.id = m.workspace_id
            WHERE u.id = \(userID) ORDER BY m.created_at, w.id
            """)
        guard let first = rows.first else { return nil }
        let user = User(
            id: try first.decode("user_id"), email: try EmailAddress(row: first), createdAt: try first.decode("user_created_at"))
        return Account(user: user, memberships: try rows.map { WorkspaceRole(workspace: try Workspace(row: $0), role: try Role(row: $0)) })
    }

    /// A user by ID.
    public func user(id: String) async throws -> User? {
        try await database.query("SELECT id, email, created_at FROM users WHERE id = \(id)").first.map(User.init(row:))
    }

    /// Gives a member another role. Only an owner may grant or take away the owner role, and
    /// the last owner keeps it.
    ///
    /// - Throws: ``IdentityError/notFound``, ``IdentityError/roleAboveCaller`` or ``IdentityError/lastOwner``.
    public func changeRole(
        userID: String, workspaceID: String, to role: Role, callerRole: Role, context: AuditContext, now: Date
    ) async throws -> Member {
        try await database.transaction { executor in
            try await executor.lock(.identity)
            let current = try await Self.role(of: userID, in: workspaceID, executor)
            try await Self.checkOwnerRules(current: current, new: role, callerRole: callerRole, workspaceID, executor)
            try await executor.query(
                "UPDATE memberships SET role = \(role.rawValue) WHERE user_id = \(userID) AND workspace_id = \(workspaceID)")
            try await AuditLog(database: executor).append(
                workspaceID: workspaceID, action: "member.change-role", targetType: "user", targetID: userID,
                summary: ["from": current.rawValue, "role": role.rawValue], context: context, now: now)
            if role != current, userID != context.actorID {
                let workspace = try await executor.query("SELECT name FROM workspaces WHERE id = \(workspaceID)")
                let name: String = try workspace.first?.decode("name") ?? "the workspace"
                try await NotificationRepository(database: executor).notify(
                    NewNotification(
                        workspaceID: workspaceID, userID: userID, type: "member.role-changed",
                        title: "Your role in \(name) is now \(role.rawValue)",
                        body: "It was \(current.rawValue). What you may do there changed with it."),
                    requestID: context.requestID, now: now)
            }
            let rows = try await executor.query(
                """
                SELECT u.id, u.email, u.created_at, m.role, m.created_at AS joined_at
                FROM memberships m JOIN users u ON u.id = m.user_id
                WHERE m.workspace_id = \(workspaceID) AND m.user_id = \(userID)
                """)
            return try Self.member(rows[0])
        }
    }

    /// Removes a member from the workspace; their sessions there end, and the API keys and
    /// pending invitations they made are revoked. The user account stays.
    ///
    /// - Throws: ``IdentityError/notFound``, ``IdentityError/roleAboveCaller`` or ``IdentityError/lastOwner``.
    public func remove(userID: String, workspaceID: String, callerRole: Role, context: AuditContext, now: Date) async throws {
        try await database.transaction { executor in
            try await executor.lock(.identity)
            let current = try await Self.role(of: userID, in: workspaceID, executor)
            try await Self.checkOwnerRules(current: current, new: nil, callerRole: callerRole, workspaceID, executor)
            try await executor.query("DELETE FROM memberships WHERE user_id = \(userID) AND workspace_id = \(workspaceID)")
            try await executor.query(
                """
                UPDATE sessions SET revoked_at = \(now), revoke_reason = 'removed from workspace'
                WHERE user_id = \(userID) AND workspace_id = \(workspaceID) AND revoked_at IS NULL
                """)
            // What they created in the workspace goes with them.
            try await executor.query(
                """
                UPDATE api_keys SET revoked_at = \(now)
                WHERE created_by = \(userID) AND workspace_id = \(workspaceID) AND revoked_at IS NULL
                """)
            try await executor.query(
                """
                UPDATE invitations SET revoked_at = \(now)
                WHERE invited_by = \(userID) AND workspace_id = \(workspaceID) AND accepted_at IS NULL AND revoked_at IS NULL
                """)
            try await AuditLog(database: executor).append(
                workspaceID: workspaceID, action: "member.remove", targetType: "user", targetID: userID,
                summary: ["role": current.rawValue], context: context, now: now)
        }
    }

    private static func role(of userID: String, in workspaceID: String, _ executor: any SQLExecutor) async throws -> Role {
        let rows = try await executor.query(
            "SELECT role FROM memberships WHERE user_id = \(userID) AND workspace_id = \(workspaceID)")
        guard let row = rows.first else { throw IdentityError.notFound }
        return try Role(row: row)
    }

    /// Owners are changed only by owners, nobody is given a role above the caller's, and
    /// the last owner stays one.
    private static func checkOwnerRules(
        current: Role, new: Role?, callerRole: Role, _ workspaceID: String, _ executor: any SQLExecutor
    ) async throws {
        if current > callerRole || (new.map { $0 > callerRole } ?? false) { throw IdentityError.roleAboveCaller }
        guard current == .owner, new != .owner else { return }
        let owners = try await executor.query(
            "SELECT user_id FROM memberships WHERE workspace_id = \(workspaceID) AND role = 'owner' LIMIT 2")
        if owners.count < 2 { throw IdentityError.lastOwner }
    }

    private static func member(_ row: SQLRow) throws -> Member {
        Member(
            user: try User(row: row), role: try Role(row: row),
            joinedAt: try row.decode("joined_at"))
    }
}

/// A user with every workspace they belong to, oldest membership first.
public struct Account: Sendable, Hashable {
    public let user: User
    public let memberships: [WorkspaceRole]
}

/// A workspace and someone's role in it.
public struct WorkspaceRole: Sendable, Hashable {
    public let workspace: Workspace
    public let role: Role

    public init(workspace: Workspace, role: Role) {
        self.workspace = workspace
        self.role = role
    }
}

/// A user as a member of a workspace.
public struct Member: Sendable, Hashable {
    public let user: User
    public let role: Role
    public let joinedAt: Date
}
