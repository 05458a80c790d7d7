import BulletinCore
import Foundation
import Synchronization

/// Where realtime tickets are kept between their issue and their single use.
///
/// On PostgreSQL they are rows every node reads (``RealtimeTicketRepository``), since a ticket
/// issued by one node may open a stream on another. SQLite serves one node, so its tickets
/// stay in that process's memory (``NodeRealtimeTickets``): issuing and redeeming one are
/// then no writes, which on SQLite would queue behind every other write, and a stream opened
/// just after a busy moment opens at once.
public protocol RealtimeTicketStore: Sendable {
    /// Issues a ticket that acts as `principal` for ``RealtimeTicketRepository/lifetime``.
    func issue(for principal: Principal, now: Date) async throws -> (ticket: SecretToken, expiresAt: Date)
    /// The principal a ticket acts as, using it up; `nil` when it is unknown, used or expired.
    func redeem(_ ticket: SecretToken, now: Date) async throws -> Principal?
}

extension RealtimeTicketRepository: RealtimeTicketStore {}

/// The tickets of a node that is the only one (SQLite), in its memory, by their hashes (a
/// ticket itself is never kept). A restart forgets them; they live a minute, and a client
/// asks for a new one when it reconnects.
public final class NodeRealtimeTickets: RealtimeTicketStore {
    private struct Issued {
        let principal: Principal
        let expiresAt: Date
    }

    private let issued = Mutex<[String: Issued]>([:])

    public init() {}

    public func issue(for principal: Principal, now: Date) -> (ticket: SecretToken, expiresAt: Date) {
        let ticket = SecretToken.make()
        let expiresAt = now.addingTimeInterval(RealtimeTicketRepository.lifetime)
        issued.withLock { issued in
            issued = issued.filter { $0.value.expiresAt >= now }
            issued[ticket.hash] = Issued(principal: principal, expiresAt: expiresAt)
        }
        return (ticket, expiresAt)
    }

    public func redeem(_ ticket: SecretToken, now: Date) -> Principal? {
        guard let found = issued.withLock({ $0.removeValue(forKey: ticket.hash) }), found.expiresAt >= now else { return nil }
        return found.principal
    }
}
