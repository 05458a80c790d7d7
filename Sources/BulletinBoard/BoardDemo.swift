import BulletinCore
import BulletinStore
import Foundation

/// The demo's mobile auto shop: a catalog (`OIL001`, `TIRE001`, …) and today's appointments
/// spread over the board, as `serve --demo` shows them.
public enum BoardDemo {
    /// The sample catalog.
    public static let catalog: [ServiceDraft] = [
        ServiceDraft(
            code: "OIL001", name: "Oil and filter change", category: "maintenance", durationMinutes: 30, priceCents: 4995, active: true),
        ServiceDraft(code: "TIRE001", name: "Tyre rotation", category: "tyres", durationMinutes: 45, priceCents: 3500, active: true),
        ServiceDraft(code: "TIRE002", name: "Puncture repair", category: "tyres", durationMinutes: 30, priceCents: 2500, active: true),
        ServiceDraft(code: "BRAKE001", name: "Brake pads, front", category: "brakes", durationMinutes: 90, priceCents: 18900, active: true),
        ServiceDraft(
            code: "BATT001", name: "Battery replacement", category: "electrical", durationMinutes: 20, priceCents: 12900, active: true),
        ServiceDraft(code: "DIAG001", name: "Diagnostic scan", category: "electrical", durationMinutes: 30, priceCents: 6000, active: true),
        ServiceDraft(code: "WASH001", name: "Interior detailing", category: "care", durationMinutes: 60, priceCents: 8000, active: false),
    ]

    private struct Booking {
        let customer: String
        let vehicle: Vehicle
        let codes: [String]
        let hour: Int
        let location: AppointmentLocation
        let status: BoardStatus
    }

    private static let bookings: [Booking] = [
        Booking(
            customer: "Ana Ruiz", vehicle: Vehicle(make: "Toyota", model: "Corolla", year: 2019, plate: "4821KLM"),
            codes: ["OIL001"], hour: 8, location: .shop, status: .completed),
        Booking(
            customer: "Ben Okafor", vehicle: Vehicle(make: "Ford", model: "Transit", year: 2021, plate: "7734BCD"),
            codes: ["TIRE001", "TIRE002"], hour: 9, location: .site, status: .inProgress),
        Booking(
            customer: "Chloé Martin", vehicle: Vehicle(make: "Renault", model: "Clio", year: 2017, plate: "1190FGH"),
            codes: ["BRAKE001"], hour: 9, location: .shop, status: .waitingParts),
        Booking(
            customer: "Dev Patel", vehicle: Vehicle(make: "Volkswagen", model: "Golf", year: 2020, plate: "5567JKL"),
            codes: ["DIAG001", "BATT001"], hour: 10, location: .shop, status: .checkedIn),
        Booking(
            customer: "Eva Novak", vehicle: Vehicle(make: "Škoda", model: "Octavia", year: 2018, plate: "3302MNP"),
            codes: ["OIL001", "TIRE001"], hour: 11, location: .site, status: .scheduled),
        Booking(
            customer: "Femi Adeyemi", vehicle: Vehicle(make: "Honda", model: "Civic", year: 2016, plate: "8843QRS"),
            codes: ["BATT001"], hour: 12, location: .shop, status: .ready),
        Booking(
            customer: "Greta Lind", vehicle: Vehicle(make: "Volvo", model: "XC60", year: 2022, plate: "2210TVW"),
            codes: ["DIAG001"], hour: 14, location: .shop, status: .scheduled),
        Booking(
            customer: "Hugo Silva", vehicle: Vehicle(make: "Peugeot", model: "208", year: 2019, plate: "6675XYZ"),
            codes: ["TIRE002"], hour: 15, location: .site, status: .scheduled),
    ]

    /// Fills an empty catalog and books today's appointments (in the workspace's time zone).
    public static func seed(workspaceID: String, audit: AuditScope, board: Board, now: Date) async throws {
        let services = ServiceRepository(database: board.database)
        for draft in catalog {
            _ = try await services.create(draft, id: RandomID.make(), audit: audit, now: now)
        }
        let settings = try await BoardSettingsRepository(database: board.database).settings(workspaceID: workspaceID)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: settings.timeZone) ?? .gmt
        let midnight = calendar.startOfDay(for: now)
        for booking in bookings {
            let draft = AppointmentDraft(
                customer: Customer(name: booking.customer), vehicle: booking.vehicle, serviceCodes: booking.codes,
                scheduledStart: midnight.addingTimeInterval(Double(booking.hour) * 3600), location: booking.location,
                address: booking.location == .site ? "Customer's driveway" : "")
            _ = try await board.book(draft, status: booking.status, id: RandomID.make(), audit: audit, now: now)
        }
    }
}
