import BulletinCore
import Foundation

/// A service as an appointment copied it when it was booked.
public struct BookedService: Sendable, Hashable, Codable {
    public let code: String
    public let name: String
    public let priceCents: Int
    public let durationMinutes: Int

    public init(code: String, name: String, priceCents: Int, durationMinutes: Int) {
        self.code = code
        self.name = name
        self.priceCents = priceCents
        self.durationMinutes = durationMinutes
    }
}

/// An appointment as stored: a card of the board.
public struct StoredAppointment: Sendable, Hashable {
    public let id: String
    public let workspaceID: String
    /// The local date of its start in the workspace's time zone, `YYYY-MM-DD`.
    public let day: String
    public let status: BoardStatus
    /// Its place in its column: cards are ordered by rank, then ID.
    public let rank: String
    /// Counts changes; a move or an update names the version it read.
    public let version: Int
    public let customer: Customer
    public let vehicle: Vehicle
    public let services: [BookedService]
    public let location: AppointmentLocation
    public let address: String
    public let scheduledStart: Date
    public let expectedEnd: Date
    public let technicianID: String?
    public let notes: String
    public let totalCents: Int
    /// When it entered its status.
    public let statusChangedAt: Date
    public let createdBy: String?
    public let createdAt: Date
    public let updatedAt: Date
}

/// One entry of an appointment's history: the status it entered, and when.
public struct StatusChange: Sendable, Hashable {
    public let appointmentID: String
    public let status: BoardStatus
    public let enteredAt: Date
}

/// Why the store refused a change to an appointment.
public enum AppointmentStoreError: Error, Equatable {
    case notFound
    /// The appointment changed since the version the caller read; this is it now.
    case versionMismatch(current: StoredAppointment)
    /// The target column of that day holds as many cards as its WIP limit allows.
    case wipLimitReached(status: BoardStatus, limit: Int)
    /// Refusals of the input that only the store can see, at their JSON pointers (a service
    /// code that is unknown or inactive, a technician who is not a member, a neighbour that
    /// is not in the target column).
    case invalid([FieldError])
}

/// The name of the topic a workspace's board of one day is announced on.
public enum BoardTopic {
    /// `board:{workspaceID}:{day}`.
    public static func name(workspaceID: String, day: String) -> String {
        "board:\(workspaceID):\(day)"
    }
}

extension StoredAppointment {
    static func decoded(_ row: SQLRow) throws -> StoredAppointment {
        func json<Value: Decodable>(_ column: String, as type: Value.Type) throws -> Value {
            try JSONDecoder().decode(Value.self, from: Data(try row.decode(column, as: String.self).utf8))
        }
        let status: String = try row.decode("status")
        let location: String = try row.decode("location")
        return StoredAppointment(
            id: try row.decode("id"), workspaceID: try row.decode("workspace_id"), day: try row.decode("day"),
            status: BoardStatus(rawValue: status) ?? .scheduled, rank: try row.decode("rank"), version: try row.decode("version"),
            customer: try json("customer", as: Customer.self), vehicle: try json("vehicle", as: Vehicle.self),
            services: try json("services", as: [BookedService].self), location: AppointmentLocation(rawValue: location) ?? .shop,
            address: try row.decode("address"), scheduledStart: try row.decode("scheduled_start"),
            expectedEnd: try row.decode("expected_end"), technicianID: try row.decodeIfPresent("technician_id"),
            notes: try row.decode("notes"), totalCents: try row.decode("total_cents"),
            statusChangedAt: try row.decode("status_changed_at"), createdBy: try row.decodeIfPresent("created_by"),
            createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"))
    }
}
