import BulletinCore
import BulletinOpenAPI
import BulletinReports
import BulletinStore
import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Report runs and versions: editors regenerate, cancel and retry; everyone in the workspace
/// follows runs and reads reports.
extension BulletinAPI {
    func startReportRun(_ input: Operations.StartReportRun.Input) async throws -> Operations.StartReportRun.Output {
        let (run, isNew) = try await changeReportRun { audit, now in
            try await services.reportRuns.start(
                projectID: input.path.projectId, audit: audit, audited: true, now: now, in: services.database)
        }
        let body = Components.Schemas.ReportRun(run)
        return isNew ? .accepted(.init(body: .json(body))) : .ok(.init(body: .json(body)))
    }

    func listReportRuns(_ input: Operations.ListReportRuns.Input) async throws -> Operations.ListReportRuns.Output {
        let principal = try RequestScope.principal()
        let limit = try Self.reportPageSize(input.query.limit)
        try await requireProject(input.path.projectId, workspaceID: principal.workspaceID)
        let runs = try await ReportRunRepository(database: services.database).runs(
            projectID: input.path.projectId, workspaceID: principal.workspaceID, limit: limit)
        return .ok(.init(body: .json(.init(items: runs.map(Components.Schemas.ReportRun.init), nextCursor: ListCursor(nil)))))
    }

    func getReportRun(_ input: Operations.GetReportRun.Input) async throws -> Operations.GetReportRun.Output {
        let principal = try RequestScope.principal()
        guard
            let run = try await ReportRunRepository(database: services.database).run(
                id: input.path.runId, workspaceID: principal.workspaceID)
        else { throw APIError(.notFound, detail: "No such report run.") }
        return .ok(.init(body: .json(.init(run))))
    }

    func cancelReportRun(_ input: Operations.CancelReportRun.Input) async throws -> Operations.CancelReportRun.Output {
        let run = try await changeReportRun { audit, now in
            try await ReportRunRepository(database: services.database).cancel(runID: input.path.runId, audit: audit, now: now)
        }
        return .ok(.init(body: .json(.init(run))))
    }

    func retryReportRun(_ input: Operations.RetryReportRun.Input) async throws -> Operations.RetryReportRun.Output {
        let run = try await changeReportRun { audit, now in
            try await services.reportRuns.retry(runID: input.path.runId, audit: audit, now: now, in: services.database)
        }
        return .accepted(.init(body: .json(.init(run))))
    }

    func listReports(_ input: Operations.ListReports.Input) async throws -> Operations.ListReports.Output {
        let principal = try RequestScope.principal()
        let limit = try Self.reportPageSize(input.query.limit)
        try await requireProject(input.path.projectId, workspaceID: principal.workspaceID)
        let versions = try await ReportRunRepository(database: services.database).versions(
            projectID: input.path.projectId, workspaceID: principal.workspaceID, limit: limit)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: versions.map {
                            .init(
                                id: $0.id, projectId: $0.projectID, runId: $0.runID, version: $0.version, title: $0.title,
                                createdAt: $0.createdAt)
                        }, nextCursor: ListCursor(nil)))))
    }

    func getReport(_ input: Operations.GetReport.Input) async throws -> Operations.GetReport.Output {
        let principal = try RequestScope.principal()
        try Self.checkLength(ifNoneMatch: input.headers.ifNoneMatch)
        let format = try Self.reportFormat(query: input.query.format, accept: input.headers.accept)
        if input.query.template != nil, format != .docx {
            throw APIError.validation(
                [FieldError(pointer: "#/query/template", message: "A template fills DOCX downloads only: add format=docx.")])
        }
        let reportID = input.path.reportId == "latest" ? nil : input.path.reportId
        guard
            let report = try await ReportRunRepository(database: services.database).report(
                id: reportID, projectID: input.path.projectId, workspaceID: principal.workspaceID)
        else { throw APIError(.notFound, detail: "No such report.") }
        switch format {
        case .json:
            return .ok(
                .init(
                    body: .json(
                        .init(
                            id: report.id, projectId: report.projectID, runId: report.runID, version: report.version, title: report.title,
                            createdAt: report.createdAt, document: .init(additionalProperties: try Self.jsonObject(report.document)),
                            analysis: .init(additionalProperties: try Self.jsonObject(report.analysis))))))
        case .markdown:
            return .ok(.init(body: .textMarkdown(HTTPBody(report.markdown))))
        case .html:
            return .ok(.init(body: .html(HTTPBody(report.html))))
        case .pdf, .docx, .tex:
            return try await reportFile(
                report, format: ReportFileFormat(rawValue: format.rawValue)!, templateID: input.query.template,
                ifNoneMatch: input.headers.ifNoneMatch)
        }
    }

    /// The format asked for: `format` when given, else `Accept`'s preferred type (JSON when
    /// `Accept` is absent or only wildcards); 406 when it names only types not served.
    private static func reportFormat(
        query: Operations.GetReport.Input.Query.FormatPayload?,
        accept: [AcceptHeaderContentType<Operations.GetReport.AcceptableContentType>]
    ) throws -> Operations.GetReport.Input.Query.FormatPayload {
        if let query { return query }
        let preferred = accept.sortedByQuality().first {
            if case .other(let type) = $0.contentType { return !type.contains("*") }
            return true
        }
        switch preferred?.contentType {
        case .none, .json, .applicationProblemJson: return .json
        case .textMarkdown: return .markdown
        case .html: return .html
        case .pdf: return .pdf
        case .applicationVnd_openxmlformatsOfficedocument_wordprocessingml_document: return .docx
        case .applicationXTex: return .tex
        case .other:
            throw APIError(
                .notAcceptable,
                detail: "A report is served as application/json, text/markdown, text/html, application/pdf, "
                    + "application/vnd.openxmlformats-officedocument.wordprocessingml.document or application/x-tex.")
        }
    }

    private static func reportPageSize(_ limit: Int?) throws -> Int {
        let limit = limit ?? 20
        guard (1...ReportRunRepository.maximumPageSize).contains(limit) else {
            throw APIError(.badRequest, detail: "limit must be from 1 to \(ReportRunRepository.maximumPageSize).")
        }
        return limit
    }

    private static func jsonObject(_ json: String) throws -> OpenAPIObjectContainer {
        try JSONDecoder().decode(OpenAPIObjectContainer.self, from: Data(json.utf8))
    }

    /// 404 unless the project is the workspace's.
    private func requireProject(_ id: String, workspaceID: String) async throws {
        guard try await ProjectRepository(database: services.database).project(id: id, workspaceID: workspaceID) != nil else {
            throw APIError(.notFound, detail: "No such project.")
        }
    }

    /// Runs a change to a report run of the caller's workspace and maps the store's refusals to problems.
    func changeReportRun<Result>(_ change: (AuditScope, Date) async throws -> Result) async throws -> Result {
        let principal = try RequestScope.principal()
        let audit = AuditScope(workspaceID: principal.workspaceID, context: RequestScope.auditContext())
        do {
            return try await change(audit, services.clock.now())
        } catch let error as ReportRunError {
            throw APIError(error)
        }
    }
}

extension APIError {
    /// The problem a report run's refusal answers with.
    init(_ error: ReportRunError) {
        switch error {
        case .notFound:
            self.init(.notFound, detail: "No such project or report run.")
        case .limitReached(let detail, let retryAfter):
            self.init(.reportLimitReached, detail: detail, headers: [.retryAfter: String(retryAfter)])
        case .notCancellable(let state):
            self.init(.reportRunStateConflict, detail: "The run is \(state.rawValue); only a queued or running run is cancelled.")
        case .notRetryable(let state):
            self.init(.reportRunStateConflict, detail: "The run is \(state.rawValue); only a failed or cancelled run is retried.")
        case .anotherRunActive(let runID):
            self.init(.reportRunStateConflict, detail: "Run \(runID) of this project is in progress; follow or cancel it first.")
        }
    }
}

extension Components.Schemas.ReportRun {
    init(_ run: ReportRun) {
        self.init(
            id: run.id, projectId: run.projectID, state: .init(rawValue: run.state.rawValue) ?? .failed, progress: run.progress,
            message: run.message,
            problem: run.problem.map {
                .init(_type: ProblemType.reportRunFailed.uri, title: $0.title, detail: $0.detail)
            },
            reportId: run.reportID, jobId: run.jobID.map(String.init), requestedBy: run.requestedBy, createdAt: run.createdAt,
            startedAt: run.startedAt, finishedAt: run.finishedAt, updatedAt: run.updatedAt, topic: run.topic,
            trigger: .init(rawValue: run.trigger.rawValue) ?? .manual)
    }
}
