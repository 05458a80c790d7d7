import BulletinCore
import BulletinStore
import Foundation

/// A day's board as read at once: the settings, the appointments, and the day's change counter.
public struct BoardView: Sendable {
    public let day: String
    public let settings: BoardSettings
    /// The columns on the board, in order, each with its cards in position order.
    public let columns: [(column: BoardColumn, cards: [StoredAppointment])]
    /// Changes with every change to the day's cards and to the settings: the board's ETag.
    public let revision: String
}

/// The status board's use cases over the store: days counted in the workspace's time zone,
/// boards read consistently, stats kept in memory while the day does not change.
public struct Board: Sendable {
    /// The store the board reads and writes.
    public let database: any Database
    private let statsCache: BoardStatsCache

    public init(database: any Database) {
        self.database = database
        self.statsCache = BoardStatsCache()
    }

    /// `date` when given, otherwise today in the workspace's time zone.
    public func day(_ date: String?, workspaceID: String, now: Date) async throws -> String {
        if let date { return date }
        let settings = try await BoardSettingsRepository(database: database).settings(workspaceID: workspaceID)
        return BoardDay.day(of: now, in: TimeZone(identifier: settings.timeZone) ?? .gmt)
    }

    /// The board of a day.
    public func view(workspaceID: String, day: String) async throws -> BoardView {
        try await database.read { executor in
            let settings = try await BoardSettingsRepository(database: executor).settings(workspaceID: workspaceID)
            let appointments = AppointmentRepository(database: executor)
            let cards = try await appointments.appointments(workspaceID: workspaceID, day: day)
            let changes = try await appointments.changes(workspaceID: workspaceID, day: day)
            let byStatus = Dictionary(grouping: cards, by: \.status)
            return BoardView(
                day: day, settings: settings,
                columns: BoardStatus.onBoard.map { (settings.column($0), byStatus[$0] ?? []) },
                revision: "\(day).\(changes).\(Self.fingerprint(settings))")
        }
    }

    /// The figures of a day, from memory while the day has not changed.
    public func stats(workspaceID: String, day: String) async throws -> BoardStats {
        let appointments = AppointmentRepository(database: database)
        let changes = try await appointments.changes(workspaceID: workspaceID, day: day)
        if let kept = statsCache.stats(workspaceID: workspaceID, day: day, changes: changes) { return kept }
        let (stats, counted) = try await database.read { executor in
            let repository = AppointmentRepository(database: executor)
            return (
                BoardStats(
                    day: day, appointments: try await repository.appointments(workspaceID: workspaceID, day: day),
                    changes: try await repository.statusChanges(workspaceID: workspaceID, day: day)),
                try await repository.changes(workspaceID: workspaceID, day: day)
            )
        }
        statsCache.keep(stats, workspaceID: workspaceID, changes: counted)
        return stats
    }

    /// Books a checked appointment on the day of its start in the workspace's time zone.
    public func book(
        _ draft: AppointmentDraft, status: BoardStatus, id: String, audit: AuditScope, now: Date
    ) async throws -> StoredAppointment {
        let day = try await localDay(of: draft.scheduledStart, workspaceID: audit.workspaceID)
        return try await AppointmentRepository(database: database).create(draft, day: day, status: status, id: id, audit: audit, now: now)
    }

    /// Changes a checked appointment's details; a new start may move it to another day.
    public func change(
        id: String, to draft: AppointmentDraft, expectedVersion: Int, audit: AuditScope, now: Date
    ) async throws -> StoredAppointment {
        let day = try await localDay(of: draft.scheduledStart, workspaceID: audit.workspaceID)
        return try await AppointmentRepository(database: database).update(
            id: id, with: draft, day: day, expectedVersion: expectedVersion, audit: audit, now: now)
    }

    private func localDay(of instant: Date, workspaceID: String) async throws -> String {
        let settings = try await BoardSettingsRepository(database: database).settings(workspaceID: workspaceID)
        return BoardDay.day(of: instant, in: TimeZone(identifier: settings.timeZone) ?? .gmt)
    }

    /// A short, stable digest of the settings (FNV-1a), so that renaming a column or changing a
    /// limit changes the board's ETag on every node alike.
    private static func fingerprint(_ settings: BoardSettings) -> String {
        let text = ([settings.timeZone] + settings.columns.map { "\($0.status.rawValue)=\($0.name)/\($0.wipLimit ?? -1)" })
            .joined(separator: "|")
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 36)
    }
}
