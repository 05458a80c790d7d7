import BulletinCore
import Foundation

/// One column of a workspace's board: its status, the name shown, and its WIP limit.
public struct BoardColumn: Sendable, Hashable {
    public let status: BoardStatus
    public var name: String
    /// The most cards the column holds on one day; `nil`: no limit.
    public var wipLimit: Int?

    public init(status: BoardStatus, name: String, wipLimit: Int?) {
        self.status = status
        self.name = name
        self.wipLimit = wipLimit
    }
}

/// A workspace's board settings: the time zone its days are counted in, and every column
/// (`cancelled` included) in board order.
public struct BoardSettings: Sendable, Hashable {
    public var timeZone: String
    public var columns: [BoardColumn]

    public init(timeZone: String, columns: [BoardColumn]) {
        self.timeZone = timeZone
        self.columns = columns
    }

    /// What a workspace has until it changes anything: UTC, the default names, no limits.
    public static let defaults = BoardSettings(
        timeZone: "UTC", columns: BoardStatus.allCases.map { BoardColumn(status: $0, name: $0.defaultName, wipLimit: nil) })

    /// The column of `status`.
    public func column(_ status: BoardStatus) -> BoardColumn {
        columns.first { $0.status == status } ?? BoardColumn(status: status, name: status.defaultName, wipLimit: nil)
    }
}

/// Board settings per workspace, stored when first changed; audited.
public struct BoardSettingsRepository: Sendable {
    let database: any SQLContext

    public init(database: any SQLContext) {
        self.database = database
    }

    /// The workspace's settings, the defaults filling what it never changed.
    public func settings(workspaceID: String) async throws -> BoardSettings {
        try await database.read { executor in
            var settings = BoardSettings.defaults
            if let row = try await executor.query("SELECT time_zone FROM board_settings WHERE workspace_id = \(workspaceID)").first {
                settings.timeZone = try row.decode("time_zone")
            }
            let rows = try await executor.query("SELECT status, name, wip_limit FROM board_columns WHERE workspace_id = \(workspaceID)")
            for row in rows {
                guard let status = BoardStatus(rawValue: try row.decode("status")),
                    let index = settings.columns.firstIndex(where: { $0.status == status })
                else { continue }
                settings.columns[index].name = try row.decode("name")
                settings.columns[index].wipLimit = try row.decodeIfPresent("wip_limit")
            }
            return settings
        }
    }

    /// Replaces the workspace's settings (checked by the caller).
    public func replace(with settings: BoardSettings, audit: AuditScope, now: Date) async throws {
        try await database.transaction { executor in
            try await executor.query(
                """
                INSERT INTO board_settings (workspace_id, time_zone, updated_at) VALUES (\(audit.workspaceID), \(settings.timeZone), \(now))
                ON CONFLICT (workspace_id) DO UPDATE SET time_zone = excluded.time_zone, updated_at = excluded.updated_at
                """)
            for column in settings.columns {
                try await executor.query(
                    """
                    INSERT INTO board_columns (workspace_id, status, name, wip_limit)
                    VALUES (\(audit.workspaceID), \(column.status.rawValue), \(column.name), \(column.wipLimit))
                    ON CONFLICT (workspace_id, status) DO UPDATE SET name = excluded.name, wip_limit = excluded.wip_limit
                    """)
            }
            var summary = ["timeZone": settings.timeZone]
            for column in settings.columns {
                summary[column.status.rawValue] = column.name + (column.wipLimit.map { " (WIP \($0))" } ?? "")
            }
            try await AuditLog(database: executor).append(
                workspaceID: audit.workspaceID, action: "board.settings", targetType: "board", targetID: audit.workspaceID,
                summary: summary, context: audit.context, now: now)
        }
    }
}
