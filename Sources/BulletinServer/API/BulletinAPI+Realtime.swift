import BulletinCore
import BulletinOpenAPI
import BulletinStore
import Foundation

/// Realtime: tickets that open event streams (the stream itself is `EventStreamRoute`), and
/// who follows a topic.
extension BulletinAPI {
    func createRealtimeTicket(_ input: Operations.CreateRealtimeTicket.Input) async throws -> Operations.CreateRealtimeTicket.Output {
        let principal = try RequestScope.principal()
        let (ticket, expiresAt) = try await services.realtimeTickets.issue(for: principal, now: services.clock.now())
        return .created(.init(body: .json(.init(ticket: ticket.value, expiresAt: expiresAt))))
    }

    func listPresence(_ input: Operations.ListPresence.Input) async throws -> Operations.ListPresence.Output {
        let principal = try RequestScope.principal()
        guard let topic = Topic(input.query.topic) else {
            throw APIError(
                .badRequest, detail: "\(input.query.topic) is not a topic: use workspace:ID, user:ID, project:ID, run:ID or job:ID.")
        }
        guard try await topic.isReadable(by: principal, database: services.database) else {
            throw APIError(.topicForbidden, detail: "You may not follow \(input.query.topic).")
        }
        let users = try await PresenceRepository(database: services.database).users(on: topic.name, now: services.clock.now())
        return .ok(.init(body: .json(.init(topic: topic.name, users: users.map { .init(userId: $0.userID, since: $0.since) }))))
    }
}
