import BulletinCore
import BulletinStore
import Foundation

/// Realtime: tickets that open event streams (the stream itself is `EventStreamRoute`).
extension BulletinAPI {
    func createRealtimeTicket(_ input: Operations.CreateRealtimeTicket.Input) async throws -> Operations.CreateRealtimeTicket.Output {
        let principal = try RequestScope.principal()
        let (ticket, expiresAt) = try await RealtimeTicketRepository(database: services.database).issue(
            for: principal, now: services.clock.now())
        return .created(.init(body: .json(.init(ticket: ticket.value, expiresAt: expiresAt))))
    }
}
