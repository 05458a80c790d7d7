import BulletinCore
import Foundation

/// Short-lived, single-use tickets that open a realtime stream.
///
/// Browsers' `EventSource` cannot send headers, so the stream's URL carries a ticket instead of
/// a token: it lasts ``lifetime``, works once, and is stored only as its hash, on the database
/// every node shares, so any node redeems it.
public struct RealtimeTicketRepository: Sendable {
    /// How long a ticket may wait before it is used.
    public static let lifetime: TimeInterval = 60

    private let database: any SQLContext

    public init(database: any SQLContext) {
        self.database = database
    }

    /// Issues a ticket that acts as `principal`; expired tickets are swept at the same time.
    public func issue(for principal: Principal, now: Date) async throws -> (ticket: SecretToken, expiresAt: Date) {
        let ticket = SecretToken.make()
        let expiresAt = now.addingTimeInterval(Self.lifetime)
        try await database.transaction { executor in
            try await executor.query("DELETE FROM realtime_tickets WHERE expires_at < \(now)")
            try await executor.query(
                """
                INSERT INTO realtime_tickets (token_hash, principal_kind, principal_id, workspace_id, user_id,
                    session_id, role, expires_at)
                VALUES (\(ticket.hash), \(principal.kind.rawValue), \(principal.id), \(principal.workspaceID),
                    \(principal.userID), \(principal.sessionID), \(principal.role.rawValue), \(expiresAt))
                """)
        }
        return (ticket, expiresAt)
    }

    /// The principal a ticket acts as, using it up; `nil` when it is unknown, used or expired.
    public func redeem(_ ticket: SecretToken, now: Date) async throws -> Principal? {
        let rows = try await database.transaction { executor in
            try await executor.query("DELETE FROM realtime_tickets WHERE token_hash = \(ticket.hash) RETURNING *")
        }
        guard let row = rows.first else { return nil }
        let expiresAt: Date = try row.decode("expires_at")
        guard expiresAt >= now, let kind = Principal.Kind(rawValue: try row.decode("principal_kind")) else { return nil }
        return Principal(
            kind: kind, id: try row.decode("principal_id"), workspaceID: try row.decode("workspace_id"),
            role: try Role(row: row), userID: try row.decode("user_id"), sessionID: try row.decodeIfPresent("session_id"))
    }
}
