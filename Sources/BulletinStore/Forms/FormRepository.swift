import BulletinCore
import Foundation

/// A workspace's forms: drafts, published versions and submissions. Changes to a form are
/// audited (so announced on the workspace's topic) and announced on the form's topic
/// `form:{id}`, as is every submission.
public struct FormRepository: Sendable {
    let database: any SQLContext

    public init(database: any SQLContext) {
        self.database = database
    }

    /// Stores a new form with its draft definition at revision 1.
    public func create(name: String, definition: String, id: String, audit: AuditScope, now: Date) async throws -> StoredForm {
        try await database.transaction { executor in
            let rows = try await executor.query(
                """
                INSERT INTO forms (id, workspace_id, name, definition, revision, created_by, created_at, updated_at)
                VALUES (\(id), \(audit.workspaceID), \(name), \(definition), 1, \(audit.context.actorID), \(now), \(now))
                RETURNING \(Self.columns)
                """)
            let form = try Self.form(rows[0])
            try await Self.record(.created, form, audit: audit, now: now, in: executor)
            return form
        }
    }

    /// The workspace's forms, the most recently changed first.
    public func list(workspaceID: String) async throws -> [StoredForm] {
        try await database.read { executor in
            try await executor.query(
                "SELECT \(Self.columns) FROM forms WHERE workspace_id = \(workspaceID) ORDER BY updated_at DESC, id"
            ).map(Self.form)
        }
    }

    /// One form.
    public func form(id: String, workspaceID: String) async throws -> StoredForm? {
        try await database.read { executor in
            try await executor.query(
                "SELECT \(Self.columns) FROM forms WHERE id = \(id) AND workspace_id = \(workspaceID)"
            ).first.map(Self.form)
        }
    }

    /// Replaces the draft's name and definition.
    /// - Parameter revision: the revision the caller read; `nil` to overwrite whatever is there.
    /// - Throws: ``FormStoreError/notFound``, ``FormStoreError/revisionConflict(current:)``.
    public func update(
        id: String, name: String, definition: String, revision: Int?, audit: AuditScope, now: Date
    ) async throws -> StoredForm {
        try await database.transaction { executor in
            var statement: SQLStatement = """
                UPDATE forms SET name = \(name), definition = \(definition), revision = revision + 1, updated_at = \(now)
                WHERE id = \(id) AND workspace_id = \(audit.workspaceID)
                """
            if let revision { statement.append(" AND revision = \(revision)") }
            statement.append(" RETURNING \(Self.columns)")
            let rows = try await executor.query(statement)
            guard let row = rows.first else {
                let current = try await executor.query(
                    "SELECT revision FROM forms WHERE id = \(id) AND workspace_id = \(audit.workspaceID)")
                guard let found = current.first else { throw FormStoreError.notFound }
                throw FormStoreError.revisionConflict(current: try found.decode("revision"))
            }
            let form = try Self.form(row)
            try await Self.record(.updated, form, audit: audit, now: now, in: executor)
            return form
        }
    }

    /// Freezes the draft as the next version, unless it is the same as the last one.
    /// - Returns: the form and the version now published, and whether it is new.
    public func publish(
        id: String, audit: AuditScope, now: Date
    ) async throws -> (form: StoredForm, version: StoredFormVersion, isNew: Bool) {
        try await database.transaction { executor in
            guard
                let current = try await executor.query(
                    "SELECT \(Self.columns) FROM forms WHERE id = \(id) AND workspace_id = \(audit.workspaceID)"
                ).first.map(Self.form)
            else { throw FormStoreError.notFound }
            if let published = current.publishedVersion,
                let last = try await Self.version(formID: id, version: published, in: executor), last.definition == current.definition
            {
                return (current, last, false)
            }
            let number = (current.publishedVersion ?? 0) + 1
            let rows = try await executor.query(
                """
                INSERT INTO form_versions (form_id, version, definition, published_by, published_at)
                VALUES (\(id), \(number), \(current.definition), \(audit.context.actorID), \(now))
                RETURNING form_id, version, definition, published_by, published_at
                """)
            let updated = try await executor.query(
                """
                UPDATE forms SET published_version = \(number), updated_at = \(now) WHERE id = \(id)
                RETURNING \(Self.columns)
                """)
            let form = try Self.form(updated[0])
            try await Self.record(.published, form, audit: audit, now: now, in: executor, extra: ["version": String(number)])
            return (form, try Self.version(rows[0]), true)
        }
    }

    /// One published version of a form of the workspace.
    public func version(formID: String, version: Int, workspaceID: String) async throws -> StoredFormVersion? {
        try await database.read { executor in
            guard try await Self.exists(formID, workspaceID: workspaceID, in: executor) else { return nil }
            return try await Self.version(formID: formID, version: version, in: executor)
        }
    }

    /// Every published version of a form, the newest first.
    public func versions(formID: String, workspaceID: String) async throws -> [StoredFormVersion] {
        try await database.read { executor in
            guard try await Self.exists(formID, workspaceID: workspaceID, in: executor) else { throw FormStoreError.notFound }
            return try await executor.query(
                """
                SELECT form_id, version, definition, published_by, published_at FROM form_versions
                WHERE form_id = \(formID) ORDER BY version DESC
                """
            ).map(Self.version)
        }
    }

    /// Deletes a form with its versions and submissions.
    public func delete(id: String, audit: AuditScope, now: Date) async throws {
        try await database.transaction { executor in
            let rows = try await executor.query(
                "DELETE FROM forms WHERE id = \(id) AND workspace_id = \(audit.workspaceID) RETURNING \(Self.columns)")
            guard let row = rows.first else { throw FormStoreError.notFound }
            try await Self.record(.deleted, try Self.form(row), audit: audit, now: now, in: executor)
        }
    }

    /// Sets the project the form feeds (`feed`, JSON text checked by the forms domain), or
    /// stops feeding one (`nil`). Audited as `form.connect` or `form.disconnect` and announced as
    /// `form.connected` or `form.disconnected`; the draft's revision does not change.
    /// - Throws: ``FormStoreError/notFound``.
    public func setFeed(id: String, feed: String?, audit: AuditScope, now: Date) async throws -> StoredForm {
        try await database.transaction { executor in
            let rows = try await executor.query(
                """
                UPDATE forms SET feed = \(feed), updated_at = \(now) WHERE id = \(id) AND workspace_id = \(audit.workspaceID)
                RETURNING \(Self.columns)
                """)
            guard let row = rows.first else { throw FormStoreError.notFound }
            let form = try Self.form(row)
            try await Self.record(feed == nil ? .disconnected : .connected, form, audit: audit, now: now, in: executor)
            return form
        }
    }

    /// Stores a checked submission and announces it on the form's topic as `form.submitted`. A
    /// public link's response is counted in the same transaction, and the respondent's saved
    /// progress is cleared. `feed` runs in the transaction too, before the submission is
    /// stored, and what it returns (JSON text) is kept with the submission: what the
    /// submission did in the project the form feeds.
    /// - Throws: ``FormLinkClosed`` when the link closed before this answer was counted.
    public func submit(
        formID: String, version: Int, answers: String, respondentID: String?, linkID: String? = nil,
        progress: FormProgressRepository.Owner? = nil, id: String, workspaceID: String, context: AuditContext, now: Date,
        feed: (@Sendable (any SQLExecutor) async throws -> String?)? = nil
    ) async throws -> StoredFormSubmission {
        try await database.transaction { executor in
            if let linkID { try await FormLinkRepository.countResponse(linkID: linkID, now: now, in: executor) }
            if let progress { try await FormProgressRepository.clear(formID: formID, owner: progress, in: executor) }
            let outcome = try await feed?(executor)
            let rows = try await executor.query(
                """
                INSERT INTO form_submissions (id, form_id, workspace_id, version, answers, respondent_id, link_id, feed, created_at)
                VALUES (\(id), \(formID), \(workspaceID), \(version), \(answers), \(respondentID), \(linkID), \(outcome), \(now))
                RETURNING \(Self.submissionColumns)
                """)
            let submission = try Self.submission(rows[0])
            let payload = try JSONText.encode(["formId": formID, "submissionId": id, "version": String(version)])
            try await EventLog(database: executor).append(
                NewEvent(
                    workspaceID: workspaceID, topic: "form:\(formID)", type: "form.submitted", payload: payload,
                    requestID: context.requestID, correlationID: context.correlationID),
                now: now)
            return submission
        }
    }

    /// A page of a form's submissions, the oldest first, after the submission `after` (by ID).
    public func submissions(formID: String, workspaceID: String, after: String?, limit: Int) async throws -> [StoredFormSubmission] {
        try await database.read { executor in
            guard try await Self.exists(formID, workspaceID: workspaceID, in: executor) else { throw FormStoreError.notFound }
            var statement: SQLStatement = "SELECT \(Self.submissionColumns) FROM form_submissions WHERE form_id = \(formID)"
            if let after {
                statement.append(
                    """
                     AND (created_at, id) > (SELECT created_at, id FROM form_submissions WHERE id = \(after) AND form_id = \(formID))
                    """)
            }
            statement.append(" ORDER BY created_at, id LIMIT \(limit)")
            return try await executor.query(statement).map(Self.submission)
        }
    }

    /// One submission of a form of the workspace.
    public func submission(id: String, formID: String, workspaceID: String) async throws -> StoredFormSubmission? {
        try await database.read { executor in
            try await executor.query(
                """
                SELECT \(Self.submissionColumns) FROM form_submissions
                WHERE id = \(id) AND form_id = \(formID) AND workspace_id = \(workspaceID)
                """
            ).first.map(Self.submission)
        }
    }

    /// How many submissions a form has.
    public func submissionCount(formID: String) async throws -> Int {
        try await database.read { executor in
            try await executor.query("SELECT COUNT(*) AS n FROM form_submissions WHERE form_id = \(formID)")[0].decode("n")
        }
    }

    private static let columns: SQLStatement =
        "id, workspace_id, name, definition, revision, published_version, feed, created_by, created_at, updated_at"
    private static let submissionColumns: SQLStatement = "id, form_id, version, answers, respondent_id, feed, created_at"

    private static func exists(_ formID: String, workspaceID: String, in executor: any SQLExecutor) async throws -> Bool {
        try await !executor.query("SELECT 1 AS one FROM forms WHERE id = \(formID) AND workspace_id = \(workspaceID)").isEmpty
    }

    private static func version(formID: String, version: Int, in executor: any SQLExecutor) async throws -> StoredFormVersion? {
        try await executor.query(
            """
            SELECT form_id, version, definition, published_by, published_at FROM form_versions
            WHERE form_id = \(formID) AND version = \(version)
            """
        ).first.map(Self.version)
    }

    /// A change to a form: its audit action and the event on the form's topic.
    private enum Change: String {
        case created = "form.create"
        case updated = "form.update"
        case published = "form.publish"
        case deleted = "form.delete"
        case connected = "form.connect"
        case disconnected = "form.disconnect"

        var eventType: String { "form.\(self)" }
    }

    /// Audits a change (announced on the workspace's topic) and announces it on the form's topic.
    private static func record(
        _ change: Change, _ form: StoredForm, audit: AuditScope, now: Date, in executor: any SQLExecutor,
        extra: [String: String] = [:]
    ) async throws {
        let summary = ["name": form.name].merging(extra) { _, new in new }
        let payload = try JSONText.encode(
            ["formId": form.id, "name": form.name, "revision": String(form.revision)].merging(extra) { _, new in new })
        try await AuditLog(database: executor).append(
            workspaceID: audit.workspaceID, action: change.rawValue, targetType: "form", targetID: form.id, summary: summary,
            context: audit.context,
            alsoAnnouncing: [
                NewEvent(
                    workspaceID: audit.workspaceID, topic: "form:\(form.id)", type: change.eventType,
                    payload: payload, requestID: audit.context.requestID, correlationID: audit.context.correlationID)
            ], now: now)
    }

    private static func form(_ row: SQLRow) throws -> StoredForm {
        StoredForm(
            id: try row.decode("id"), workspaceID: try row.decode("workspace_id"), name: try row.decode("name"),
            definition: try row.decode("definition"), revision: try row.decode("revision"),
            publishedVersion: try row.decodeIfPresent("published_version"), feed: try row.decodeIfPresent("feed"),
            createdBy: try row.decodeIfPresent("created_by"),
            createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"))
    }

    private static func version(_ row: SQLRow) throws -> StoredFormVersion {
        StoredFormVersion(
            formID: try row.decode("form_id"), version: try row.decode("version"), definition: try row.decode("definition"),
            publishedBy: try row.decodeIfPresent("published_by"), publishedAt: try row.decode("published_at"))
    }

    private static func submission(_ row: SQLRow) throws -> StoredFormSubmission {
        StoredFormSubmission(
            id: try row.decode("id"), formID: try row.decode("form_id"), version: try row.decode("version"),
            answers: try row.decode("answers"), respondentID: try row.decodeIfPresent("respondent_id"),
            feed: try row.decodeIfPresent("feed"), createdAt: try row.decode("created_at"))
    }
}
