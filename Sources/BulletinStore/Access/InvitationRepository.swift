import BulletinCore
import Foundation

/// An invitation to join a workspace with a role, as listed (never its token).
public struct Invitation: Sendable, Hashable {
    public let id: String
    public let workspaceID: String
    public let email: EmailAddress
    public let role: Role
    public let invitedBy: String
    public let createdAt: Date
    public let expiresAt: Date
}

/// What accepting an invitation needs to know before hashing or checking a password.
public struct PendingAcceptance: Sendable {
    public let invitation: Invitation
    /// The existing account with the invited address, and its password hash.
    public let existingUser: (id: String, passwordHash: String)?
}

/// Invitations: single use, valid seven days, stored as the hash of their token.
public struct InvitationRepository: Sendable {
    let database: any SQLContext

    /// How long an invitation can be accepted.
    public static let lifetime: TimeInterval = 7 * 24 * 3600

    /// Creates the repository over a database.
    public init(database: any SQLContext) {
        self.database = database
    }

    /// Invites an address. The caller checked that `role` is no higher than their own.
    ///
    /// - Returns: The invitation and the token for its accept link, shown once.
    /// - Throws: ``IdentityError/alreadyMember`` when the address already belongs to the workspace.
    public func create(
        workspaceID: String, email: EmailAddress, role: Role, invitedBy: String, context: AuditContext, now: Date
    ) async throws -> (invitation: Invitation, token: SecretToken) {
        let token = SecretToken.make()
        let invitation = Invitation(
            id: RandomID.make(), workspaceID: workspaceID, email: email, role: role, invitedBy: invitedBy,
            createdAt: now, expiresAt: now.addingTimeInterval(Self.lifetime))
        try await database.transaction { executor in
            let member = try await executor.query(
                """
                SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id
                WHERE m.workspace_id = \(workspaceID) AND u.email = \(email.value)
                """)
            guard member.isEmpty else { throw IdentityError.alreadyMember }
            try await executor.query(
                """
                INSERT INTO invitations (id, workspace_id, email, role, token_hash, invited_by, created_at, expires_at)
                VALUES (\(invitation.id), \(workspaceID), \(email.value), \(role.rawValue), \(token.hash), \(invitedBy),
                    \(now), \(invitation.expiresAt))
                """)
            try await AuditLog(database: executor).append(
                workspaceID: workspaceID, action: "invitation.create", targetType: "invitation", targetID: invitation.id,
                summary: ["email": email.value, "role": role.rawValue], context: context, now: now)
        }
        return (invitation, token)
    }

    /// The workspace's invitations that can still be accepted, newest first.
    public func pending(workspaceID: String, now: Date) async throws -> [Invitation] {
        try await database.query(
            """
            SELECT * FROM invitations WHERE workspace_id = \(workspaceID) AND accepted_at IS NULL
                AND revoked_at IS NULL AND expires_at > \(now)
            ORDER BY created_at DESC, id
            """
        ).map(Self.invitation)
    }

    /// Withdraws a pending invitation of the workspace.
    ///
    /// - Throws: ``IdentityError/notFound`` when the workspace has no such pending invitation.
    public func revoke(id: String, workspaceID: String, context: AuditContext, now: Date) async throws {
        try await database.transaction { executor in
            let rows = try await executor.query(
                """
                UPDATE invitations SET revoked_at = \(now)
                WHERE id = \(id) AND workspace_id = \(workspaceID) AND accepted_at IS NULL AND revoked_at IS NULL
                RETURNING email
                """)
            guard let row = rows.first else { throw IdentityError.notFound }
            try await AuditLog(database: executor).append(
                workspaceID: workspaceID, action: "invitation.revoke", targetType: "invitation", targetID: id,
                summary: ["email": try row.decode("email")], context: context, now: now)
        }
    }

    /// Looks a token up before accepting it, so the caller can check or hash a password first.
    ///
    /// - Throws: ``IdentityError/invalidInvitation``.
    public func pendingAcceptance(of token: SecretToken, now: Date) async throws -> PendingAcceptance {
        let rows = try await database.query(
            """
            SELECT i.*, u.id AS user_id, u.password_hash FROM invitations i LEFT JOIN users u ON u.email = i.email
            WHERE i.token_hash = \(token.hash) AND i.accepted_at IS NULL AND i.revoked_at IS NULL
                AND i.expires_at > \(now)
            """)
        guard let row = rows.first else { throw IdentityError.invalidInvitation }
        let existing: (String, String)? =
            if let id: String = try row.decodeIfPresent("user_id") { (id, try row.decode("password_hash")) } else { nil }
        return PendingAcceptance(invitation: try Self.invitation(row), existingUser: existing)
    }

    /// Uses the invitation: adds the existing user (whose password the caller verified) or
    /// creates one with `passwordHash`, in the invited role.
    ///
    /// - Throws: ``IdentityError/invalidInvitation`` if it was used or withdrawn meanwhile,
    ///   ``IdentityError/alreadyMember`` or ``IdentityError/emailTaken``.
    public func accept(
        _ acceptance: PendingAcceptance, token: SecretToken, passwordHash: String?, context: AuditContext, now: Date
    ) async throws -> Membership {
        let invitation = acceptance.invitation
        return try await database.transaction { executor in
            let used = try await executor.query(
                """
                UPDATE invitations SET accepted_at = \(now)
                WHERE token_hash = \(token.hash) AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > \(now)
                RETURNING id
                """)
            guard !used.isEmpty else { throw IdentityError.invalidInvitation }
            // The inviter must still be able to grant the role: an invitation does not
            // outlive its author's demotion or departure.
            let inviter = try await executor.query(
                """
                SELECT role FROM memberships WHERE user_id = \(invitation.invitedBy) AND workspace_id = \(invitation.workspaceID)
                """)
            guard let inviterRow = inviter.first, try Role(row: inviterRow) >= invitation.role else {
                throw IdentityError.invalidInvitation
            }
            let workspaceRows = try await executor.query(
                "SELECT id, name, created_at FROM workspaces WHERE id = \(invitation.workspaceID)")
            guard let workspaceRow = workspaceRows.first else { throw IdentityError.invalidInvitation }
            let membership = try await IdentityRepository(database: executor).insertMember(
                email: invitation.email, existingUserID: acceptance.existingUser?.id, passwordHash: passwordHash,
                workspace: try Workspace(row: workspaceRow), role: invitation.role, now: now)
            try await AuditLog(database: executor).append(
                workspaceID: invitation.workspaceID, action: "invitation.accept", targetType: "invitation",
                targetID: invitation.id, summary: ["email": invitation.email.value, "role": invitation.role.rawValue],
                context: context.acting(as: Principal.Kind.user.rawValue, id: membership.user.id), now: now)
            return membership
        }
    }

    private static func invitation(_ row: SQLRow) throws -> Invitation {
        Invitation(
            id: try row.decode("id"), workspaceID: try row.decode("workspace_id"), email: try EmailAddress(row: row),
            role: try Role(row: row), invitedBy: try row.decode("invited_by"), createdAt: try row.decode("created_at"),
            expiresAt: try row.decode("expires_at"))
    }
}
