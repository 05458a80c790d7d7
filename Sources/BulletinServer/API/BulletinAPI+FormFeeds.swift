import BulletinCore
import BulletinForms
import BulletinOpenAPI
import BulletinReports
import BulletinStore
import Foundation

/// A form feeding a project: editors choose the project and which answers become which
/// participant's attributes; each submission then changes the project in its own transaction
/// (``FormFeedApplier``) and may start a report run.
extension BulletinAPI {
    func setFormFeed(_ input: Operations.SetFormFeed.Input) async throws -> Operations.SetFormFeed.Output {
        let principal = try RequestScope.principal()
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let stored = try await form(input.path.formId)
        let feed = FormFeed(
            projectID: body.projectId, peerField: body.peerField, websiteField: body.websiteField,
            attributes: (body.attributes ?? []).map { FormFeedAttribute(field: $0.field, name: TextRules.trimmed($0.attribute)) },
            runsReport: body.runsReport ?? false)
        var problems = feed.problems(in: try Self.definition(stored.definition))
        if try await ProjectRepository(database: services.database).project(id: feed.projectID, workspaceID: principal.workspaceID) == nil {
            problems.insert(FieldError(pointer: "/projectId", message: "The workspace has no such project."), at: 0)
        }
        guard problems.isEmpty else { throw APIError.validation(problems) }
        let updated = try await setFeed(try JSONText.encode(feed), of: stored.id)
        return .ok(.init(body: .json(try .init(updated))))
    }

    func deleteFormFeed(_ input: Operations.DeleteFormFeed.Input) async throws -> Operations.DeleteFormFeed.Output {
        _ = try await setFeed(nil, of: input.path.formId)
        return .noContent(.init())
    }

    /// Stores checked answers to a published version and, when the form feeds a project,
    /// applies them there in the same transaction.
    func submit(
        _ answers: [String: JSONValue], to stored: StoredForm, version: Int, respondentID: String?, linkID: String? = nil,
        progress: FormProgressRepository.Owner?
    ) async throws -> StoredFormSubmission {
        let audit = AuditScope(workspaceID: stored.workspaceID, context: RequestScope.auditContext())
        let now = services.clock.now()
        let applier = FormFeedApplier(starter: services.reportRuns)
        var applyFeed: (@Sendable (any SQLExecutor) async throws -> String?)?
        if let text = stored.feed {
            let feed = try JSONText.decode(FormFeed.self, from: text)
            applyFeed = { executor in
                try JSONText.encode(try await applier.apply(feed, answers: answers, audit: audit, now: now, in: executor))
            }
        }
        return try await forms.submit(
            formID: stored.id, version: version, answers: JSONValue.object(answers).jsonText(), respondentID: respondentID,
            linkID: linkID, progress: progress, id: RandomID.make(), workspaceID: stored.workspaceID, context: audit.context,
            now: now, feed: applyFeed)
    }

    private func setFeed(_ feed: String?, of formID: String) async throws -> StoredForm {
        let principal = try RequestScope.principal()
        let audit = AuditScope(workspaceID: principal.workspaceID, context: RequestScope.auditContext())
        do {
            return try await forms.setFeed(id: formID, feed: feed, audit: audit, now: services.clock.now())
        } catch let error as FormStoreError {
            throw APIError(formError: error)
        }
    }
}

extension Components.Schemas.FormFeed {
    init(_ feed: FormFeed) {
        self.init(
            projectId: feed.projectID, peerField: feed.peerField, websiteField: feed.websiteField,
            attributes: feed.attributes.map { .init(field: $0.field, attribute: $0.name) }, runsReport: feed.runsReport)
    }
}

extension Components.Schemas.FormFeedOutcome {
    init(_ outcome: FormFeedOutcome) {
        self.init(
            status: outcome.status == .applied ? .applied : .skipped, projectId: outcome.projectID,
            participant: outcome.participant, runId: outcome.runID, detail: outcome.detail)
    }
}
