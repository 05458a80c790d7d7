import BulletinCore
import BulletinOpenAPI
import BulletinStore

/// The caller's own account: who they are, and their password.
extension BulletinAPI {
    func getMe(_ input: Operations.GetMe.Input) async throws -> Operations.GetMe.Output {
        let principal = try RequestScope.principal()
        let account = try await services.identityCache.account(userID: principal.userID, now: services.clock.now()) {
            try await MemberRepository(database: services.database).account(userID: principal.userID)
        }
        guard let account, let current = account.memberships.first(where: { $0.workspace.id == principal.workspaceID })
        else { throw APIError(.unauthenticated, detail: "The account no longer belongs to this workspace.") }
        let user = account.user
        let workspace = current.workspace
        // A key sees only its own workspace.
        let visible = principal.kind == .user ? account.memberships : [WorkspaceRole(workspace: workspace, role: principal.role)]
        let workspaces = visible.map { Components.Schemas.WorkspaceMembership(workspace: .init($0.workspace), role: .init($0.role)) }
        return .ok(
            .init(
                body: .json(
                    .init(
                        principal: .init(_type: principal.kind == .user ? .user : .apiKey, id: principal.id),
                        workspace: .init(workspace), role: .init(principal.role), user: .init(user),
                        workspaces: workspaces, installationAdmin: principal.isInstallationAdmin))))
    }

    func changePassword(_ input: Operations.ChangePassword.Input) async throws -> Operations.ChangePassword.Output {
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let principal = try RequestScope.principal()
        guard principal.kind == .user else {
            throw APIError(.forbidden, detail: "An API key has no password; sign in as the user to change it.")
        }
        if let problem = PasswordPolicy.problem(with: body.newPassword) {
            throw APIError.validation([FieldError(pointer: "/newPassword", message: problem)])
        }
        let identity = IdentityRepository(database: services.database)
        let members = MemberRepository(database: services.database)
        guard let user = try await members.user(id: principal.userID) else { throw APIError(.unauthenticated) }
        let stored = try await identity.passwordHash(userID: principal.userID)
        guard try await verifyPassword(body.currentPassword, against: stored, of: user.email) else {
            throw APIError.validation([FieldError(pointer: "/currentPassword", message: "This is not your current password.")])
        }
        try await identity.changePassword(
            userID: principal.userID, passwordHash: try await services.passwordHasher.hash(body.newPassword),
            keepingSession: principal.sessionID, workspaceID: principal.workspaceID,
            context: RequestScope.auditContext(), now: services.clock.now())
        return .noContent(.init())
    }
}
