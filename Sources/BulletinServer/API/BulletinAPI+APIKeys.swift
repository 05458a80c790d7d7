import BulletinCore
import BulletinOpenAPI
import BulletinStore

/// API keys of the caller's workspace. Only a signed-in person creates them (an API key
/// never does); any caller with the permission lists and revokes them.
extension BulletinAPI {
    func createAPIKey(_ input: Operations.CreateAPIKey.Input) async throws -> Operations.CreateAPIKey.Output {
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let principal = try RequestScope.person(for: "create API keys")
        var problems: [FieldError] = []
        if let problem = DisplayName.problem(with: body.name, naming: "the key") {
            problems.append(FieldError(pointer: "/name", message: problem))
        }
        let role = Role(body.role)
        if role > principal.role {
            problems.append(FieldError(pointer: "/role", message: "A key's role cannot be above yours (\(principal.role.rawValue))."))
        }
        guard problems.isEmpty else { throw APIError.validation(problems) }
        let created = try await APIKeyRepository(database: services.database).create(
            workspaceID: principal.workspaceID, name: DisplayName.normalised(body.name), role: role, createdBy: principal.userID,
            context: RequestScope.auditContext(), now: services.clock.now())
        return .created(.init(body: .json(.init(apiKey: .init(created.key), secret: created.secret))))
    }

    func listAPIKeys(_ input: Operations.ListAPIKeys.Input) async throws -> Operations.ListAPIKeys.Output {
        let principal = try RequestScope.principal()
        let keys = try await APIKeyRepository(database: services.database).list(workspaceID: principal.workspaceID)
        return .ok(.init(body: .json(.init(items: keys.map(Components.Schemas.APIKey.init), nextCursor: ListCursor(nil)))))
    }

    func revokeAPIKey(_ input: Operations.RevokeAPIKey.Input) async throws -> Operations.RevokeAPIKey.Output {
        let principal = try RequestScope.principal()
        do {
            try await APIKeyRepository(database: services.database).revoke(
                id: input.path.keyId, workspaceID: principal.workspaceID, context: RequestScope.auditContext(),
                now: services.clock.now())
            return .noContent(.init())
        } catch let error as IdentityError {
            throw APIError(identity: error)
        }
    }
}
