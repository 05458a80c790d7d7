import BulletinCore
import BulletinOpenAPI
import BulletinStore
import Foundation

/// Display links: read-only boards for a shop screen, made and revoked by admins.
extension BulletinAPI {
    func listDisplayLinks(_ input: Operations.ListDisplayLinks.Input) async throws -> Operations.ListDisplayLinks.Output {
        let principal = try RequestScope.principal()
        let links = try await DisplayLinkRepository(database: services.database).list(workspaceID: principal.workspaceID)
        return .ok(
            .init(
                body: .json(
                    .init(items: links.reversed().map { .init(id: $0.id, name: $0.name, createdBy: $0.createdBy, createdAt: $0.createdAt) })
                )
            ))
    }

    func createDisplayLink(_ input: Operations.CreateDisplayLink.Input) async throws -> Operations.CreateDisplayLink.Output {
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let name = TextRules.trimmed(body.name)
        let problems = TextRules.problems(name, at: "/name", label: "A display link's name", required: true, maximum: 80)
        guard problems.isEmpty else { throw APIError.validation(problems) }
        let principal = try RequestScope.principal()
        let audit = AuditScope(workspaceID: principal.workspaceID, context: RequestScope.auditContext())
        let token = SecretToken.make()
        let link: StoredDisplayLink
        do {
            link = try await DisplayLinkRepository(database: services.database).create(
                name: name, token: token, id: RandomID.make(), audit: audit, now: services.clock.now())
        } catch is DisplayLinkLimitReached {
            throw APIError(
                .limitReached, detail: "A workspace has at most \(DisplayLinkRepository.maximumCount) display links; revoke one first.")
        }
        return .created(
            .init(
                body: .json(
                    .init(
                        id: link.id, name: link.name, createdBy: link.createdBy, createdAt: link.createdAt, token: token.value,
                        url: "/display#\(token.value)"))))
    }

    func deleteDisplayLink(_ input: Operations.DeleteDisplayLink.Input) async throws -> Operations.DeleteDisplayLink.Output {
        let principal = try RequestScope.principal()
        let audit = AuditScope(workspaceID: principal.workspaceID, context: RequestScope.auditContext())
        guard
            try await DisplayLinkRepository(database: services.database).delete(
                id: input.path.linkId, audit: audit, now: services.clock.now())
        else { throw APIError(.notFound, detail: "No such display link.") }
        return .noContent(.init())
    }
}
