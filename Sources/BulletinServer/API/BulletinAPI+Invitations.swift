import BulletinApp
import BulletinCore
import BulletinOpenAPI
import BulletinStore

/// Invitations into the caller's workspace (made by signed-in people only, never an API key),
/// and accepting one (public: the token is the
/// credential).
extension BulletinAPI {
    func createInvitation(_ input: Operations.CreateInvitation.Input) async throws -> Operations.CreateInvitation.Output {
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let principal = try RequestScope.person(for: "invite members")
        let email = try Self.checkedEmail(body.email, pointer: "/email")
        let role = Role(body.role)
        guard role <= principal.role else {
            throw APIError.validation([
                FieldError(pointer: "/role", message: "You cannot invite with a role above yours (\(principal.role.rawValue)).")
            ])
        }
        do {
            let created = try await InvitationRepository(database: services.database).create(
                workspaceID: principal.workspaceID, email: email, role: role, invitedBy: principal.userID,
                context: RequestScope.auditContext(), now: services.clock.now())
            let link = services.configuration.linkBase + "/invitations/" + created.token.value
            return .created(
                .init(body: .json(.init(invitation: .init(created.invitation), token: created.token.value, acceptUrl: link))))
        } catch let error as IdentityError {
            throw APIError(identity: error)
        }
    }

    func listInvitations(_ input: Operations.ListInvitations.Input) async throws -> Operations.ListInvitations.Output {
        let principal = try RequestScope.principal()
        let invitations = try await InvitationRepository(database: services.database).pending(
            workspaceID: principal.workspaceID, now: services.clock.now())
        return .ok(.init(body: .json(.init(items: invitations.map(Components.Schemas.Invitation.init), nextCursor: ListCursor(nil)))))
    }

    func revokeInvitation(_ input: Operations.RevokeInvitation.Input) async throws -> Operations.RevokeInvitation.Output {
        let principal = try RequestScope.principal()
        do {
            try await InvitationRepository(database: services.database).revoke(
                id: input.path.invitation, workspaceID: principal.workspaceID, context: RequestScope.auditContext(),
                now: services.clock.now())
            return .noContent(.init())
        } catch let error as IdentityError {
            throw APIError(identity: error)
        }
    }

    func acceptInvitation(_ input: Operations.AcceptInvitation.Input) async throws -> Operations.AcceptInvitation.Output {
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let token = SecretToken(value: input.path.invitation)
        let invitations = InvitationRepository(database: services.database)
        let now = services.clock.now()
        do {
            let pending = try await invitations.pendingAcceptance(of: token, now: now)
            var passwordHash: String?
            if let existing = pending.existingUser {
                let email = pending.invitation.email
                guard try await verifyPassword(body.password, against: existing.passwordHash, of: email) else {
                    throw APIError.validation([
                        FieldError(pointer: "/password", message: "An account with this address exists; enter its password.")
                    ])
                }
            } else {
                if let problem = PasswordPolicy.problem(with: body.password) {
                    throw APIError.validation([FieldError(pointer: "/password", message: problem)])
                }
                passwordHash = try await services.passwordHasher.hash(body.password)
            }
            let membership = try await invitations.accept(
                pending, token: token, passwordHash: passwordHash, context: RequestScope.auditContext(), now: now)
            return .created(.init(body: .json(.init(membership))))
        } catch let error as IdentityError {
            throw APIError(identity: error)
        }
    }
}
