import BulletinCore
import Foundation

/// A service of the catalog as stored.
public struct StoredService: Sendable, Hashable {
    public let id: String
    public let workspaceID: String
    public let draft: ServiceDraft
    /// Counts changes; an update may name the version it read.
    public let version: Int
    public let createdAt: Date
    public let updatedAt: Date
}

/// Why the store refused a change to a service.
public enum ServiceStoreError: Error, Equatable {
    case notFound
    /// The workspace has a service with this code.
    case codeTaken
    case versionMismatch(current: Int)
}

/// What the catalog's list is narrowed to.
public struct ServiceFilter: Sendable {
    /// Code, name or category contain it, ignoring case; empty or `nil`: everything.
    public var search: String?
    public var category: String?
    public var active: Bool?

    public init(search: String? = nil, category: String? = nil, active: Bool? = nil) {
        self.search = search
        self.category = category
        self.active = active
    }
}

/// A workspace's catalog of services. Every change is audited (so announced on the
/// workspace's topic).
public struct ServiceRepository: Sendable {
    /// The most services a workspace's catalog holds.
    public static let maximumCount = 1000

    let database: any SQLContext

    public init(database: any SQLContext) {
        self.database = database
    }

    /// The services that pass `filter`, by code.
    public func list(workspaceID: String, filter: ServiceFilter) async throws -> [StoredService] {
        var statement: SQLStatement = "SELECT * FROM services WHERE workspace_id = \(workspaceID)"
        if let search = filter.search?.trimmingCharacters(in: .whitespacesAndNewlines), !search.isEmpty {
            statement.append(" AND search LIKE \("%" + SQLPattern.likeEscaped(search.lowercased()) + "%") ESCAPE '\\'")
        }
        if let category = filter.category { statement.append(" AND category = \(category)") }
        if let active = filter.active { statement.append(" AND active = \(active)") }
        statement.append(" ORDER BY code LIMIT \(Self.maximumCount)")
        return try await database.query(statement).map(Self.service)
    }

    /// One service, or `nil`.
    public func service(id: String, workspaceID: String) async throws -> StoredService? {
        try await database.query("SELECT * FROM services WHERE id = \(id) AND workspace_id = \(workspaceID)").first.map(Self.service)
    }

    /// The services with these codes, by code.
    public func services(codes: [String], workspaceID: String) async throws -> [String: StoredService] {
        guard !codes.isEmpty else { return [:] }
        let rows = try await database.query(
            "SELECT * FROM services WHERE workspace_id = \(workspaceID) AND code IN \(SQLStatement.list(codes))")
        return Dictionary(uniqueKeysWithValues: try rows.map(Self.service).map { ($0.draft.code, $0) })
    }

    /// The workspaces whose catalog is empty, each with its first owner (if any is left).
    public func workspacesWithoutServices() async throws -> [(workspaceID: String, ownerID: String?)] {
        try await database.query(
            """
            SELECT w.id, (SELECT m.user_id FROM memberships m WHERE m.workspace_id = w.id AND m.role = 'owner'
                ORDER BY m.created_at LIMIT 1) AS owner
            FROM workspaces w WHERE NOT EXISTS (SELECT 1 FROM services s WHERE s.workspace_id = w.id)
            """
        ).map { (try $0.decode("id"), try $0.decodeIfPresent("owner")) }
    }

    /// Adds a service.
    /// - Throws: ``ServiceStoreError/codeTaken``.
    public func create(_ draft: ServiceDraft, id: String, audit: AuditScope, now: Date) async throws -> StoredService {
        do {
            return try await database.transaction { executor in
                let rows = try await executor.query(
                    """
                    INSERT INTO services (id, workspace_id, code, name, category, duration_minutes, price_cents, active, search,
                        version, created_at, updated_at)
                    VALUES (\(id), \(audit.workspaceID), \(draft.code), \(draft.name), \(draft.category), \(draft.durationMinutes),
                        \(draft.priceCents), \(draft.active), \(Self.searchText(draft)), 1, \(now), \(now))
                    RETURNING *
                    """)
                let service = try Self.service(rows[0])
                try await Self.audit("service.create", service, audit: audit, now: now, in: executor)
                return service
            }
        } catch  where DatabaseFailure.isUniqueViolation(error) {
            throw ServiceStoreError.codeTaken
        }
    }

    /// Replaces a service, at `expectedVersion` when given. Appointments keep the copy they made.
    /// - Throws: ``ServiceStoreError``.
    public func update(
        id: String, with draft: ServiceDraft, expectedVersion: Int?, audit: AuditScope, now: Date
    ) async throws -> StoredService {
        do {
            return try await database.transaction { executor in
                var statement: SQLStatement = """
                    UPDATE services SET code = \(draft.code), name = \(draft.name), category = \(draft.category),
                        duration_minutes = \(draft.durationMinutes), price_cents = \(draft.priceCents), active = \(draft.active),
                        search = \(Self.searchText(draft)), version = version + 1, updated_at = \(now)
                    WHERE id = \(id) AND workspace_id = \(audit.workspaceID)
                    """
                if let expectedVersion { statement.append(" AND version = \(expectedVersion)") }
                statement.append(" RETURNING *")
                guard let row = try await executor.query(statement).first else {
                    guard let current = try await ServiceRepository(database: executor).service(id: id, workspaceID: audit.workspaceID)
                    else { throw ServiceStoreError.notFound }
                    throw ServiceStoreError.versionMismatch(current: current.version)
                }
                let service = try Self.service(row)
                try await Self.audit("service.update", service, audit: audit, now: now, in: executor)
                return service
            }
        } catch  where DatabaseFailure.isUniqueViolation(error) {
            throw ServiceStoreError.codeTaken
        }
    }

    /// Deletes a service; appointments keep the copy they made.
    /// - Throws: ``ServiceStoreError/notFound``.
    public func delete(id: String, audit: AuditScope, now: Date) async throws {
        try await database.transaction { executor in
            let rows = try await executor.query(
                "DELETE FROM services WHERE id = \(id) AND workspace_id = \(audit.workspaceID) RETURNING *")
            guard let row = rows.first else { throw ServiceStoreError.notFound }
            try await Self.audit("service.delete", try Self.service(row), audit: audit, now: now, in: executor)
        }
    }

    /// Creates or updates services by code in one transaction, as a CSV import does.
    /// - Returns: how many were created and how many updated.
    public func importServices(
        _ drafts: [ServiceDraft], audit: AuditScope, now: Date, makeID: @Sendable () -> String
    ) async throws -> (created: Int, updated: Int) {
        try await database.transaction { executor in
            let existing = try await ServiceRepository(database: executor).services(
                codes: drafts.map(\.code), workspaceID: audit.workspaceID)
            var created = 0
            var updated = 0
            for draft in drafts {
                let repository = ServiceRepository(database: executor)
                if let service = existing[draft.code] {
                    _ = try await repository.update(id: service.id, with: draft, expectedVersion: nil, audit: audit, now: now)
                    updated += 1
                } else {
                    _ = try await repository.create(draft, id: makeID(), audit: audit, now: now)
                    created += 1
                }
            }
            return (created, updated)
        }
    }

    private static func audit(
        _ action: String, _ service: StoredService, audit: AuditScope, now: Date, in executor: any SQLExecutor
    ) async throws {
        try await AuditLog(database: executor).append(
            workspaceID: audit.workspaceID, action: action, targetType: "service", targetID: service.id,
            summary: ["code": service.draft.code, "name": service.draft.name], context: audit.context, now: now)
    }

    private static func searchText(_ draft: ServiceDraft) -> String {
        [draft.code, draft.name, draft.category].joined(separator: "\n").lowercased()
    }

    static func service(_ row: SQLRow) throws -> StoredService {
        StoredService(
            id: try row.decode("id"), workspaceID: try row.decode("workspace_id"),
            draft: ServiceDraft(
                code: try row.decode("code"), name: try row.decode("name"), category: try row.decode("category"),
                durationMinutes: try row.decode("duration_minutes"), priceCents: try row.decode("price_cents"),
                active: try row.decode("active")),
            version: try row.decode("version"), createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"))
    }
}
