import BulletinCore
import Foundation

/// A project as stored: its draft, and who made it when.
public struct StoredProject: Sendable, Hashable {
    public let id: String
    public let workspaceID: String
    public let draft: ProjectDraft
    /// Counts changes; an update may name the version it read.
    public let version: Int
    public let createdBy: String?
    public let createdAt: Date
    public let updatedAt: Date
    /// When the schedule next regenerates the report; `nil` without a schedule.
    public let nextReportAt: Date?
}

/// Why the store refused a change to a project.
public enum ProjectStoreError: Error, Equatable {
    case notFound
    case versionMismatch(current: Int)
}

/// A workspace's projects. Every change is audited (so announced on the workspace's topic) and
/// announced on the project's own topic, `project:ID`, in its transaction.
public struct ProjectRepository: Sendable {
    /// The most projects one page of the list holds.
    public static let maximumPageSize = 100

    let database: any SQLContext

    public init(database: any SQLContext) {
        self.database = database
    }

    /// The workspace's projects, newest first: those whose name, description, tags or
    /// participants' names contain `search` (ignoring case), with `tag` when given, after the
    /// project `after` (a cursor: the last ID of the previous page).
    public func list(workspaceID: String, search: String?, tag: String?, after: String?, limit: Int) async throws -> [StoredProject] {
        try await database.read { executor in
            var statement: SQLStatement = "SELECT * FROM projects WHERE workspace_id = \(workspaceID)"
            if let after {
                guard
                    let cursor = try await executor.query(
                        "SELECT created_at FROM projects WHERE id = \(after) AND workspace_id = \(workspaceID)"
                    ).first
                else { return [] }
                let createdAt: Date = try cursor.decode("created_at")
                statement.append(" AND (created_at < \(createdAt) OR (created_at = \(createdAt) AND id < \(after)))")
            }
            if let search, !search.isEmpty {
                statement.append(" AND search LIKE \("%" + SQLPattern.likeEscaped(search.lowercased()) + "%") ESCAPE '\\'")
            }
            if let tag {
                statement.append(" AND tags LIKE \("%" + SQLPattern.likeEscaped(try JSONText.encode(tag.lowercased())) + "%") ESCAPE '\\'")
            }
            statement.append(" ORDER BY created_at DESC, id DESC LIMIT \(limit)")
            return try await executor.query(statement).map(Self.project)
        }
    }

    /// One of the workspace's projects, or `nil`.
    public func project(id: String, workspaceID: String) async throws -> StoredProject? {
        let rows = try await database.query("SELECT * FROM projects WHERE id = \(id) AND workspace_id = \(workspaceID)")
        return try rows.first.map(Self.project)
    }

    /// The workspaces that have no project yet, each with its first owner (if any is left).
    public func workspacesWithoutProjects() async throws -> [(workspaceID: String, ownerID: String?)] {
        try await database.query(
            """
            SELECT w.id AS workspace_id, (SELECT m.user_id FROM memberships m WHERE m.workspace_id = w.id AND m.role = 'owner'
                ORDER BY m.created_at LIMIT 1) AS owner_id
            FROM workspaces w WHERE NOT EXISTS (SELECT 1 FROM projects p WHERE p.workspace_id = w.id)
            """
        ).map { (try $0.decode("workspace_id"), try $0.decodeIfPresent("owner_id")) }
    }

    /// Creates a project. Made from the executor of a transaction, it joins it, so that what the
    /// project implies (such as the first report's job) commits with it or not at all.
    public func create(_ draft: ProjectDraft, id: String, audit: AuditScope, now: Date) async throws -> StoredProject {
        try await database.transaction { executor in
            let rows = try await executor.query(
                """
                INSERT INTO projects (id, workspace_id, name, description, tags, subject, peers, search, version, created_by,
                    created_at, updated_at, schedule_cron, schedule_time_zone, next_report_at)
                VALUES (\(id), \(audit.workspaceID), \(draft.name), \(draft.description), \(try JSONText.encode(draft.tags)),
                    \(try JSONText.encode(draft.subject)), \(try JSONText.encode(draft.peers)), \(Self.searchText(draft)), 1,
                    \(audit.context.actorID), \(now), \(now), \(draft.schedule?.cron), \(draft.schedule?.timeZone),
                    \(draft.schedule?.nextRun(after: now)))
                RETURNING *
                """)
            let project = try Self.project(rows[0])
            try await Self.record(.create, project, audit: audit, now: now, in: executor)
            return project
        }
    }

    /// Replaces a project's draft, at `expectedVersion` when given.
    /// - Throws: ``ProjectStoreError/notFound`` or ``ProjectStoreError/versionMismatch(current:)``.
    public func update(
        id: String, with draft: ProjectDraft, expectedVersion: Int?, audit: AuditScope, now: Date
    ) async throws -> StoredProject {
        try await database.transaction { executor in
            var select: SQLStatement = "SELECT version FROM projects WHERE id = \(id) AND workspace_id = \(audit.workspaceID)"
            if executor.dialect == .postgresql { select.append(" FOR UPDATE") }
            guard let current = try await executor.query(select).first else { throw ProjectStoreError.notFound }
            let version: Int = try current.decode("version")
            if let expectedVersion, expectedVersion != version { throw ProjectStoreError.versionMismatch(current: version) }
            let rows = try await executor.query(
                """
                UPDATE projects SET name = \(draft.name), description = \(draft.description),
                    tags = \(try JSONText.encode(draft.tags)), subject = \(try JSONText.encode(draft.subject)),
                    peers = \(try JSONText.encode(draft.peers)), search = \(Self.searchText(draft)),
                    schedule_cron = \(draft.schedule?.cron), schedule_time_zone = \(draft.schedule?.timeZone),
                    next_report_at = \(draft.schedule?.nextRun(after: now)), version = version + 1, updated_at = \(now)
                WHERE id = \(id) AND workspace_id = \(audit.workspaceID) RETURNING *
                """)
            let project = try Self.project(rows[0])
            try await Self.record(.update, project, audit: audit, now: now, in: executor)
            return project
        }
    }

    /// Deletes a project.
    /// - Throws: ``ProjectStoreError/notFound``.
    public func delete(id: String, audit: AuditScope, now: Date) async throws {
        try await database.transaction { executor in
            let rows = try await executor.query(
                "DELETE FROM projects WHERE id = \(id) AND workspace_id = \(audit.workspaceID) RETURNING *")
            guard let row = rows.first else { throw ProjectStoreError.notFound }
            try await Self.record(.delete, try Self.project(row), audit: audit, now: now, in: executor)
        }
    }

    /// A change to a project: the action it is audited as, and the event it is announced as.
    private enum Change: String {
        case create = "project.create"
        case update = "project.update"
        case delete = "project.delete"

        /// The event on the project's topic.
        var eventType: String {
            switch self {
            case .create: "project.created"
            case .update: "project.updated"
            case .delete: "project.deleted"
            }
        }
    }

    /// Audits a change (which announces it on the workspace's topic) and announces it on the
    /// project's topic as `project.created`, `project.updated` or `project.deleted`.
    private static func record(
        _ change: Change, _ project: StoredProject, audit: AuditScope, now: Date, in executor: any SQLExecutor
    ) async throws {
        try await AuditLog(database: executor).append(
            workspaceID: audit.workspaceID, action: change.rawValue, targetType: "project", targetID: project.id,
            summary: ["name": project.draft.name], context: audit.context, now: now)
        let payload = try JSONText.encode(["projectId": project.id, "name": project.draft.name, "version": String(project.version)])
        _ = try await EventLog(database: executor).append(
            NewEvent(
                workspaceID: audit.workspaceID, topic: "project:\(project.id)", type: change.eventType, payload: payload,
                requestID: audit.context.requestID, correlationID: audit.context.correlationID),
            now: now)
    }

    /// What the list's search looks in, in lower case.
    private static func searchText(_ draft: ProjectDraft) -> String {
        ([draft.name, draft.description, draft.subject.name] + draft.tags + draft.peers.map(\.name))
            .joined(separator: "\n").lowercased()
    }

    static func project(_ row: SQLRow) throws -> StoredProject {
        func decoded<Value: Decodable>(_ column: String, as type: Value.Type) throws -> Value {
            try JSONDecoder().decode(Value.self, from: Data(try row.decode(column, as: String.self).utf8))
        }
        return StoredProject(
            id: try row.decode("id"), workspaceID: try row.decode("workspace_id"),
            draft: ProjectDraft(
                name: try row.decode("name"), description: try row.decode("description"),
                tags: try decoded("tags", as: [String].self), subject: try decoded("subject", as: Participant.self),
                peers: try decoded("peers", as: [Participant].self),
                schedule: try row.decodeIfPresent("schedule_cron", as: String.self).map {
                    ReportSchedule(cron: $0, timeZone: try row.decodeIfPresent("schedule_time_zone") ?? "UTC")
                }),
            version: try row.decode("version"), createdBy: try row.decodeIfPresent("created_by"),
            createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"),
            nextReportAt: try row.decodeIfPresent("next_report_at"))
    }
}
