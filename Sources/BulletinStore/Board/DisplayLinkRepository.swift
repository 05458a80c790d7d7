import Foundation

/// A read-only link to a workspace's board, for a screen in the shop. Its token is stored
/// only as a hash.
public struct StoredDisplayLink: Sendable, Hashable {
    public let id: String
    public let workspaceID: String
    public let name: String
    public let createdBy: String?
    public let createdAt: Date
}

/// A workspace's display links; creating and revoking one is audited.
public struct DisplayLinkRepository: Sendable {
    /// The most links a workspace keeps.
    public static let maximumCount = 50

    let database: any SQLContext

    public init(database: any SQLContext) {
        self.database = database
    }

    /// Makes a link whose bearer is `token`.
    /// - Throws: ``DisplayLinkLimitReached`` when the workspace has ``maximumCount`` links.
    public func create(name: String, token: SecretToken, id: String, audit: AuditScope, now: Date) async throws -> StoredDisplayLink {
        try await database.transaction { executor in
            let count: Int = try await executor.query(
                "SELECT COUNT(*) AS count FROM display_links WHERE workspace_id = \(audit.workspaceID)")[0].decode("count")
            guard count < Self.maximumCount else { throw DisplayLinkLimitReached() }
            let rows = try await executor.query(
                """
                INSERT INTO display_links (id, workspace_id, name, token_hash, created_by, created_at)
                VALUES (\(id), \(audit.workspaceID), \(name), \(token.hash), \(audit.context.actorID), \(now))
                RETURNING id, workspace_id, name, created_by, created_at
                """)
            try await AuditLog(database: executor).append(
                workspaceID: audit.workspaceID, action: "display-link.create", targetType: "display-link", targetID: id,
                summary: ["name": name], context: audit.context, now: now)
            return try Self.link(rows[0])
        }
    }

    /// The workspace's links, oldest first.
    public func list(workspaceID: String) async throws -> [StoredDisplayLink] {
        try await database.query(
            """
            SELECT id, workspace_id, name, created_by, created_at FROM display_links WHERE workspace_id = \(workspaceID)
            ORDER BY created_at, id LIMIT \(Self.maximumCount)
            """
        ).map(Self.link)
    }

    /// Revokes a link; `false` when the workspace has none with this ID.
    public func delete(id: String, audit: AuditScope, now: Date) async throws -> Bool {
        try await database.transaction { executor in
            let rows = try await executor.query(
                "DELETE FROM display_links WHERE id = \(id) AND workspace_id = \(audit.workspaceID) RETURNING id, name")
            guard let row = rows.first else { return false }
            try await AuditLog(database: executor).append(
                workspaceID: audit.workspaceID, action: "display-link.delete", targetType: "display-link", targetID: id,
                summary: ["name": try row.decode("name")], context: audit.context, now: now)
            return true
        }
    }

    /// The workspace a presented token shows, or `nil` when no link has it.
    public func workspaceID(forToken token: SecretToken) async throws -> String? {
        try await database.query("SELECT workspace_id FROM display_links WHERE token_hash = \(token.hash)").first?.decode("workspace_id")
    }

    private static func link(_ row: SQLRow) throws -> StoredDisplayLink {
        StoredDisplayLink(
            id: try row.decode("id"), workspaceID: try row.decode("workspace_id"), name: try row.decode("name"),
            createdBy: try row.decodeIfPresent("created_by"), createdAt: try row.decode("created_at"))
    }
}

/// The workspace has as many display links as it may.
public struct DisplayLinkLimitReached: Error, Equatable {}
