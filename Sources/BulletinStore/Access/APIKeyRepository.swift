import BulletinCore
import Foundation

/// An API key as listed: never the secret, only its visible prefix.
public struct APIKey: Sendable, Hashable {
    public let id: String
    public let workspaceID: String
    public let name: String
    /// The key's first characters, enough to recognise it in a list.
    public let prefix: String
    public let role: Role
    public let createdBy: String
    public let createdAt: Date
    public let lastUsedAt: Date?
}

/// API keys: created with a role no higher than the creator's, stored as a SHA-256 hash,
/// shown once, revocable. A key acts with its role capped by its creator's current role, and
/// stops working when its creator leaves the workspace.
public struct APIKeyRepository: Sendable {
    let database: any SQLContext

    /// What every key starts with, so that it is told apart from an access token.
    public static let keyPrefix = "bk_"
    /// How often the last-used time is written: at most once a minute per key.
    public static let lastUsedResolution: TimeInterval = 60

    /// Creates the repository over a database.
    public init(database: any SQLContext) {
        self.database = database
    }

    /// Creates a key. The caller checked that `role` is no higher than the creator's.
    ///
    /// - Returns: The key and its secret, which is not stored and cannot be shown again.
    public func create(
        workspaceID: String, name: String, role: Role, createdBy: String, context: AuditContext, now: Date
    ) async throws -> (key: APIKey, secret: String) {
        let id = RandomID.make()
        let secret = Self.keyPrefix + id.prefix(8).lowercased() + "_" + SecretToken.make().value
        let key = APIKey(
            id: id, workspaceID: workspaceID, name: name, prefix: String(secret.prefix(Self.keyPrefix.count + 8)),
            role: role, createdBy: createdBy, createdAt: now, lastUsedAt: nil)
        try await database.transaction { executor in
            try await executor.query(
                """
                INSERT INTO api_keys (id, workspace_id, name, prefix, key_hash, role, created_by, created_at)
                VALUES (\(id), \(workspaceID), \(name), \(key.prefix), \(SecretToken(value: secret).hash),
                    \(role.rawValue), \(createdBy), \(now))
                """)
            try await AuditLog(database: executor).append(
                workspaceID: workspaceID, action: "api-key.create", targetType: "api_key", targetID: id,
                summary: ["name": name, "role": role.rawValue, "prefix": key.prefix], context: context, now: now)
        }
        return (key, secret)
    }

    /// The workspace's keys that are not revoked, newest first.
    public func list(workspaceID: String) async throws -> [APIKey] {
        try await database.query(
            """
            SELECT * FROM api_keys WHERE workspace_id = \(workspaceID) AND revoked_at IS NULL
            ORDER BY created_at DESC, id
            """
        ).map(Self.key)
    }

    /// Revokes a key of the workspace.
    ///
    /// - Throws: ``IdentityError/notFound`` when the workspace has no such live key.
    public func revoke(id: String, workspaceID: String, context: AuditContext, now: Date) async throws {
        try await database.transaction { executor in
            let revoked = try await executor.query(
                """
                UPDATE api_keys SET revoked_at = \(now)
                WHERE id = \(id) AND workspace_id = \(workspaceID) AND revoked_at IS NULL RETURNING name
                """)
            guard let row = revoked.first else { throw IdentityError.notFound }
            try await AuditLog(database: executor).append(
                workspaceID: workspaceID, action: "api-key.revoke", targetType: "api_key", targetID: id,
                summary: ["name": try row.decode("name")], context: context, now: now)
        }
    }

    /// The principal a presented key acts as, or `nil` for an unknown or revoked key or one
    /// whose creator left. Records the use at most once per ``lastUsedResolution``.
    public func principal(forSecret secret: String, now: Date) async throws -> Principal? {
        let hash = SecretToken(value: secret).hash
        let rows = try await database.query(
            """
            SELECT k.id, k.workspace_id, k.role, k.created_by, k.last_used_at, m.role AS creator_role
            FROM api_keys k JOIN memberships m ON m.workspace_id = k.workspace_id AND m.user_id = k.created_by
            WHERE k.key_hash = \(hash) AND k.revoked_at IS NULL
            """)
        guard let row = rows.first else { return nil }
        let keyRole = try Role(row: row)
        let creatorRole = try Role(row: row, column: "creator_role")
        let id: String = try row.decode("id")
        let lastUsed: Date? = try row.decodeIfPresent("last_used_at")
        if lastUsed.map({ now.timeIntervalSince($0) >= Self.lastUsedResolution }) ?? true {
            try await database.transaction { executor in
                try await executor.query("UPDATE api_keys SET last_used_at = \(now) WHERE id = \(id)")
            }
        }
        return Principal(
            kind: .apiKey, id: id, workspaceID: try row.decode("workspace_id"), role: min(keyRole, creatorRole),
            userID: try row.decode("created_by"), sessionID: nil)
    }

    private static func key(_ row: SQLRow) throws -> APIKey {
        APIKey(
            id: try row.decode("id"), workspaceID: try row.decode("workspace_id"), name: try row.decode("name"),
            prefix: try row.decode("prefix"), role: try Role(row: row),
            createdBy: try row.decode("created_by"), createdAt: try row.decode("created_at"),
            lastUsedAt: try row.decodeIfPresent("last_used_at"))
    }
}
