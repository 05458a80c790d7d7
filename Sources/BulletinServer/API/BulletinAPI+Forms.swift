import BulletinCore
import BulletinForms
import BulletinOpenAPI
import BulletinStore
import Foundation
import OpenAPIRuntime

/// Forms: editors write and publish definitions; every member reads them and answers them.
/// Definitions and answers are checked by the forms domain (`BulletinForms`); the store keeps
/// them as JSON text.
extension BulletinAPI {
    func listForms(_ input: Operations.ListForms.Input) async throws -> Operations.ListForms.Output {
        let principal = try RequestScope.principal()
        let stored = try await forms.list(workspaceID: principal.workspaceID)
        return .ok(.init(body: .json(.init(items: try stored.map(Components.Schemas.Form.init), nextCursor: ListCursor(nil)))))
    }

    func createForm(_ input: Operations.CreateForm.Input) async throws -> Operations.CreateForm.Output {
        let principal = try RequestScope.principal()
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let (name, definition) = try Self.checkedForm(body)
        let audit = AuditScope(workspaceID: principal.workspaceID, context: RequestScope.auditContext())
        let stored = try await forms.create(
            name: name, definition: definition.json.jsonText(), id: RandomID.make(), audit: audit, now: services.clock.now())
        return .created(.init(body: .json(try .init(stored))))
    }

    func getForm(_ input: Operations.GetForm.Input) async throws -> Operations.GetForm.Output {
        .ok(.init(body: .json(try .init(try await form(input.path.formId)))))
    }

    func updateForm(_ input: Operations.UpdateForm.Input) async throws -> Operations.UpdateForm.Output {
        let principal = try RequestScope.principal()
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let (name, definition) = try Self.checkedForm(body)
        let audit = AuditScope(workspaceID: principal.workspaceID, context: RequestScope.auditContext())
        do {
            let stored = try await forms.update(
                id: input.path.formId, name: name, definition: definition.json.jsonText(), revision: body.revision, audit: audit,
                now: services.clock.now())
            return .ok(.init(body: .json(try .init(stored))))
        } catch let error as FormStoreError {
            throw APIError(formError: error)
        }
    }

    func deleteForm(_ input: Operations.DeleteForm.Input) async throws -> Operations.DeleteForm.Output {
        let principal = try RequestScope.principal()
        let audit = AuditScope(workspaceID: principal.workspaceID, context: RequestScope.auditContext())
        do {
            try await forms.delete(id: input.path.formId, audit: audit, now: services.clock.now())
        } catch let error as FormStoreError {
            throw APIError(formError: error)
        }
        return .noContent(.init())
    }

    func publishForm(_ input: Operations.PublishForm.Input) async throws -> Operations.PublishForm.Output {
        let principal = try RequestScope.principal()
        let audit = AuditScope(workspaceID: principal.workspaceID, context: RequestScope.auditContext())
        let published: (form: StoredForm, version: StoredFormVersion, isNew: Bool)
        do {
            published = try await forms.publish(id: input.path.formId, audit: audit, now: services.clock.now())
        } catch let error as FormStoreError {
            throw APIError(formError: error)
        }
        let before =
            published.version.version > 1
            ? try await forms.version(formID: published.form.id, version: published.version.version - 1, workspaceID: principal.workspaceID)
            : nil
        let changes = FormChanges(
            from: try before.map { try Self.definition($0.definition) }, to: try Self.definition(published.version.definition))
        return .ok(
            .init(
                body: .json(
                    .init(
                        form: try .init(published.form), version: try .init(published.version), isNew: published.isNew,
                        changes: .init(added: changes.added, removed: changes.removed, changed: changes.changed)))))
    }

    func listFormVersions(_ input: Operations.ListFormVersions.Input) async throws -> Operations.ListFormVersions.Output {
        let principal = try RequestScope.principal()
        do {
            let versions = try await forms.versions(formID: input.path.formId, workspaceID: principal.workspaceID)
            return .ok(.init(body: .json(.init(items: try versions.map(Components.Schemas.FormVersion.init), nextCursor: ListCursor(nil)))))
        } catch let error as FormStoreError {
            throw APIError(formError: error)
        }
    }

    func submitForm(_ input: Operations.SubmitForm.Input) async throws -> Operations.SubmitForm.Output {
        let principal = try RequestScope.principal()
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let (stored, version) = try await publishedVersion(of: try await form(input.path.formId))
        let answers = try Self.checkedValues(body.answers.additionalProperties, definition: version.definition, complete: true)
        let submission = try await submit(
            answers, to: stored, version: version.version, respondentID: principal.userID, progress: .member(principal.userID))
        return .created(.init(body: .json(try .init(submission))))
    }

    func listFormSubmissions(_ input: Operations.ListFormSubmissions.Input) async throws -> Operations.ListFormSubmissions.Output {
        let principal = try RequestScope.principal()
        let stored = try await form(input.path.formId)
        let csv = input.query.format == .csv
        let limit = input.query.limit ?? (csv ? 1_000 : 100)
        let page: [StoredFormSubmission]
        do {
            page = try await forms.submissions(
                formID: stored.id, workspaceID: principal.workspaceID, after: input.query.cursor,
                limit: csv ? FormSubmissionExport.maximumRows : limit + 1)
        } catch let error as FormStoreError {
            throw APIError(formError: error)
        }
        if csv {
            let text = try await FormSubmissionExport.csv(page, form: stored, repository: forms, workspaceID: principal.workspaceID)
            return .ok(.init(body: .csv(HTTPBody(text))))
        }
        let items = try page.prefix(limit).map(Components.Schemas.FormSubmission.init)
        let next = page.count > limit ? items.last?.id : nil
        return .ok(.init(body: .json(.init(items: items, nextCursor: ListCursor(next)))))
    }

    /// A form of the caller's workspace, or 404.
    func form(_ id: String) async throws -> StoredForm {
        let principal = try RequestScope.principal()
        guard let stored = try await forms.form(id: id, workspaceID: principal.workspaceID) else {
            throw APIError(.notFound, detail: "No such form.")
        }
        return stored
    }

    var forms: FormRepository { FormRepository(database: services.database) }

    /// The form's published version, or 409 `form-not-published`.
    func publishedVersion(of stored: StoredForm) async throws -> (StoredForm, StoredFormVersion) {
        guard let number = stored.publishedVersion,
            let version = try await forms.version(formID: stored.id, version: number, workspaceID: stored.workspaceID)
        else {
            throw APIError(.formNotPublished, detail: "Publish the form before answering it.")
        }
        return (stored, version)
    }

    /// Answers checked against a published definition (for a partial save, shapes only), as
    /// the JSON text to store; a 422 whose pointers name the fields under `/answers`.
    static func checkedAnswers(_ answers: OpenAPIObjectContainer, definition: String, complete: Bool) throws -> String {
        JSONValue.object(try checkedValues(answers, definition: definition, complete: complete)).jsonText()
    }

    /// Answers checked against a published definition, as the values to store.
    static func checkedValues(_ answers: OpenAPIObjectContainer, definition: String, complete: Bool) throws -> [String: JSONValue] {
        let given = try SchemaJSON.convert(answers, to: JSONValue.self).objectValue ?? [:]
        switch FormValidator(definition: try Self.definition(definition)).validate(given, complete: complete) {
        case .success(let values): return values
        case .failure(let problems): throw APIError.validation(problems.prefixed("/answers").errors)
        }
    }

    /// The trimmed name and the checked definition of a create or update, or a 422 naming every problem.
    private static func checkedForm(_ body: Components.Schemas.FormInput) throws -> (String, FormDefinition) {
        let name = TextRules.trimmed(body.name)
        let problems = TextRules.problems(name, at: "/name", label: "A form's name", required: true, maximum: 200)
        switch FormDefinition.parse(try SchemaJSON.convert(body.definition, to: JSONValue.self)) {
        case .success(let definition) where problems.isEmpty: return (name, definition)
        case .success: throw APIError.validation(problems)
        case .failure(let found): throw APIError.validation(problems + found.prefixed("/definition").errors)
        }
    }

    /// A stored definition, which was checked when saved.
    static func definition(_ text: String) throws -> FormDefinition {
        try FormDefinition.parse(try JSONValue(parsing: text)).get()
    }
}

extension APIError {
    init(formError: FormStoreError) {
        switch formError {
        case .notFound: self.init(.notFound, detail: "No such form.")
        case .revisionConflict(let current):
            self.init(.formRevisionConflict, detail: "The draft is at revision \(current); read it again and reapply your change.")
        case .notPublished: self.init(.formNotPublished, detail: "Publish the form before answering it.")
        case .tooManyLinks:
            self.init(.limitReached, detail: "A form has at most \(FormLinkRepository.maximumCount) links; revoke one first.")
        }
    }
}

extension Components.Schemas.Form {
    init(_ form: StoredForm) throws {
        self.init(
            id: form.id, name: form.name, definition: try SchemaJSON.convert(try JSONValue(parsing: form.definition)),
            revision: form.revision, publishedVersion: form.publishedVersion, topic: "form:\(form.id)",
            createdAt: form.createdAt, updatedAt: form.updatedAt,
            feed: try form.feed.map { .init(try JSONText.decode(FormFeed.self, from: $0)) })
    }
}

extension Components.Schemas.FormVersion {
    init(_ version: StoredFormVersion) throws {
        self.init(
            version: version.version, definition: try SchemaJSON.convert(try JSONValue(parsing: version.definition)),
            publishedAt: version.publishedAt, publishedBy: version.publishedBy)
    }
}

extension Components.Schemas.FormSubmission {
    init(_ submission: StoredFormSubmission) throws {
        self.init(
            id: submission.id, formId: submission.formID, version: submission.version,
            answers: try SchemaJSON.convert(try JSONValue(parsing: submission.answers)), respondentId: submission.respondentID,
            createdAt: submission.createdAt, feed: try submission.feed.map { .init(try JSONText.decode(FormFeedOutcome.self, from: $0)) })
    }
}
