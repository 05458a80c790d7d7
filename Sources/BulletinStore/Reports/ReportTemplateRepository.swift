import Crypto
import Foundation

/// A Word template as stored, without its bytes.
public struct StoredReportTemplate: Sendable, Hashable {
    public let id: String
    public let workspaceID: String
    public let name: String
    /// The size of the .docx, in bytes.
    public let size: Int
    /// The hex SHA-256 of the .docx.
    public let sha256: String
    /// The tags found in it, as written, in document order.
    public let tags: [String]
    public let createdBy: String?
    public let createdAt: Date
}

/// Why the store refused a change to a template.
public enum ReportTemplateStoreError: Error, Equatable {
    case notFound
    /// The workspace has a template of this name.
    case nameTaken
}

/// A workspace's Word templates. Uploads and deletions are audited (so announced on the
/// workspace's topic). The bytes are read only when a template is downloaded or filled.
public struct ReportTemplateRepository: Sendable {
    let database: any SQLContext

    public init(database: any SQLContext) {
        self.database = database
    }

    /// Stores a checked template.
    /// - Throws: ``ReportTemplateStoreError/nameTaken`` when the workspace has one of this name.
    public func create(
        name: String, content: Data, tags: [String], id: String, audit: AuditScope, now: Date
    ) async throws -> StoredReportTemplate {
        let digest = hexString(SHA256.hash(data: content))
        do {
            return try await database.transaction { executor in
                let rows = try await executor.query(
                    """
                    INSERT INTO report_templates (id, workspace_id, name, content, size, sha256, tags, created_by, created_at)
                    VALUES (\(id), \(audit.workspaceID), \(name), \(Array(content)), \(content.count), \(digest),
                        \(try JSONText.encode(tags)), \(audit.context.actorID), \(now))
                    RETURNING id, workspace_id, name, size, sha256, tags, created_by, created_at
                    """)
                let template = try Self.template(rows[0])
                try await AuditLog(database: executor).append(
                    workspaceID: audit.workspaceID, action: "report-template.create", targetType: "report-template",
                    targetID: id, summary: ["name": name], context: audit.context, now: now)
                return template
            }
        } catch  where DatabaseFailure.isUniqueViolation(error) {
            throw ReportTemplateStoreError.nameTaken
        }
    }

    /// The workspace's templates, by name.
    public func list(workspaceID: String) async throws -> [StoredReportTemplate] {
        try await database.read { executor in
            try await executor.query(Self.select("WHERE workspace_id = \(workspaceID) ORDER BY name, id")).map(Self.template)
        }
    }

    /// One template, without its bytes.
    public func template(id: String, workspaceID: String) async throws -> StoredReportTemplate? {
        try await database.read { executor in
            try await executor.query(Self.select("WHERE id = \(id) AND workspace_id = \(workspaceID)")).first.map(Self.template)
        }
    }

    /// One template with its .docx bytes.
    public func content(id: String, workspaceID: String) async throws -> (template: StoredReportTemplate, data: Data)? {
        try await database.read { executor in
            guard
                let row = try await executor.query(
                    Self.select("WHERE id = \(id) AND workspace_id = \(workspaceID)", withContent: true)
                ).first
            else { return nil }
            return (try Self.template(row), Data(try row.decode("content", as: [UInt8].self)))
        }
    }

    /// Deletes a template.
    /// - Throws: ``ReportTemplateStoreError/notFound`` when the workspace has no such template.
    public func delete(id: String, audit: AuditScope, now: Date) async throws {
        try await database.transaction { executor in
            let rows = try await executor.query(
                "DELETE FROM report_templates WHERE id = \(id) AND workspace_id = \(audit.workspaceID) RETURNING name")
            guard let row = rows.first else { throw ReportTemplateStoreError.notFound }
            try await AuditLog(database: executor).append(
                workspaceID: audit.workspaceID, action: "report-template.delete", targetType: "report-template",
                targetID: id, summary: ["name": try row.decode("name")], context: audit.context, now: now)
        }
    }

    /// A query of templates matching `condition`, with or without their bytes.
    private static func select(_ condition: SQLStatement, withContent: Bool = false) -> SQLStatement {
        var statement = SQLStatement(
            stringLiteral: "SELECT id, workspace_id, name, size, sha256, tags, created_by, created_at"
                + (withContent ? ", content" : "") + " FROM report_templates ")
        statement.append(condition)
        return statement
    }

    private static func template(_ row: SQLRow) throws -> StoredReportTemplate {
        StoredReportTemplate(
            id: try row.decode("id"), workspaceID: try row.decode("workspace_id"), name: try row.decode("name"),
            size: try row.decode("size"), sha256: try row.decode("sha256"),
            tags: try JSONDecoder().decode([String].self, from: Data(try row.decode("tags", as: String.self).utf8)),
            createdBy: try row.decodeIfPresent("created_by"), createdAt: try row.decode("created_at"))
    }
}
