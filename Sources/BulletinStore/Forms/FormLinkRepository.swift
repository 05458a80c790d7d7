import BulletinCore
import Foundation

/// A public link to a form: whoever holds its token may answer the published version, until
/// it is revoked, expires or has taken its most responses. The token is stored only as a hash.
public struct StoredFormLink: Sendable, Hashable {
    public let id: String
    public let formID: String
    public let workspaceID: String
    public let name: String
    public let expiresAt: Date?
    public let maxResponses: Int?
    public let responses: Int
    public let revokedAt: Date?
    public let createdBy: String?
    public let createdAt: Date

    /// Whether the link takes answers at `now`, and if not why.
    public func state(at now: Date) -> FormLinkState {
        if revokedAt != nil { return .revoked }
        if let expiresAt, expiresAt <= now { return .expired }
        if let maxResponses, responses >= maxResponses { return .full }
        return .open
    }
}

/// Whether a public link takes answers.
public enum FormLinkState: String, Sendable {
    case open, revoked, expired, full
}

/// Why a public answer was refused: the link is closed (revoked, expired, full).
public struct FormLinkClosed: Error, Equatable {
    public let state: FormLinkState
}

/// Public links of forms. Creating and revoking one is audited; answering through one counts
/// against its limit in the same transaction as the submission, so the limit holds under
/// concurrent answers.
public struct FormLinkRepository: Sendable {
    /// The most links one form keeps.
    public static let maximumCount = 50

    let database: any SQLContext

    public init(database: any SQLContext) {
        self.database = database
    }

    /// Makes a link whose bearer is `token`.
    /// - Throws: ``FormStoreError/notFound`` when the workspace has no such form.
    public func create(
        formID: String, name: String, expiresAt: Date?, maxResponses: Int?, token: SecretToken, id: String, audit: AuditScope,
        now: Date
    ) async throws -> StoredFormLink {
        try await database.transaction { executor in
            guard
                try await !executor.query(
                    "SELECT 1 AS one FROM forms WHERE id = \(formID) AND workspace_id = \(audit.workspaceID)"
                ).isEmpty
            else { throw FormStoreError.notFound }
            let count: Int = try await executor.query("SELECT COUNT(*) AS count FROM form_links WHERE form_id = \(formID)")[0]
                .decode("count")
            guard count < Self.maximumCount else { throw FormStoreError.tooManyLinks }
            let rows = try await executor.query(
                """
                INSERT INTO form_links (id, form_id, workspace_id, name, token_hash, expires_at, max_responses, created_by, created_at)
                VALUES (\(id), \(formID), \(audit.workspaceID), \(name), \(token.hash), \(expiresAt), \(maxResponses),
                    \(audit.context.actorID), \(now))
                RETURNING \(Self.columns)
                """)
            try await AuditLog(database: executor).append(
                workspaceID: audit.workspaceID, action: "form-link.create", targetType: "form", targetID: formID,
                summary: ["name": name, "linkId": id], context: audit.context, now: now)
            return try Self.link(rows[0])
        }
    }

    /// A form's links, the newest first.
    public func list(formID: String, workspaceID: String) async throws -> [StoredFormLink] {
        try await database.read { executor in
            try await executor.query(
                """
                SELECT \(Self.columns) FROM form_links WHERE form_id = \(formID) AND workspace_id = \(workspaceID)
                ORDER BY created_at DESC, id
                """
            ).map(Self.link)
        }
    }

    /// Revokes a link (kept, with its count of responses).
    /// - Throws: ``FormStoreError/notFound`` when the form has no such link.
    public func revoke(id: String, formID: String, audit: AuditScope, now: Date) async throws {
        try await database.transaction { executor in
            let rows = try await executor.query(
                """
                UPDATE form_links SET revoked_at = COALESCE(revoked_at, \(now))
                WHERE id = \(id) AND form_id = \(formID) AND workspace_id = \(audit.workspaceID) RETURNING name
                """)
            guard let row = rows.first else { throw FormStoreError.notFound }
            try await AuditLog(database: executor).append(
                workspaceID: audit.workspaceID, action: "form-link.revoke", targetType: "form", targetID: formID,
                summary: ["name": try row.decode("name"), "linkId": id], context: audit.context, now: now)
        }
    }

    /// The link a presented token names, open or not; `nil` when no link has it.
    public func link(token: SecretToken) async throws -> StoredFormLink? {
        try await database.read { executor in
            try await executor.query("SELECT \(Self.columns) FROM form_links WHERE token_hash = \(token.hash)").first.map(Self.link)
        }
    }

    /// Counts one response against the link, in the submission's transaction.
    /// - Throws: ``FormLinkClosed`` when the link closed meanwhile (the last response taken).
    static func countResponse(linkID: String, now: Date, in executor: any SQLExecutor) async throws {
        let rows = try await executor.query(
            """
            UPDATE form_links SET responses = responses + 1
            WHERE id = \(linkID) AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > \(now))
                AND (max_responses IS NULL OR responses < max_responses)
            RETURNING id
            """)
        guard rows.isEmpty else { return }
        let current = try await executor.query("SELECT \(Self.columns) FROM form_links WHERE id = \(linkID)").first.map(Self.link)
        throw FormLinkClosed(state: current?.state(at: now) ?? .revoked)
    }

    private static let columns: SQLStatement =
        "id, form_id, workspace_id, name, expires_at, max_responses, responses, revoked_at, created_by, created_at"

    private static func link(_ row: SQLRow) throws -> StoredFormLink {
        StoredFormLink(
            id: try row.decode("id"), formID: try row.decode("form_id"), workspaceID: try row.decode("workspace_id"),
            name: try row.decode("name"), expiresAt: try row.decodeIfPresent("expires_at"),
            maxResponses: try row.decodeIfPresent("max_responses"), responses: try row.decode("responses"),
            revokedAt: try row.decodeIfPresent("revoked_at"), createdBy: try row.decodeIfPresent("created_by"),
            createdAt: try row.decode("created_at"))
    }
}
