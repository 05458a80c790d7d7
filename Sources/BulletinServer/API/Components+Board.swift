import BulletinBoard
import BulletinCore
import BulletinOpenAPI
import BulletinStore
import Foundation

/// The board's values as the API writes them: prices in currency units, statuses by name.
extension Components.Schemas.BoardStatus {
    init(_ status: BoardStatus) {
        switch status {
        case .scheduled: self = .scheduled
        case .checkedIn: self = .checkedIn
        case .inProgress: self = .inProgress
        case .waitingParts: self = .waitingParts
        case .ready: self = .ready
        case .completed: self = .completed
        case .cancelled: self = .cancelled
        }
    }

    var status: BoardStatus {
        switch self {
        case .scheduled: .scheduled
        case .checkedIn: .checkedIn
        case .inProgress: .inProgress
        case .waitingParts: .waitingParts
        case .ready: .ready
        case .completed: .completed
        case .cancelled: .cancelled
        }
    }
}

extension Components.Schemas.Appointment {
    init(_ appointment: StoredAppointment) {
        self.init(
            id: appointment.id, day: appointment.day, status: .init(appointment.status), version: appointment.version,
            customer: .init(name: appointment.customer.name, phone: appointment.customer.phone, email: appointment.customer.email),
            vehicle: .init(
                make: appointment.vehicle.make, model: appointment.vehicle.model, year: appointment.vehicle.year,
                plate: appointment.vehicle.plate),
            services: appointment.services.map {
                .init(code: $0.code, name: $0.name, price: Double($0.priceCents) / 100, durationMinutes: $0.durationMinutes)
            },
            location: appointment.location == .shop ? .shop : .site, address: appointment.address,
            scheduledStart: appointment.scheduledStart, expectedEnd: appointment.expectedEnd, technicianId: appointment.technicianID,
            notes: appointment.notes, total: Double(appointment.totalCents) / 100, statusChangedAt: appointment.statusChangedAt,
            createdBy: appointment.createdBy, createdAt: appointment.createdAt, updatedAt: appointment.updatedAt)
    }

    /// The appointment's validator for `If-Match`: its version, quoted.
    static func etag(_ appointment: StoredAppointment) -> String { "\"\(appointment.version)\"" }
}

extension Components.Schemas.Board {
    init(_ view: BoardView, workspaceID: String) {
        self.init(
            date: view.day, timeZone: view.settings.timeZone, topic: BoardTopic.name(workspaceID: workspaceID, day: view.day),
            columns: view.columns.map { column, cards in
                .init(
                    status: .init(column.status), name: column.name, wipLimit: ColumnLimit(column.wipLimit), count: cards.count,
                    cards: cards.map(Components.Schemas.Appointment.init))
            })
    }

    /// The board's validator: it changes with every change to the day or the settings.
    static func etag(_ view: BoardView) -> String { "\"\(view.revision)\"" }
}

extension Components.Schemas.BoardStats {
    init(_ stats: BoardStats) {
        self.init(
            date: stats.day, jobsToday: stats.jobsToday, onPrem: stats.onPrem, onSite: stats.onSite, completed: stats.completed,
            cancelled: stats.cancelled,
            byStatus: .init(additionalProperties: Dictionary(uniqueKeysWithValues: stats.byStatus.map { ($0.rawValue, $1) })),
            bookedRevenue: Double(stats.bookedRevenueCents) / 100, completedRevenue: Double(stats.completedRevenueCents) / 100,
            averageMinutesInStatus: .init(
                additionalProperties: Dictionary(uniqueKeysWithValues: stats.averageMinutesInStatus.map { ($0.rawValue, $1) })))
    }
}

extension Components.Schemas.BoardSettings {
    init(_ settings: BoardSettings) {
        self.init(
            timeZone: settings.timeZone,
            columns: settings.columns.map {
                .init(status: .init($0.status), name: $0.name, wipLimit: ColumnLimit($0.wipLimit), onBoard: $0.status != .cancelled)
            })
    }
}
