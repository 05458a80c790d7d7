import BulletinCore
import BulletinFlags
import BulletinOpenAPI
import BulletinReports
import BulletinStore
import Foundation

/// Projects: editors create and change them; everyone in the workspace reads them.
extension BulletinAPI {
    func listProjects(_ input: Operations.ListProjects.Input) async throws -> Operations.ListProjects.Output {
        let principal = try RequestScope.principal()
        let limit = input.query.limit ?? 50
        guard (1...ProjectRepository.maximumPageSize).contains(limit) else {
            throw APIError(.badRequest, detail: "limit must be from 1 to \(ProjectRepository.maximumPageSize).")
        }
        let found = try await projects.list(
            workspaceID: principal.workspaceID, search: input.query.q, tag: input.query.tag, after: input.query.cursor,
            limit: limit + 1)
        let page = found.prefix(limit)
        let runs = try await ReportRunRepository(database: services.database).latestRuns(
            projectIDs: page.map(\.id), workspaceID: principal.workspaceID)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: try page.map { try .init($0, latestRun: runs[$0.id]) },
                        nextCursor: ListCursor(found.count > limit ? page.last?.id : nil)))))
    }

    func getProject(_ input: Operations.GetProject.Input) async throws -> Operations.GetProject.Output {
        let principal = try RequestScope.principal()
        guard
            let project = try await projects.project(
                id: input.path.projectId, workspaceID: principal.workspaceID)
        else { throw APIError(.notFound, detail: "No such project.") }
        let runs = try await ReportRunRepository(database: services.database).latestRuns(
            projectIDs: [project.id], workspaceID: principal.workspaceID)
        return .ok(.init(body: .json(try .init(project, latestRun: runs[project.id]))))
    }

    func createProject(_ input: Operations.CreateProject.Input) async throws -> Operations.CreateProject.Output {
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let draft = try Self.validatedDraft(body)
        let principal = try RequestScope.principal()
        let startsReport = try await services.flags.isEnabled(
            BuiltInFlags.immediateReports, workspaceID: principal.workspaceID, context: try Self.callerFlagContext())
        let (project, run) = try await changeProject { audit, now in
            try await services.reportRuns.createProject(
                draft, startsReport: startsReport, audit: audit, now: now, in: services.database)
        }
        return .created(.init(body: .json(try .init(project, latestRun: run))))
    }

    /// The creation rules without the creation: the wizard's check as the user types.
    func validateProject(_ input: Operations.ValidateProject.Input) async throws -> Operations.ValidateProject.Output {
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let draft = try Self.validatedDraft(body)
        return .ok(
            .init(
                body: .json(
                    .init(
                        name: draft.name, description: draft.description, tags: draft.tags,
                        subject: try SchemaJSON.convert(draft.subject), peers: try SchemaJSON.convert(draft.peers),
                        schedule: draft.schedule.map { .init(cron: $0.cron, timeZone: $0.timeZone) }))))
    }

    func updateProject(_ input: Operations.UpdateProject.Input) async throws -> Operations.UpdateProject.Output {
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let draft = try Self.validatedDraft(body)
        let project = try await changeProject { audit, now in
            try await projects.update(
                id: input.path.projectId, with: draft, expectedVersion: body.version.map(Int.init), audit: audit, now: now)
        }
        let runs = try await ReportRunRepository(database: services.database).latestRuns(
            projectIDs: [project.id], workspaceID: project.workspaceID)
        return .ok(.init(body: .json(try .init(project, latestRun: runs[project.id]))))
    }

    func deleteProject(_ input: Operations.DeleteProject.Input) async throws -> Operations.DeleteProject.Output {
        try await changeProject { audit, now in
            try await projects.delete(id: input.path.projectId, audit: audit, now: now)
        }
        return .noContent(.init())
    }

    /// The body as a tidied draft, or a 422 naming every broken rule of the body as sent.
    private static func validatedDraft(_ body: Components.Schemas.ProjectInput) throws -> ProjectDraft {
        let sent = ProjectDraft(
            name: body.name, description: body.description ?? "", tags: body.tags ?? [],
            subject: try SchemaJSON.convert(body.subject), peers: try SchemaJSON.convert(body.peers),
            schedule: body.schedule.map { ReportSchedule(cron: $0.cron, timeZone: $0.timeZone) })
        let problems = ProjectValidator.problems(in: ProjectValidator.tidied(sent, deduplicatingTags: false))
        guard problems.isEmpty else { throw APIError.validation(problems) }
        return ProjectValidator.tidied(sent)
    }

    /// The projects of the database.
    private var projects: ProjectRepository { ProjectRepository(database: services.database) }

    /// Runs a change to a project of the caller's workspace, audited as the caller's, and maps
    /// the store's refusals to problems.
    private func changeProject<Result>(_ change: (AuditScope, Date) async throws -> Result) async throws -> Result {
        let principal = try RequestScope.principal()
        let audit = AuditScope(workspaceID: principal.workspaceID, context: RequestScope.auditContext())
        do {
            return try await change(audit, services.clock.now())
        } catch let error as ProjectStoreError {
            switch error {
            case .notFound: throw APIError(.notFound, detail: "No such project.")
            case .versionMismatch(let current):
                throw APIError(
                    .projectVersionConflict, detail: "The project is at version \(current); read it again and reapply the change.")
            }
        } catch let error as ReportRunError {
            throw APIError(error)
        }
    }
}

extension Components.Schemas.Project {
    init(_ project: StoredProject, latestRun: ReportRun?) throws {
        self.init(
            id: project.id, name: project.draft.name, description: project.draft.description, tags: project.draft.tags,
            subject: try SchemaJSON.convert(project.draft.subject), peers: try SchemaJSON.convert(project.draft.peers),
            version: project.version, createdBy: project.createdBy, createdAt: project.createdAt,
            updatedAt: project.updatedAt, topic: "project:\(project.id)", latestRun: latestRun.map(Components.Schemas.ReportRun.init),
            schedule: project.draft.schedule.map { .init(cron: $0.cron, timeZone: $0.timeZone) }, nextReportAt: project.nextReportAt)
    }
}
