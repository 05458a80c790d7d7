import BulletinCore
import BulletinForms
import BulletinOpenAPI
import BulletinStore
import Foundation
import HTTPTypes

/// Answering forms outside the workspace and across sittings: public links (editors make and
/// revoke them; whoever holds one answers without signing in) and saved progress (members
/// under their ID, public respondents under a resume token).
extension BulletinAPI {
    func listFormLinks(_ input: Operations.ListFormLinks.Input) async throws -> Operations.ListFormLinks.Output {
        let stored = try await form(input.path.formId)
        let links = try await formLinks.list(formID: stored.id, workspaceID: stored.workspaceID)
        let now = services.clock.now()
        return .ok(.init(body: .json(.init(items: links.map { .init($0, now: now) }, nextCursor: ListCursor(nil)))))
    }

    func createFormLink(_ input: Operations.CreateFormLink.Input) async throws -> Operations.CreateFormLink.Output {
        let principal = try RequestScope.principal()
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let name = TextRules.trimmed(body.name)
        var problems = TextRules.problems(name, at: "/name", label: "A link's name", required: true, maximum: 100)
        let now = services.clock.now()
        if let expiresAt = body.expiresAt, expiresAt <= now {
            problems.append(FieldError(pointer: "/expiresAt", message: "An expiry must be in the future."))
        }
        guard problems.isEmpty else { throw APIError.validation(problems) }
        let audit = AuditScope(workspaceID: principal.workspaceID, context: RequestScope.auditContext())
        let token = SecretToken.make()
        do {
            let link = try await formLinks.create(
                formID: input.path.formId, name: name, expiresAt: body.expiresAt, maxResponses: body.maxResponses, token: token,
                id: RandomID.make(), audit: audit, now: now)
            return .created(.init(body: .json(.init(link: .init(link, now: now), token: token.value, url: "/respond#\(token.value)"))))
        } catch let error as FormStoreError {
            throw APIError(formError: error)
        }
    }

    func revokeFormLink(_ input: Operations.RevokeFormLink.Input) async throws -> Operations.RevokeFormLink.Output {
        let principal = try RequestScope.principal()
        let audit = AuditScope(workspaceID: principal.workspaceID, context: RequestScope.auditContext())
        do {
            try await formLinks.revoke(id: input.path.linkId, formID: input.path.formId, audit: audit, now: services.clock.now())
        } catch let error as FormStoreError {
            throw APIError(formError: error)
        }
        return .noContent(.init())
    }

    func getFormProgress(_ input: Operations.GetFormProgress.Input) async throws -> Operations.GetFormProgress.Output {
        let principal = try RequestScope.principal()
        let stored = try await form(input.path.formId)
        guard let saved = try await progress.load(formID: stored.id, owner: .member(principal.userID)) else {
            throw APIError(.notFound, detail: "No answers are saved for this form.")
        }
        return .ok(.init(body: .json(try .init(storedAnswers: saved.answers, savedAt: saved.savedAt, resumeToken: nil))))
    }

    func saveFormProgress(_ input: Operations.SaveFormProgress.Input) async throws -> Operations.SaveFormProgress.Output {
        let principal = try RequestScope.principal()
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let (stored, version) = try await publishedVersion(of: try await form(input.path.formId))
        let answers = try Self.checkedAnswers(body.answers.additionalProperties, definition: version.definition, complete: false)
        let now = services.clock.now()
        try await progress.save(
            formID: stored.id, owner: .member(principal.userID), linkID: nil, answers: answers, id: RandomID.make(), now: now)
        return .ok(.init(body: .json(try .init(storedAnswers: answers, savedAt: now, resumeToken: nil))))
    }

    func getPublicForm(_ input: Operations.GetPublicForm.Input) async throws -> Operations.GetPublicForm.Output {
        let (_, stored, version) = try await openLink(input.headers.xFormToken)
        return .ok(
            .init(
                body: .json(
                    .init(
                        name: stored.name, version: version.version,
                        definition: try SchemaJSON.convert(try JSONValue(parsing: version.definition))))))
    }

    func submitPublicForm(_ input: Operations.SubmitPublicForm.Input) async throws -> Operations.SubmitPublicForm.Output {
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let (link, stored, version) = try await openLink(input.headers.xFormToken)
        try limitPublicWrites(link)
        let answers = try Self.checkedValues(body.answers.additionalProperties, definition: version.definition, complete: true)
        do {
            let submission = try await submit(
                answers, to: stored, version: version.version, respondentID: nil, linkID: link.id,
                progress: input.headers.xResumeToken.map { .resumeToken(SecretToken(value: $0)) })
            return .created(.init(body: .json(.init(id: submission.id, version: submission.version, createdAt: submission.createdAt))))
        } catch let closed as FormLinkClosed {
            throw Self.closedLink(closed.state)
        }
    }

    func getPublicFormProgress(_ input: Operations.GetPublicFormProgress.Input) async throws -> Operations.GetPublicFormProgress.Output {
        let (_, stored, _) = try await openLink(input.headers.xFormToken)
        let resume = SecretToken(value: input.headers.xResumeToken)
        guard let saved = try await progress.load(formID: stored.id, owner: .resumeToken(resume)) else {
            throw APIError(.notFound, detail: "No answers are saved under this resume token.")
        }
        return .ok(.init(body: .json(try .init(storedAnswers: saved.answers, savedAt: saved.savedAt, resumeToken: resume.value))))
    }

    func savePublicFormProgress(_ input: Operations.SavePublicFormProgress.Input) async throws -> Operations.SavePublicFormProgress.Output {
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let (link, stored, version) = try await openLink(input.headers.xFormToken)
        try limitPublicWrites(link)
        let answers = try Self.checkedAnswers(body.answers.additionalProperties, definition: version.definition, complete: false)
        let resume = input.headers.xResumeToken.map(SecretToken.init(value:)) ?? SecretToken.make()
        let now = services.clock.now()
        try await progress.save(
            formID: stored.id, owner: .resumeToken(resume), linkID: link.id, answers: answers, id: RandomID.make(), now: now)
        return .ok(.init(body: .json(try .init(storedAnswers: answers, savedAt: now, resumeToken: resume.value))))
    }

    /// The open link a token names with its form and published version: 401 for no such
    /// link, 410 `form-link-closed` for one that no longer takes answers.
    private func openLink(_ token: String) async throws -> (StoredFormLink, StoredForm, StoredFormVersion) {
        guard let link = try await formLinks.link(token: SecretToken(value: token)),
            let stored = try await forms.form(id: link.formID, workspaceID: link.workspaceID)
        else {
            throw APIError(.unauthenticated, detail: "The form link is not valid.")
        }
        let state = link.state(at: services.clock.now())
        guard state == .open else { throw Self.closedLink(state) }
        let (_, version) = try await publishedVersion(of: stored)
        return (link, stored, version)
    }

    /// Public answers and saves: 20 a minute per link and client address.
    private func limitPublicWrites(_ link: StoredFormLink) throws {
        let address = RequestScope.current?.clientAddress ?? "unknown"
        let decision = services.formLinkLimiter.take("\(link.id) \(address)", now: services.clock.now())
        guard decision.allowed else {
            throw APIError(
                .rateLimited, detail: "Too many answers from here; try again in \(decision.retryAfterSeconds) s.",
                headers: [.retryAfter: String(decision.retryAfterSeconds)])
        }
    }

    private static func closedLink(_ state: FormLinkState) -> APIError {
        let why =
            switch state {
            case .revoked: "The link was revoked."
            case .expired: "The link has expired."
            case .full: "The link has taken all the answers it may."
            case .open: "The link is open."
            }
        return APIError(.formLinkClosed, detail: why)
    }

    private var formLinks: FormLinkRepository { FormLinkRepository(database: services.database) }
    private var progress: FormProgressRepository { FormProgressRepository(database: services.database) }
}

extension Components.Schemas.FormLink {
    init(_ link: StoredFormLink, now: Date) {
        self.init(
            id: link.id, name: link.name, expiresAt: link.expiresAt, maxResponses: link.maxResponses, responses: link.responses,
            revokedAt: link.revokedAt, state: .init(rawValue: link.state(at: now).rawValue) ?? .open, createdAt: link.createdAt)
    }
}

extension Components.Schemas.FormProgress {
    init(storedAnswers answers: String, savedAt: Date, resumeToken: String?) throws {
        self.init(
            answers: try SchemaJSON.convert(try JSONValue(parsing: answers)), savedAt: savedAt, resumeToken: resumeToken)
    }
}
