import BulletinCore
import BulletinDocuments
import BulletinOpenAPI
import BulletinReports
import BulletinStore
import Foundation
import OpenAPIRuntime

/// Word templates: editors upload and delete them, everyone in the workspace reads and fills them.
extension BulletinAPI {
    func listReportTemplates(_ input: Operations.ListReportTemplates.Input) async throws -> Operations.ListReportTemplates.Output {
        let principal = try RequestScope.principal()
        let templates = try await templates.list(workspaceID: principal.workspaceID)
        return .ok(.init(body: .json(.init(items: templates.map(Components.Schemas.ReportTemplate.init)))))
    }

    func uploadReportTemplate(_ input: Operations.UploadReportTemplate.Input) async throws -> Operations.UploadReportTemplate.Output {
        let principal = try RequestScope.principal()
        let name = input.query.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else {
            throw APIError.validation([FieldError(pointer: "#/query/name", message: "A template needs a name.")])
        }
        guard case .applicationVnd_openxmlformatsOfficedocument_wordprocessingml_document(let body) = input.body else {
            throw APIError(.unsupportedMediaType)
        }
        // The body middleware has already refused more than the limit.
        let data = try await Data(collecting: body, upTo: ReportTemplates.maximumSize)
        let tags: [TemplateTag]
        do {
            tags = try ReportTemplates.check(data)
        } catch {
            throw APIError(templateError: error)
        }
        let audit = AuditScope(workspaceID: principal.workspaceID, context: RequestScope.auditContext())
        do {
            let stored = try await templates.create(
                name: name, content: data, tags: tags.map(\.text), id: RandomID.make(), audit: audit, now: services.clock.now())
            return .created(.init(body: .json(.init(stored))))
        } catch ReportTemplateStoreError.nameTaken {
            throw APIError(.templateNameTaken, detail: "The workspace has a template named \(name); delete it or choose another name.")
        }
    }

    func getReportTemplateSample(
        _ input: Operations.GetReportTemplateSample.Input
    ) async throws -> Operations.GetReportTemplateSample.Output {
        .ok(
            .init(
                headers: .init(contentDisposition: #"attachment; filename="bulletin-report-template.docx""#),
                body: .applicationVnd_openxmlformatsOfficedocument_wordprocessingml_document(HTTPBody(try ReportTemplates.sample()))))
    }

    func getReportTemplate(_ input: Operations.GetReportTemplate.Input) async throws -> Operations.GetReportTemplate.Output {
        let principal = try RequestScope.principal()
        guard let stored = try await templates.template(id: input.path.templateId, workspaceID: principal.workspaceID) else {
            throw APIError(.notFound, detail: "No such template.")
        }
        return .ok(.init(body: .json(.init(stored))))
    }

    func downloadReportTemplate(_ input: Operations.DownloadReportTemplate.Input) async throws -> Operations.DownloadReportTemplate.Output {
        let principal = try RequestScope.principal()
        guard let (stored, data) = try await templates.content(id: input.path.templateId, workspaceID: principal.workspaceID) else {
            throw APIError(.notFound, detail: "No such template.")
        }
        return .ok(
            .init(
                headers: .init(contentDisposition: #"attachment; filename="\#(Self.templateFileName(stored.name))""#),
                body: .applicationVnd_openxmlformatsOfficedocument_wordprocessingml_document(HTTPBody(data))))
    }

    func deleteReportTemplate(_ input: Operations.DeleteReportTemplate.Input) async throws -> Operations.DeleteReportTemplate.Output {
        let principal = try RequestScope.principal()
        let audit = AuditScope(workspaceID: principal.workspaceID, context: RequestScope.auditContext())
        do {
            try await templates.delete(id: input.path.templateId, audit: audit, now: services.clock.now())
        } catch ReportTemplateStoreError.notFound {
            throw APIError(.notFound, detail: "No such template.")
        }
        return .noContent(.init())
    }

    /// The workspace's templates in the database.
    private var templates: ReportTemplateRepository { ReportTemplateRepository(database: services.database) }

    /// A file name for a template: its name's letters, digits, spaces, dots, dashes and
    /// underscores (others become `-`), then `.docx`.
    static func templateFileName(_ name: String) -> String {
        let safe = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || " ._-".contains($0)) ? $0 : "-" })
        return (safe.hasSuffix(".docx") ? String(safe.dropLast(5)) : safe) + ".docx"
    }
}

extension APIError {
    /// A 422 `template-invalid` listing every problem, or, for a chart the report lacks, a 500.
    init(templateError error: TemplateError) {
        switch error {
        case .invalid(let problems):
            self.init(
                .templateInvalid,
                detail: problems.count == 1 ? problems[0].description : "The template has \(problems.count) problems.")
            templateProblems = problems.map {
                TemplateProblemEntry(
                    code: $0.code.description, tag: $0.tag, part: $0.location?.part, paragraph: $0.location?.paragraph,
                    message: $0.message)
            }
        case .missingChart(let name):
            self.init(.internalError, detail: "The report has no chart \(name).")
        }
    }
}

extension Components.Schemas.ReportTemplate {
    init(_ template: StoredReportTemplate) {
        self.init(
            id: template.id, name: template.name, size: template.size, sha256: template.sha256, tags: template.tags,
            createdBy: template.createdBy, createdAt: template.createdAt)
    }
}
