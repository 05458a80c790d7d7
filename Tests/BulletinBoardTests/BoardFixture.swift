import BulletinBoard
import BulletinCore
import BulletinStore
import BulletinTestSupport
import Foundation
import Testing

/// A migrated database with one workspace, its owner, and a small catalog: what every board
/// test starts from.
struct BoardFixture: Sendable {
    let database: any Database
    let board: Board
    let workspaceID: String
    let ownerID: String
    /// 09:00 UTC on the fixture's day; the workspace keeps the default time zone (UTC).
    static let morning = Date(timeIntervalSince1970: 1_796_547_600)  // 2026-12-06T09:00:00Z
    static let day = "2026-12-06"

    var audit: AuditScope { AuditScope(workspaceID: workspaceID, context: .commandLine) }
    var appointments: AppointmentRepository { AppointmentRepository(database: database) }

    /// Runs `body` on a fresh fixture of the dialect.
    static func with(_ dialect: SQLDialect, _ body: @Sendable (BoardFixture) async throws -> Void) async throws {
        try await TestDatabases.withDatabase(dialect) { database in
            try await Migrator().migrate(database)
            let identity = IdentityRepository(database: database)
            let token = try #require(try await identity.issueSetupToken())
            let membership = try await identity.completeSetup(
                token: token, workspaceName: "Shop", email: EmailAddress("ada@example.com")!, passwordHash: "$2b$04$hash",
                context: .commandLine)
            let fixture = BoardFixture(
                database: database, board: Board(database: database), workspaceID: membership.workspace.id,
                ownerID: membership.user.id)
            for code in ["OIL001", "TIRE001"] {
                _ = try await ServiceRepository(database: database).create(
                    ServiceDraft(code: code, name: code, category: "", durationMinutes: 30, priceCents: 2500, active: true),
                    id: RandomID.make(), audit: fixture.audit, now: morning)
            }
            try await body(fixture)
        }
    }

    /// Books `count` appointments in `status`, an hour apart from 09:00, in booking order.
    func book(_ count: Int, status: BoardStatus = .scheduled, location: AppointmentLocation = .shop) async throws -> [StoredAppointment] {
        var booked: [StoredAppointment] = []
        for index in 0..<count {
            let draft = AppointmentDraft(
                customer: Customer(name: "Customer \(index)"),
                vehicle: Vehicle(make: "Ford", model: "Focus", year: 2020, plate: "P\(index)"),
                serviceCodes: ["OIL001"], scheduledStart: Self.morning.addingTimeInterval(Double(index) * 3600), location: location,
                address: location == .site ? "Driveway" : "")
            booked.append(try await board.book(draft, status: status, id: RandomID.make(), audit: audit, now: Self.morning))
        }
        return booked
    }

    /// The board's columns as card IDs, in order.
    func columns() async throws -> [BoardStatus: [String]] {
        let view = try await board.view(workspaceID: workspaceID, day: Self.day)
        return Dictionary(uniqueKeysWithValues: view.columns.map { ($0.column.status, $0.cards.map(\.id)) })
    }
}
