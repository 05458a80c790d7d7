import BulletinBoard
import BulletinCore
import BulletinOpenAPI
import BulletinStore
import Foundation
import OpenAPIRuntime

/// The services catalog: editors write it, everyone in the workspace reads it.
extension BulletinAPI {
    func listServices(_ input: Operations.ListServices.Input) async throws -> Operations.ListServices.Output {
        let principal = try RequestScope.principal()
        let found = try await catalog.list(
            workspaceID: principal.workspaceID,
            filter: ServiceFilter(search: input.query.search, category: input.query.category, active: input.query.active))
        return .ok(.init(body: .json(.init(items: found.map(Components.Schemas.Service.init)))))
    }

    func getService(_ input: Operations.GetService.Input) async throws -> Operations.GetService.Output {
        let principal = try RequestScope.principal()
        guard let service = try await catalog.service(id: input.path.serviceId, workspaceID: principal.workspaceID) else {
            throw APIError(.notFound, detail: "No such service.")
        }
        return .ok(.init(body: .json(.init(service))))
    }

    func createService(_ input: Operations.CreateService.Input) async throws -> Operations.CreateService.Output {
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let draft = try Self.validatedDraft(body)
        let service = try await changeService { audit, now in
            try await catalog.create(draft, id: RandomID.make(), audit: audit, now: now)
        }
        return .created(.init(body: .json(.init(service))))
    }

    func updateService(_ input: Operations.UpdateService.Input) async throws -> Operations.UpdateService.Output {
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let draft = try Self.validatedDraft(body)
        let service = try await changeService { audit, now in
            try await catalog.update(
                id: input.path.serviceId, with: draft, expectedVersion: body.version.map(Int.init), audit: audit, now: now)
        }
        return .ok(.init(body: .json(.init(service))))
    }

    func deleteService(_ input: Operations.DeleteService.Input) async throws -> Operations.DeleteService.Output {
        try await changeService { audit, now in try await catalog.delete(id: input.path.serviceId, audit: audit, now: now) }
        return .noContent(.init())
    }

    func importServices(_ input: Operations.ImportServices.Input) async throws -> Operations.ImportServices.Output {
        guard case .csv(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        // The body middleware has already refused more than the upload limit.
        let data = try await Data(collecting: body, upTo: ServiceCSV.maximumSize)
        guard let text = String(data: data, encoding: .utf8) else {
            throw APIError.validation([FieldError(pointer: "", message: "The file is not UTF-8 text.")])
        }
        let parsed: (services: [ServiceDraft], problems: [ImportProblem])
        do throws(ServiceCSV.FileError) {
            parsed = try ServiceCSV.parse(text)
        } catch .missingColumns(let columns) {
            throw APIError.validation(
                [FieldError(pointer: "", message: "The header line lacks \(columns.joined(separator: ", ")).")],
                detail: "The first line names the columns: code,name,category,durationMinutes,price,active.")
        } catch .tooManyRows {
            throw APIError.validation([
                FieldError(pointer: "", message: "A file holds at most \(ServiceCSV.maximumRows) services.")
            ])
        }
        let (created, updated) = try await changeService { audit, now in
            try await catalog.importServices(parsed.services, audit: audit, now: now, makeID: { RandomID.make() })
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        created: created, updated: updated,
                        problems: parsed.problems.map { .init(line: $0.line, pointer: $0.pointer, detail: $0.detail) }))))
    }

    /// The body as a tidied draft, or a 422 naming every broken rule.
    private static func validatedDraft(_ body: Components.Schemas.ServiceInput) throws -> ServiceDraft {
        let cents = ServiceValidator.cents(body.price)
        let draft = ServiceValidator.tidied(
            ServiceDraft(
                code: body.code, name: body.name, category: body.category ?? "", durationMinutes: body.durationMinutes,
                priceCents: cents ?? 0, active: body.active ?? true))
        var problems = ServiceValidator.problems(in: draft)
        if cents == nil { problems.append(FieldError(pointer: "/price", message: ServiceValidator.priceRule)) }
        guard problems.isEmpty else { throw APIError.validation(problems) }
        return draft
    }

    private var catalog: ServiceRepository { ServiceRepository(database: services.database) }

    /// Runs a change to the caller's catalog, audited as the caller's, mapping the store's refusals.
    private func changeService<Result>(_ change: (AuditScope, Date) async throws -> Result) async throws -> Result {
        let principal = try RequestScope.principal()
        let audit = AuditScope(workspaceID: principal.workspaceID, context: RequestScope.auditContext())
        do {
            return try await change(audit, services.clock.now())
        } catch let error as ServiceStoreError {
            switch error {
            case .notFound: throw APIError(.notFound, detail: "No such service.")
            case .codeTaken: throw APIError(.serviceCodeTaken, detail: "Another service has this code; choose another.")
            case .versionMismatch(let current):
                throw APIError(
                    .serviceVersionConflict, detail: "The service is at version \(current); read it again and reapply the change.")
            }
        }
    }
}

extension Components.Schemas.Service {
    init(_ service: StoredService) {
        let draft = service.draft
        self.init(
            id: service.id, code: draft.code, name: draft.name, category: draft.category, durationMinutes: draft.durationMinutes,
            price: Double(draft.priceCents) / 100, active: draft.active, version: service.version, createdAt: service.createdAt,
            updatedAt: service.updatedAt)
    }
}
