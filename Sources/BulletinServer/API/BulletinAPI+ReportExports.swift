import BulletinCore
import BulletinJobs
import BulletinOpenAPI
import BulletinReports
import BulletinStore
import Foundation
import OpenAPIRuntime

/// Batch exports: anyone who reads the workspace's reports exports them as one ZIP.
extension BulletinAPI {
    func createReportExport(_ input: Operations.CreateReportExport.Input) async throws -> Operations.CreateReportExport.Output {
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let principal = try RequestScope.principal()
        let audit = AuditScope(workspaceID: principal.workspaceID, context: RequestScope.auditContext())
        var problems: [FieldError] = []
        if !(1...ReportExporter.maximumProjects).contains(body.projectIds.count) {
            problems.append(FieldError(pointer: "/projectIds", message: "Name 1 to \(ReportExporter.maximumProjects) projects."))
        }
        if !(1...ReportFileFormat.allCases.count).contains(body.formats.count) {
            problems.append(FieldError(pointer: "/formats", message: "Name 1 to 3 formats: pdf, docx, tex."))
        }
        guard problems.isEmpty else { throw APIError.validation(problems) }
        let exporter = ReportExporter(enqueuer: JobEnqueuer(metrics: services.jobMetrics))
        do {
            let export = try await exporter.start(
                projectIDs: body.projectIds, formats: body.formats.compactMap { ReportFileFormat(rawValue: $0.rawValue) },
                audit: audit, now: services.clock.now(), in: services.database)
            return .accepted(.init(body: .json(.init(export))))
        } catch ReportExportError.unknownProjects(let indices) {
            throw APIError.validation(
                indices.map { FieldError(pointer: "/projectIds/\($0)", message: "The workspace has no such project.") })
        }
    }

    func getReportExport(_ input: Operations.GetReportExport.Input) async throws -> Operations.GetReportExport.Output {
        let principal = try RequestScope.principal()
        guard
            let export = try await ReportExportRepository(database: services.database).export(
                id: input.path.exportId, workspaceID: principal.workspaceID)
        else { throw APIError(.notFound, detail: "No such export.") }
        return .ok(.init(body: .json(.init(export))))
    }

    func downloadReportExport(_ input: Operations.DownloadReportExport.Input) async throws -> Operations.DownloadReportExport.Output {
        let principal = try RequestScope.principal()
        guard
            let (export, data) = try await ReportExportRepository(database: services.database).archive(
                id: input.path.exportId, workspaceID: principal.workspaceID)
        else { throw APIError(.notFound, detail: "No such export, or it is not ready.") }
        return .ok(
            .init(
                headers: .init(contentDisposition: #"attachment; filename="\#(export.fileName ?? "reports.zip")""#),
                body: .applicationZip(HTTPBody(data))))
    }
}

extension Components.Schemas.ReportExport {
    init(_ export: ReportExport) {
        self.init(
            id: export.id, projectIds: export.projectIDs, formats: export.formats.compactMap(FormatsPayloadPayload.init(rawValue:)),
            state: StatePayload(rawValue: export.state.rawValue) ?? .failed, progress: export.progress, message: export.message,
            jobId: export.jobID.map(String.init), topic: export.topic, size: export.size, fileName: export.fileName,
            downloadUrl: export.state == .ready ? "/v1/reports/exports/\(export.id)/file" : nil, createdAt: export.createdAt,
            finishedAt: export.finishedAt, expiresAt: export.expiresAt)
    }
}
