import BulletinCore
import Foundation

/// Where a move puts a card: into `status`, right after the card `afterID` or right before
/// the card `beforeID` (the first of the two given that is found in that column decides),
/// or at the end of the column.
public struct BoardPlacement: Sendable, Hashable {
    public var status: BoardStatus
    public var beforeID: String?
    public var afterID: String?

    public init(status: BoardStatus, beforeID: String? = nil, afterID: String? = nil) {
        self.status = status
        self.beforeID = beforeID
        self.afterID = afterID
    }
}

extension AppointmentRepository {
    /// Moves a card at `expectedVersion`: one row written (its rank between its new
    /// neighbours'), unless the column's keys grew too long and it is re-spaced in the same
    /// transaction (other cards' versions unchanged). A change of status is recorded with its
    /// time. A move into a full column (its WIP limit reached on that day) is refused; a move
    /// within a column never is.
    /// - Throws: ``AppointmentStoreError``.
    public func move(
        id: String, to placement: BoardPlacement, expectedVersion: Int, audit: AuditScope, now: Date
    ) async throws -> StoredAppointment {
        try await database.transaction { executor in
            let current = try await Self.current(id: id, expectedVersion: expectedVersion, workspaceID: audit.workspaceID, in: executor)
            // First, so that the day's moves take turns from here on (see countChange).
            try await Self.countChange(workspaceID: audit.workspaceID, day: current.day, in: executor)
            let column = try await Self.column(
                workspaceID: audit.workspaceID, day: current.day, status: placement.status, excluding: id, in: executor)
            // The target column without the card is the column's count when the card comes from another.
            if placement.status != current.status,
                let limit = try await BoardSettingsRepository(database: executor).settings(workspaceID: audit.workspaceID)
                    .column(placement.status).wipLimit,
                column.count >= limit
            {
                throw AppointmentStoreError.wipLimitReached(status: placement.status, limit: limit)
            }
            let index = try Self.index(of: placement, in: column)
            let rank = try await Self.rank(at: index, in: column, executor: executor)
            let statusChanged = placement.status != current.status
            let rows = try await executor.query(
                """
                UPDATE appointments SET status = \(placement.status.rawValue), rank = \(rank), version = version + 1,
                    updated_at = \(now), status_changed_at = \(statusChanged ? now : current.statusChangedAt)
                WHERE id = \(id) AND workspace_id = \(audit.workspaceID) RETURNING *
                """)
            let appointment = try StoredAppointment.decoded(rows[0])
            if statusChanged { try await Self.recordStatus(of: appointment, now: now, in: executor) }
            try await Self.announce(.move(from: current.status), appointment, audit: audit, now: now, in: executor)
            return appointment
        }
    }

    /// Advances the day's change counter (which keys the cached board and stats). On PostgreSQL
    /// the counter's row stays locked until the transaction ends, so a move that counts first
    /// makes the day's moves take turns: two cards moved into a column at once cannot both pass
    /// its WIP limit or take the same place. SQLite runs one writing transaction at a time anyway.
    private static func countChange(workspaceID: String, day: String, in executor: any SQLExecutor) async throws {
        try await executor.query(
            """
            INSERT INTO board_days (workspace_id, day, changes) VALUES (\(workspaceID), \(day), 1)
            ON CONFLICT (workspace_id, day) DO UPDATE SET changes = board_days.changes + 1
            """)
    }

    /// The cards of a column on a day, in position order, without `excluded`.
    static func column(
        workspaceID: String, day: String, status: BoardStatus, excluding excluded: String?, in executor: any SQLExecutor
    ) async throws -> [(id: String, rank: String)] {
        try await executor.query(
            """
            SELECT id, rank FROM appointments WHERE workspace_id = \(workspaceID) AND day = \(day) AND status = \(status.rawValue)
            ORDER BY rank, id
            """
        ).compactMap { row in
            let id: String = try row.decode("id")
            return id == excluded ? nil : (id, try row.decode("rank"))
        }
    }

    /// Where the placement puts a card in the column (which no longer holds it).
    private static func index(of placement: BoardPlacement, in column: [(id: String, rank: String)]) throws -> Int {
        if let afterID = placement.afterID {
            if let found = column.firstIndex(where: { $0.id == afterID }) { return found + 1 }
            if placement.beforeID == nil { throw neighbourProblem("/afterId", placement.status) }
        }
        if let beforeID = placement.beforeID {
            if let found = column.firstIndex(where: { $0.id == beforeID }) { return found }
            throw neighbourProblem(placement.afterID == nil ? "/beforeId" : "/afterId", placement.status)
        }
        return column.count
    }

    private static func neighbourProblem(_ pointer: String, _ status: BoardStatus) -> AppointmentStoreError {
        .invalid([FieldError(pointer: pointer, message: "Name a card that is in the \(status.rawValue) column of the same day.")])
    }

    /// A rank for a card put at `index` of the column: between its neighbours' when there is
    /// room for a short key, otherwise after re-spacing the column's other cards.
    static func rank(at index: Int, in column: [(id: String, rank: String)], executor: any SQLExecutor) async throws -> String {
        let lower = index > 0 ? column[index - 1].rank : nil
        let upper = index < column.count ? column[index].rank : nil
        if lower == nil || upper == nil || lower! < upper! {
            let key = BoardRank.between(lower, upper)
            if key.count <= BoardRank.maximumLength { return key }
        }
        let keys = BoardRank.spread(column.count + 1)
        for (position, card) in column.enumerated() {
            try await executor.query(
                "UPDATE appointments SET rank = \(keys[position < index ? position : position + 1]) WHERE id = \(card.id)")
        }
        return keys[index]
    }

    /// Records that the appointment entered its status now.
    static func recordStatus(of appointment: StoredAppointment, now: Date, in executor: any SQLExecutor) async throws {
        try await executor.query(
            """
            INSERT INTO appointment_status_changes (appointment_id, status, entered_at)
            VALUES (\(appointment.id), \(appointment.status.rawValue), \(now))
            """)
    }

    /// A change to an appointment: the action it is audited as, and the event it is announced as.
    enum Change {
        case create
        case update
        case move(from: BoardStatus)
        case delete

        var action: String {
            switch self {
            case .create: "appointment.create"
            case .update: "appointment.update"
            case .move: "appointment.move"
            case .delete: "appointment.delete"
            }
        }

        var eventType: String {
            switch self {
            case .create: "appointment.created"
            case .update: "appointment.updated"
            case .move: "appointment.moved"
            case .delete: "appointment.deleted"
            }
        }
    }

    /// What a board event carries.
    private struct BoardEventPayload: Encodable {
        let appointmentId: String
        let day: String
        let status: String
        let fromStatus: String?
        let version: Int
    }

    /// Advances the day's change counter, audits the change and announces it on the day's
    /// board topic (of `day`, by default the appointment's own).
    static func record(
        _ change: Change, _ appointment: StoredAppointment, onDay day: String? = nil, audit: AuditScope, now: Date,
        in executor: any SQLExecutor
    ) async throws {
        try await countChange(workspaceID: audit.workspaceID, day: day ?? appointment.day, in: executor)
        try await announce(change, appointment, onDay: day, audit: audit, now: now, in: executor)
    }

    /// Audits the change and announces it on the day's board topic (of `day`, by default the
    /// appointment's own), the day's change counter already advanced.
    private static func announce(
        _ change: Change, _ appointment: StoredAppointment, onDay day: String? = nil, audit: AuditScope, now: Date,
        in executor: any SQLExecutor
    ) async throws {
        let day = day ?? appointment.day
        var fromStatus: BoardStatus?
        var summary = ["customer": appointment.customer.name, "day": appointment.day, "status": appointment.status.rawValue]
        if case .move(let from) = change {
            fromStatus = from
            summary["from"] = from.rawValue
        }
        let payload = try JSONText.encode(
            BoardEventPayload(
                appointmentId: appointment.id, day: appointment.day, status: appointment.status.rawValue,
                fromStatus: fromStatus?.rawValue, version: appointment.version))
        let event = NewEvent(
            workspaceID: audit.workspaceID, topic: BoardTopic.name(workspaceID: audit.workspaceID, day: day),
            type: change.eventType, payload: payload, requestID: audit.context.requestID,
            correlationID: audit.context.correlationID)
        if day == appointment.day {
            try await AuditLog(database: executor).append(
                workspaceID: audit.workspaceID, action: change.action, targetType: "appointment", targetID: appointment.id,
                summary: summary, context: audit.context, alsoAnnouncing: [event], now: now)
        } else {
            try await EventLog(database: executor).append(event, now: now)
        }
    }
}
