import BulletinCore
import Foundation

/// A workspace's appointments: the cards of its board. Every change advances its day's change
/// counter, is audited (so announced on the workspace's topic) and is announced on the day's
/// board topic (``BoardTopic``), all in its transaction.
public struct AppointmentRepository: Sendable {
    let database: any SQLContext

    public init(database: any SQLContext) {
        self.database = database
    }

    /// One appointment, or `nil`.
    public func appointment(id: String, workspaceID: String) async throws -> StoredAppointment? {
        try await database.query("SELECT * FROM appointments WHERE id = \(id) AND workspace_id = \(workspaceID)").first
            .map(StoredAppointment.decoded)
    }

    /// The day's appointments of every status, each column's in position order.
    public func appointments(workspaceID: String, day: String) async throws -> [StoredAppointment] {
        try await database.query(
            "SELECT * FROM appointments WHERE workspace_id = \(workspaceID) AND day = \(day) ORDER BY rank, id"
        ).map(StoredAppointment.decoded)
    }

    /// The day's change counter: it advances with every change to the day's appointments.
    public func changes(workspaceID: String, day: String) async throws -> Int {
        try await database.query("SELECT changes FROM board_days WHERE workspace_id = \(workspaceID) AND day = \(day)").first?
            .decode("changes") ?? 0
    }

    /// When each of the day's appointments entered each status, oldest first.
    public func statusChanges(workspaceID: String, day: String) async throws -> [StatusChange] {
        try await database.query(
            """
            SELECT c.appointment_id, c.status, c.entered_at FROM appointment_status_changes c
            JOIN appointments a ON a.id = c.appointment_id
            WHERE a.workspace_id = \(workspaceID) AND a.day = \(day) ORDER BY c.appointment_id, c.entered_at, c.id
            """
        ).map { row in
            StatusChange(
                appointmentID: try row.decode("appointment_id"), status: BoardStatus(rawValue: try row.decode("status")) ?? .scheduled,
                enteredAt: try row.decode("entered_at"))
        }
    }

    /// Books an appointment at the end of its status's column on `day`, copying its services.
    /// - Throws: ``AppointmentStoreError/invalid(_:)`` for an unknown or inactive service or a
    ///   technician who is not a member.
    public func create(
        _ draft: AppointmentDraft, day: String, status: BoardStatus, id: String, audit: AuditScope, now: Date
    ) async throws -> StoredAppointment {
        try await database.transaction { executor in
            let services = try await Self.booked(draft.serviceCodes, keeping: [], workspaceID: audit.workspaceID, in: executor)
            try await Self.checkTechnician(draft.technicianID, workspaceID: audit.workspaceID, in: executor)
            let column = try await Self.column(workspaceID: audit.workspaceID, day: day, status: status, excluding: nil, in: executor)
            let rank = try await Self.rank(at: column.count, in: column, executor: executor)
            let rows = try await executor.query(
                """
                INSERT INTO appointments (id, workspace_id, day, status, rank, version, customer, vehicle, services, location, address,
                    scheduled_start, expected_end, technician_id, notes, total_cents, status_changed_at, created_by, created_at, updated_at)
                VALUES (\(id), \(audit.workspaceID), \(day), \(status.rawValue), \(rank), 1, \(try JSONText.encode(draft.customer)),
                    \(try JSONText.encode(draft.vehicle)), \(try JSONText.encode(services)), \(draft.location.rawValue), \(draft.address),
                    \(draft.scheduledStart), \(Self.expectedEnd(draft, services)), \(draft.technicianID), \(draft.notes),
                    \(services.map(\.priceCents).reduce(0, +)), \(now), \(audit.context.actorID), \(now), \(now))
                RETURNING *
                """)
            let appointment = try StoredAppointment.decoded(rows[0])
            try await Self.recordStatus(of: appointment, now: now, in: executor)
            try await Self.record(.create, appointment, audit: audit, now: now, in: executor)
            return appointment
        }
    }

    /// Changes an appointment's details (not its status) at `expectedVersion`. Services it
    /// already had keep the price they were booked at; a new day puts it at the end of its
    /// column on that day.
    /// - Throws: ``AppointmentStoreError``.
    public func update(
        id: String, with draft: AppointmentDraft, day: String, expectedVersion: Int, audit: AuditScope, now: Date
    ) async throws -> StoredAppointment {
        try await database.transaction { executor in
            let current = try await Self.current(id: id, expectedVersion: expectedVersion, workspaceID: audit.workspaceID, in: executor)
            let services = try await Self.booked(
                draft.serviceCodes, keeping: current.services, workspaceID: audit.workspaceID, in: executor)
            try await Self.checkTechnician(draft.technicianID, workspaceID: audit.workspaceID, in: executor)
            var rank = current.rank
            if day != current.day {
                let column = try await Self.column(
                    workspaceID: audit.workspaceID, day: day, status: current.status, excluding: id, in: executor)
                rank = try await Self.rank(at: column.count, in: column, executor: executor)
            }
            let rows = try await executor.query(
                """
                UPDATE appointments SET day = \(day), rank = \(rank), customer = \(try JSONText.encode(draft.customer)),
                    vehicle = \(try JSONText.encode(draft.vehicle)), services = \(try JSONText.encode(services)),
                    location = \(draft.location.rawValue), address = \(draft.address), scheduled_start = \(draft.scheduledStart),
                    expected_end = \(Self.expectedEnd(draft, services)), technician_id = \(draft.technicianID), notes = \(draft.notes),
                    total_cents = \(services.map(\.priceCents).reduce(0, +)), version = version + 1, updated_at = \(now)
                WHERE id = \(id) AND workspace_id = \(audit.workspaceID) RETURNING *
                """)
            let appointment = try StoredAppointment.decoded(rows[0])
            if day != current.day { try await Self.record(.update, appointment, onDay: current.day, audit: audit, now: now, in: executor) }
            try await Self.record(.update, appointment, audit: audit, now: now, in: executor)
            return appointment
        }
    }

    /// Deletes an appointment, at `expectedVersion` when given.
    /// - Throws: ``AppointmentStoreError/notFound`` or ``AppointmentStoreError/versionMismatch(current:)``.
    public func delete(id: String, expectedVersion: Int?, audit: AuditScope, now: Date) async throws {
        try await database.transaction { executor in
            let current = try await Self.current(id: id, expectedVersion: expectedVersion, workspaceID: audit.workspaceID, in: executor)
            try await executor.query("DELETE FROM appointments WHERE id = \(id) AND workspace_id = \(audit.workspaceID)")
            try await Self.record(.delete, current, audit: audit, now: now, in: executor)
        }
    }

    /// The appointment, locked for the transaction on PostgreSQL, at `expectedVersion` when given.
    static func current(
        id: String, expectedVersion: Int?, workspaceID: String, in executor: any SQLExecutor
    ) async throws -> StoredAppointment {
        var select: SQLStatement = "SELECT * FROM appointments WHERE id = \(id) AND workspace_id = \(workspaceID)"
        if executor.dialect == .postgresql { select.append(" FOR UPDATE") }
        guard let row = try await executor.query(select).first else { throw AppointmentStoreError.notFound }
        let current = try StoredAppointment.decoded(row)
        if let expectedVersion, expectedVersion != current.version { throw AppointmentStoreError.versionMismatch(current: current) }
        return current
    }

    /// The services named by `codes` as booked now: those in `keeping` as they were booked,
    /// the others copied from the catalog, where each must be active.
    private static func booked(
        _ codes: [String], keeping: [BookedService], workspaceID: String, in executor: any SQLExecutor
    ) async throws -> [BookedService] {
        let catalog = try await ServiceRepository(database: executor).services(codes: codes, workspaceID: workspaceID)
        var problems: [FieldError] = []
        let services = codes.enumerated().compactMap { index, code -> BookedService? in
            if let kept = keeping.first(where: { $0.code == code }) { return kept }
            guard let service = catalog[code], service.draft.active else {
                problems.append(
                    FieldError(pointer: "/serviceCodes/\(index)", message: "\(code) is not an active service of the catalog."))
                return nil
            }
            return BookedService(
                code: code, name: service.draft.name, priceCents: service.draft.priceCents,
                durationMinutes: service.draft.durationMinutes)
        }
        guard problems.isEmpty else { throw AppointmentStoreError.invalid(problems) }
        return services
    }

    private static func checkTechnician(_ userID: String?, workspaceID: String, in executor: any SQLExecutor) async throws {
        guard let userID else { return }
        let rows = try await executor.query(
            "SELECT 1 AS found FROM memberships WHERE workspace_id = \(workspaceID) AND user_id = \(userID)")
        if rows.isEmpty {
            throw AppointmentStoreError.invalid([
                FieldError(pointer: "/technicianId", message: "The technician is not a member of the workspace.")
            ])
        }
    }

    private static func expectedEnd(_ draft: AppointmentDraft, _ services: [BookedService]) -> Date {
        draft.expectedEnd ?? draft.scheduledStart.addingTimeInterval(Double(services.map(\.durationMinutes).reduce(0, +) * 60))
    }
}
