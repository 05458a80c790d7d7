import BulletinCore
import BulletinOpenAPI
import BulletinStore

/// The caller's workspace and its members. Every query is scoped to the principal's
/// workspace, so an ID from another workspace is not found (404), never forbidden.
extension BulletinAPI {
    func getWorkspace(_ input: Operations.GetWorkspace.Input) async throws -> Operations.GetWorkspace.Output {
        let principal = try RequestScope.principal()
        guard let workspace = try await MemberRepository(database: services.database).workspace(id: principal.workspaceID)
        else { throw APIError(.notFound) }
        return .ok(.init(body: .json(.init(workspace))))
    }

    func renameWorkspace(_ input: Operations.RenameWorkspace.Input) async throws -> Operations.RenameWorkspace.Output {
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let principal = try RequestScope.principal()
        if let problem = DisplayName.problem(with: body.name, naming: "the workspace") {
            throw APIError.validation([FieldError(pointer: "/name", message: problem)])
        }
        let workspace = try await MemberRepository(database: services.database).rename(
            workspaceID: principal.workspaceID, to: DisplayName.normalised(body.name),
            context: RequestScope.auditContext(), now: services.clock.now())
        return .ok(.init(body: .json(.init(workspace))))
    }

    func listMembers(_ input: Operations.ListMembers.Input) async throws -> Operations.ListMembers.Output {
        let principal = try RequestScope.principal()
        let members = try await MemberRepository(database: services.database).members(workspaceID: principal.workspaceID)
        return .ok(.init(body: .json(.init(items: members.map(Components.Schemas.Member.init), nextCursor: ListCursor(nil)))))
    }

    func changeMemberRole(_ input: Operations.ChangeMemberRole.Input) async throws -> Operations.ChangeMemberRole.Output {
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let principal = try RequestScope.principal()
        do {
            let member = try await MemberRepository(database: services.database).changeRole(
                userID: input.path.userId, workspaceID: principal.workspaceID, to: Role(body.role),
                callerRole: principal.role, context: RequestScope.auditContext(), now: services.clock.now())
            return .ok(.init(body: .json(.init(member))))
        } catch let error as IdentityError {
            throw APIError(identity: error)
        }
    }

    func removeMember(_ input: Operations.RemoveMember.Input) async throws -> Operations.RemoveMember.Output {
        let principal = try RequestScope.principal()
        do {
            try await MemberRepository(database: services.database).remove(
                userID: input.path.userId, workspaceID: principal.workspaceID, callerRole: principal.role,
                context: RequestScope.auditContext(), now: services.clock.now())
            return .noContent(.init())
        } catch let error as IdentityError {
            throw APIError(identity: error)
        }
    }
}
