import BulletinCore
import Foundation

/// Feature flags and segments per workspace.
///
/// Every change is audited and announced on the `flags` notification channel (payload: the
/// workspace ID) in its transaction, so each node's flag snapshots reload after the commit.
public struct FlagRepository: Sendable {
    /// The notification channel of flag changes.
    public static let channel = "flags"

    private let database: any SQLContext

    public init(database: any SQLContext) {
        self.database = database
    }

    /// A workspace's flags, by name.
    public func list(workspaceID: String) async throws -> [StoredFlag] {
        let rows = try await database.query(
            "SELECT * FROM feature_flags WHERE workspace_id = \(workspaceID) ORDER BY name")
        return try rows.map(Self.flag)
    }

    /// One flag, or `nil`.
    public func flag(named name: String, workspaceID: String) async throws -> StoredFlag? {
        let rows = try await database.query(
            "SELECT * FROM feature_flags WHERE workspace_id = \(workspaceID) AND name = \(name)")
        return try rows.first.map(Self.flag)
    }

    /// The workspace's flags and segments, as Unleash's client API would serve them.
    public func collection(workspaceID: String) async throws -> FlagCollection {
        try await database.read { executor in
            let flags = try await executor.query(
                "SELECT * FROM feature_flags WHERE workspace_id = \(workspaceID) ORDER BY name")
            let segments = try await executor.query(
                "SELECT * FROM flag_segments WHERE workspace_id = \(workspaceID) ORDER BY id")
            return FlagCollection(
                features: try flags.map { try Self.flag($0).definition }, segments: try segments.map(Self.segment))
        }
    }

    /// The IDs of the workspace's segments.
    public func segmentIDs(workspaceID: String) async throws -> Set<Int> {
        let rows = try await database.query("SELECT id FROM flag_segments WHERE workspace_id = \(workspaceID)")
        return Set(try rows.map { try $0.decode("id") })
    }

    /// Creates a flag.
    /// - Throws: ``FlagStoreError/nameTaken``.
    public func create(_ definition: FlagDefinition, staleAfter: Date?, audit: AuditScope, now: Date) async throws -> StoredFlag {
        try await database.transaction { executor in
            let rows = try await executor.query(
                """
                INSERT INTO feature_flags (workspace_id, name, definition, stale_after, version, created_at, updated_at, updated_by)
                VALUES (\(audit.workspaceID), \(definition.name), \(try JSONText.encode(definition)), \(staleAfter), 1, \(now), \(now),
                    \(audit.context.actorID))
                ON CONFLICT (workspace_id, name) DO NOTHING RETURNING *
                """)
            guard let row = rows.first else { throw FlagStoreError.nameTaken }
            try await Self.record("flag.create", flag: definition, audit: audit, now: now, in: executor)
            return try Self.flag(row)
        }
    }

    /// Replaces a flag's definition, at `expectedVersion` when given.
    /// - Throws: ``FlagStoreError/notFound`` or ``FlagStoreError/versionMismatch(current:)``.
    public func update(
        _ definition: FlagDefinition, staleAfter: Date?, expectedVersion: Int?, audit: AuditScope, now: Date
    ) async throws -> StoredFlag {
        try await change(definition.name, expectedVersion: expectedVersion, action: "flag.update", audit: audit, now: now) { _ in
            (definition, staleAfter)
        }
    }

    /// Turns a flag on or off everywhere at once: the kill switch.
    /// - Throws: ``FlagStoreError/notFound``.
    public func setEnabled(_ enabled: Bool, name: String, audit: AuditScope, now: Date) async throws -> StoredFlag {
        try await change(name, expectedVersion: nil, action: enabled ? "flag.enable" : "flag.disable", audit: audit, now: now) {
            var definition = $0.definition
            definition.enabled = enabled
            return (definition, $0.staleAfter)
        }
    }

    /// Deletes a flag; flags that depend on it turn off.
    /// - Throws: ``FlagStoreError/notFound``.
    public func delete(name: String, audit: AuditScope, now: Date) async throws {
        try await database.transaction { executor in
            let rows = try await executor.query(
                "DELETE FROM feature_flags WHERE workspace_id = \(audit.workspaceID) AND name = \(name) RETURNING name")
            guard !rows.isEmpty else { throw FlagStoreError.notFound }
            try await AuditLog(database: executor).append(
                workspaceID: audit.workspaceID, action: "flag.delete", targetType: "flag", targetID: name,
                context: audit.context, now: now)
            try await Self.announce(audit.workspaceID, in: executor)
        }
    }

    /// Creates or replaces every flag and segment of the collection, all or nothing; flags
    /// and segments it does not name stay.
    public func importCollection(_ collection: FlagCollection, audit: AuditScope, now: Date) async throws -> FlagImportSummary {
        try await database.transaction { executor in
            var summary = FlagImportSummary(created: [], updated: [], segments: 0)
            for segment in collection.segments ?? [] {
                try await executor.query(
                    """
                    INSERT INTO flag_segments (workspace_id, id, name, constraints, updated_at)
                    VALUES (\(audit.workspaceID), \(segment.id), \(segment.name), \(try JSONText.encode(segment.constraints)), \(now))
                    ON CONFLICT (workspace_id, id) DO UPDATE SET name = excluded.name, constraints = excluded.constraints,
                        updated_at = excluded.updated_at
                    """)
                summary.segments += 1
            }
            for definition in collection.features {
                let rows = try await executor.query(
                    """
                    INSERT INTO feature_flags (workspace_id, name, definition, version, created_at, updated_at, updated_by)
                    VALUES (\(audit.workspaceID), \(definition.name), \(try JSONText.encode(definition)), 1, \(now), \(now),
                        \(audit.context.actorID))
                    ON CONFLICT (workspace_id, name) DO UPDATE SET definition = excluded.definition,
                        version = feature_flags.version + 1, updated_at = excluded.updated_at, updated_by = excluded.updated_by
                    RETURNING version
                    """)
                let version: Int = try rows.first?.decode("version") ?? 1
                if version == 1 { summary.created.append(definition.name) } else { summary.updated.append(definition.name) }
            }
            try await AuditLog(database: executor).append(
                workspaceID: audit.workspaceID, action: "flag.import", targetType: "flag", targetID: nil,
                summary: [
                    "created": String(summary.created.count), "updated": String(summary.updated.count),
                    "segments": String(summary.segments),
                ],
                context: audit.context, now: now)
            try await Self.announce(audit.workspaceID, in: executor)
            return summary
        }
    }

    private func change(
        _ name: String, expectedVersion: Int?, action: String, audit: AuditScope, now: Date,
        _ transform: @escaping @Sendable (StoredFlag) throws -> (FlagDefinition, Date?)
    ) async throws -> StoredFlag {
        try await database.transaction { executor in
            var select: SQLStatement = "SELECT * FROM feature_flags WHERE workspace_id = \(audit.workspaceID) AND name = \(name)"
            if executor.dialect == .postgresql { select.append(" FOR UPDATE") }
            let locked = try await executor.query(select)
            guard let current = try locked.first.map(Self.flag) else { throw FlagStoreError.notFound }
            if let expectedVersion, expectedVersion != current.version {
                throw FlagStoreError.versionMismatch(current: current.version)
            }
            let (definition, staleAfter) = try transform(current)
            let rows = try await executor.query(
                """
                UPDATE feature_flags SET definition = \(try JSONText.encode(definition)), stale_after = \(staleAfter),
                    version = version + 1, updated_at = \(now), updated_by = \(audit.context.actorID)
                WHERE workspace_id = \(audit.workspaceID) AND name = \(name) RETURNING *
                """)
            try await Self.record(action, flag: definition, audit: audit, now: now, in: executor)
            return try Self.flag(rows[0])
        }
    }

    private static func record(
        _ action: String, flag: FlagDefinition, audit: AuditScope, now: Date, in executor: any SQLExecutor
    ) async throws {
        try await AuditLog(database: executor).append(
            workspaceID: audit.workspaceID, action: action, targetType: "flag", targetID: flag.name,
            summary: ["enabled": String(flag.enabled)], context: audit.context, now: now)
        try await announce(audit.workspaceID, in: executor)
    }

    private static func announce(_ workspaceID: String, in executor: any SQLExecutor) async throws {
        try await executor.notify(DatabaseNotification(channel: channel, payload: workspaceID))
    }

    private static func flag(_ row: SQLRow) throws -> StoredFlag {
        let definition: String = try row.decode("definition")
        return StoredFlag(
            definition: try JSONDecoder().decode(FlagDefinition.self, from: Data(definition.utf8)),
            staleAfter: try row.decodeIfPresent("stale_after"), version: try row.decode("version"),
            createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"),
            updatedBy: try row.decodeIfPresent("updated_by"))
    }

    private static func segment(_ row: SQLRow) throws -> FlagSegment {
        let constraints: String = try row.decode("constraints")
        return FlagSegment(
            id: try row.decode("id"), name: try row.decodeIfPresent("name"),
            constraints: try JSONDecoder().decode([FlagConstraint].self, from: Data(constraints.utf8)))
    }
}
