import BulletinCore
import BulletinOpenAPI
import BulletinStore

// The API's representations of identity records, in one place.

extension Components.Schemas.Workspace {
    init(_ workspace: Workspace) {
        self.init(id: workspace.id, name: workspace.name, createdAt: workspace.createdAt)
    }
}

extension Components.Schemas.User {
    init(_ user: User) {
        self.init(id: user.id, email: user.email.value, createdAt: user.createdAt)
    }
}

extension Components.Schemas.Role {
    init(_ role: Role) {
        self = Self(rawValue: role.rawValue)!  // The document's enum lists exactly the four roles.
    }
}

extension Role {
    init(_ role: Components.Schemas.Role) {
        self = Role(rawValue: role.rawValue)!
    }
}

extension Components.Schemas.SetupResult {
    init(_ membership: Membership) {
        self.init(workspace: .init(membership.workspace), user: .init(membership.user), role: .init(membership.role))
    }
}

extension Components.Schemas.Member {
    init(_ member: Member) {
        self.init(user: .init(member.user), role: .init(member.role), joinedAt: member.joinedAt)
    }
}

extension Components.Schemas.APIKey {
    init(_ key: APIKey) {
        self.init(
            id: key.id, name: key.name, prefix: key.prefix, role: .init(key.role), createdBy: key.createdBy,
            createdAt: key.createdAt, lastUsedAt: key.lastUsedAt)
    }
}

extension Components.Schemas.Invitation {
    init(_ invitation: Invitation) {
        self.init(
            id: invitation.id, email: invitation.email.value, role: .init(invitation.role),
            invitedBy: invitation.invitedBy, createdAt: invitation.createdAt, expiresAt: invitation.expiresAt)
    }
}

extension Components.Schemas.AuditEntry {
    init(_ entry: BulletinStore.AuditEntry) {
        self.init(
            id: String(entry.id),
            actor: .init(_type: .init(rawValue: entry.actorType) ?? .system, id: entry.actorID),
            action: entry.action, target: .init(_type: entry.targetType, id: entry.targetID),
            requestId: entry.requestID, ip: entry.ip, userAgent: entry.userAgent,
            summary: .init(additionalProperties: entry.summary), createdAt: entry.createdAt)
    }
}
