import BulletinCore
import BulletinStore
import HTTPTypes
import JWTKit

/// Turns an `Authorization: Bearer` credential into a ``Principal``: an access token
/// (checked by ``AccessTokens``, then its session in the database) or an API key.
struct Authenticator: Sendable {
    let tokens: AccessTokens
    let sessions: SessionRepository
    let apiKeys: APIKeyRepository
    let cache: IdentityCache
    let tickets: any RealtimeTicketStore
    let clock: WallClock

    /// The principal a realtime ticket acts as, using the ticket up.
    ///
    /// - Throws: ``APIError`` 401 when the ticket is unknown, used or expired.
    func principal(forTicket ticket: String) async throws -> Principal {
        guard (1...128).contains(ticket.utf8.count),
            let principal = try await tickets.redeem(SecretToken(value: ticket), now: clock.now())
        else { throw Self.unauthenticated("The ticket is unknown, used or expired; ask POST /v1/realtime/tickets for another.") }
        return principal
    }

    /// The principal of a request's credential.
    ///
    /// - Throws: ``APIError`` 401 when the credential is missing or not valid.
    func principal(for request: HTTPRequest) async throws -> Principal {
        guard let header = request.headerFields[.authorization] else {
            throw Self.unauthenticated("Send Authorization: Bearer with an access token or an API key.")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty, parts[1].utf8.count <= 4096 else {
            throw Self.unauthenticated("The Authorization header must be 'Bearer <credential>'.")
        }
        let credential = String(parts[1])
        let now = clock.now()
        if credential.hasPrefix(APIKeyRepository.keyPrefix) {
            let principal = try await cache.principal(for: credential, now: now) {
                try await apiKeys.principal(forSecret: credential, now: now)
            }
            guard let principal else {
                throw Self.unauthenticated("The API key is not valid or was revoked.")
            }
            return principal
        }
        let claims: AccessTokenClaims
        do {
            claims = try await tokens.verify(credential, now: now)
        } catch {
            throw Self.unauthenticated("The access token is not valid: \(error.reason).")
        }
        let principal = try await cache.principal(for: "session:\(claims.sid):\(claims.sub.value)", now: now) {
            try await sessions.principal(sessionID: claims.sid, userID: claims.sub.value, now: now)
        }
        guard let principal, principal.workspaceID == claims.wid
        else { throw Self.unauthenticated("The session has ended; sign in again.") }
        return principal
    }

    private static func unauthenticated(_ detail: String) -> APIError {
        APIError(.unauthenticated, detail: detail, headers: [.wwwAuthenticate: #"Bearer realm="bulletin""#])
    }
}
