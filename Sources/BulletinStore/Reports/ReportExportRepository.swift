import BulletinCore
import Foundation

/// A batch export as stored, without its ZIP.
public struct ReportExport: Sendable, Hashable {
    /// Where an export is: queued, being built, ready to download, or failed.
    public enum State: String, Sendable, Codable {
        case queued, building, ready, failed
    }

    public let id: String
    public let workspaceID: String
    public let projectIDs: [String]
    /// The formats asked for, such as `pdf` and `docx`.
    public let formats: [String]
    public let state: State
    /// From 0 to 1.
    public let progress: Double
    /// What is happening, or why it failed.
    public let message: String?
    public let jobID: Int64?
    /// The ZIP's size in bytes and file name, once ready.
    public let size: Int?
    public let fileName: String?
    public let requestedBy: String?
    public let createdAt: Date
    public let finishedAt: Date?
    /// When the ZIP is deleted.
    public let expiresAt: Date

    /// The realtime topic its progress is announced on.
    public var topic: String { "export:\(id)" }
}

/// Batch exports. Each change of state or progress is announced on the export's topic
/// (`export.progress`, `export.ready`, `export.failed`) in the same transaction.
public struct ReportExportRepository: Sendable {
    /// How long a finished export's ZIP is kept.
    public static let lifetime: TimeInterval = 24 * 3600

    let database: any SQLContext

    public init(database: any SQLContext) {
        self.database = database
    }

    /// Stores a new, queued export.
    public func create(
        id: String, projectIDs: [String], formats: [String], audit: AuditScope, now: Date
    ) async throws -> ReportExport {
        try await database.transaction { executor in
            let rows = try await executor.query(
                """
                INSERT INTO report_exports (id, workspace_id, project_ids, formats, state, progress, requested_by, created_at, expires_at)
                VALUES (\(id), \(audit.workspaceID), \(try JSONText.encode(projectIDs)), \(try JSONText.encode(formats)), 'queued', 0,
                    \(audit.context.actorID), \(now), \(now.addingTimeInterval(Self.lifetime)))
                RETURNING \(Self.columns)
                """)
            try await AuditLog(database: executor).append(
                workspaceID: audit.workspaceID, action: "report-export.create", targetType: "report-export", targetID: id,
                summary: ["projects": String(projectIDs.count), "formats": formats.joined(separator: ",")], context: audit.context,
                now: now)
            return try Self.export(rows[0])
        }
    }

    /// Records the job that builds the export.
    public func attach(jobID: Int64, toExport id: String) async throws -> ReportExport {
        try await database.transaction { executor in
            let rows = try await executor.query(
                "UPDATE report_exports SET job_id = \(jobID) WHERE id = \(id) RETURNING \(Self.columns)")
            return try Self.export(rows[0])
        }
    }

    /// One export of a workspace, without its ZIP.
    public func export(id: String, workspaceID: String) async throws -> ReportExport? {
        try await database.read { executor in
            try await executor.query(
                "SELECT \(Self.columns) FROM report_exports WHERE id = \(id) AND workspace_id = \(workspaceID)"
            ).first.map(Self.export)
        }
    }

    /// A ready export's ZIP.
    public func archive(id: String, workspaceID: String) async throws -> (export: ReportExport, data: Data)? {
        try await database.read { executor in
            guard
                let row = try await executor.query(
                    """
                    SELECT \(Self.columns), archive FROM report_exports
                    WHERE id = \(id) AND workspace_id = \(workspaceID) AND state = 'ready'
                    """
                ).first
            else { return nil }
            return (try Self.export(row), Data(try row.decode("archive", as: [UInt8].self)))
        }
    }

    /// Moves the export on (building, with its progress and message) and announces it; `nil`
    /// when it is no longer building or queued (finished by an earlier attempt).
    @discardableResult
    public func advance(id: String, progress: Double, message: String, now: Date) async throws -> ReportExport? {
        try await change(
            "state = 'building', progress = \(progress), message = \(message)", id: id, from: ["queued", "building"],
            event: "export.progress", now: now)
    }

    /// Stores the ZIP and announces the export ready.
    public func finish(id: String, archive: Data, fileName: String, message: String, now: Date) async throws {
        try await change(
            """
            state = 'ready', progress = 1, message = \(message), archive = \(Array(archive)), size = \(archive.count),
            file_name = \(fileName), finished_at = \(now), expires_at = \(now.addingTimeInterval(Self.lifetime))
            """, id: id, from: ["queued", "building"], event: "export.ready", now: now)
    }

    /// Marks the export failed, with why, and announces it.
    public func fail(id: String, message: String, now: Date) async throws {
        try await change(
            "state = 'failed', message = \(message), finished_at = \(now)", id: id, from: ["queued", "building"],
            event: "export.failed", now: now)
    }

    /// Deletes exports whose time is up, ZIP and all; returns how many.
    public func deleteExpired(now: Date) async throws -> Int {
        try await database.transaction { executor in
            try await executor.query("DELETE FROM report_exports WHERE expires_at < \(now) RETURNING id").count
        }
    }

    @discardableResult
    private func change(
        _ assignments: SQLStatement, id: String, from states: [String], event: String, now: Date
    ) async throws -> ReportExport? {
        try await database.transaction { executor in
            var statement: SQLStatement = "UPDATE report_exports SET "
            statement.append(assignments)
            statement.append(" WHERE id = \(id) AND state IN ")
            statement.append(.list(states))
            statement.append(" RETURNING \(Self.columns)")
            guard let row = try await executor.query(statement).first else { return nil }
            let export = try Self.export(row)
            let payload: [String: String] = [
                "exportId": export.id, "state": export.state.rawValue, "progress": String(export.progress),
                "message": export.message ?? "",
            ]
            _ = try await EventLog(database: executor).append(
                NewEvent(
                    workspaceID: export.workspaceID, topic: export.topic, type: event, payload: try JSONText.encode(payload),
                    requestID: nil),
                now: now)
            return export
        }
    }

    private static let columns: SQLStatement = """
        id, workspace_id, project_ids, formats, state, progress, message, job_id, size, file_name, requested_by, created_at,
        finished_at, expires_at
        """

    private static func export(_ row: SQLRow) throws -> ReportExport {
        func list(_ column: String) throws -> [String] {
            try JSONDecoder().decode([String].self, from: Data(try row.decode(column, as: String.self).utf8))
        }
        return ReportExport(
            id: try row.decode("id"), workspaceID: try row.decode("workspace_id"), projectIDs: try list("project_ids"),
            formats: try list("formats"), state: ReportExport.State(rawValue: try row.decode("state")) ?? .failed,
            progress: try row.decode("progress"), message: try row.decodeIfPresent("message"),
            jobID: try row.decodeIfPresent("job_id"), size: try row.decodeIfPresent("size"),
            fileName: try row.decodeIfPresent("file_name"), requestedBy: try row.decodeIfPresent("requested_by"),
            createdAt: try row.decode("created_at"), finishedAt: try row.decodeIfPresent("finished_at"),
            expiresAt: try row.decode("expires_at"))
    }
}
