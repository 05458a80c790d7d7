import BulletinCore
import BulletinDocuments
import BulletinOpenAPI
import BulletinReports
import BulletinStore
import Foundation
import OpenAPIRuntime

/// Reports as documents to download (PDF, DOCX, LaTeX), with a strong ETag.
extension BulletinAPI {
    /// The report as a document; a DOCX fills the workspace's template `templateID` when given.
    func reportFile(
        _ report: StoredReport, format: ReportFileFormat, templateID: String?, ifNoneMatch: String?
    ) async throws -> Operations.GetReport.Output {
        guard
            let project = try await ProjectRepository(database: services.database).project(
                id: report.projectID, workspaceID: report.workspaceID),
            let workspace = try await MemberRepository(database: services.database).workspace(id: report.workspaceID)
        else { throw APIError(.notFound, detail: "No such report.") }
        var template: ReportFileTemplate?
        if let templateID {
            guard
                let (stored, data) = try await ReportTemplateRepository(database: services.database).content(
                    id: templateID, workspaceID: report.workspaceID)
            else { throw APIError(.notFound, detail: "The workspace has no template \(templateID).") }
            template = ReportFileTemplate(id: stored.id, data: data, digest: stored.sha256)
        }
        let file: ReportFile
        do {
            file = try services.reportFiles.file(
                format, document: report.document, key: report.id, projectName: project.draft.name,
                projectDescription: project.draft.description, subject: project.draft.subject.name, workspace: workspace.name,
                template: template)
        } catch let error as TemplateError {
            throw APIError(templateError: error)
        }
        if let ifNoneMatch, Self.matches(ifNoneMatch, etag: file.etag) {
            return .notModified(.init(headers: .init(eTag: file.etag)))
        }
        let headers = Operations.GetReport.Output.Ok.Headers(
            eTag: file.etag, contentDisposition: "attachment; filename=\"\(file.fileName)\"")
        let body = HTTPBody(file.data)
        switch format {
        case .pdf: return .ok(.init(headers: headers, body: .pdf(body)))
        case .docx: return .ok(.init(headers: headers, body: .applicationVnd_openxmlformatsOfficedocument_wordprocessingml_document(body)))
        case .tex: return .ok(.init(headers: headers, body: .applicationXTex(body)))
        }
    }
}
