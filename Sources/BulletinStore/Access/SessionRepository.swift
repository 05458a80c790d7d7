import BulletinCore
import Foundation

/// A signed-in user's session in one workspace: the family of its refresh tokens.
public struct Session: Sendable, Hashable {
    public let id: String
    public let userID: String
    public let workspaceID: String
    /// When the current refresh token stops working unless used.
    public let expiresAt: Date
}

/// A session with the refresh token the client must keep (shown once).
public struct IssuedSession: Sendable {
    public let session: Session
    public let refreshToken: SecretToken
}

/// Sessions and their rotating refresh tokens.
///
/// A refresh rotates the token; presenting a rotated token again means someone kept a copy,
/// so the whole session is revoked (theft detection), and the access tokens it issued stop
/// working on their next request because ``principal(sessionID:userID:now:)`` checks it.
///
/// Except within a grace period of its rotation (``defaultRefreshGrace`` unless configured): two tabs of one browser that refresh with
/// the same token at once are one client, not a thief, so the later one is given another
/// fresh token of the same session instead of revoking it.
public struct SessionRepository: Sendable {
    let database: any SQLContext

    /// How long a refresh token lives unused: 30 days.
    public static let refreshTokenLifetime: TimeInterval = 30 * 24 * 3600
    /// How long after its rotation a refresh token may be exchanged again without counting as
    /// reuse, unless configured otherwise: 10 seconds, enough for concurrent refreshes, too
    /// short for a replay from a copy.
    public static let defaultRefreshGrace: TimeInterval = 10

    /// Creates the repository over a database.
    public init(database: any SQLContext) {
        self.database = database
    }

    /// The user and password hash stored for an e-mail address, for sign-in.
    public func credentials(for email: EmailAddress) async throws -> (userID: String, passwordHash: String)? {
        let rows = try await database.query("SELECT id, password_hash FROM users WHERE email = \(email.value)")
        return try rows.first.map { (try $0.decode("id"), try $0.decode("password_hash")) }
    }

    /// Starts a session in a workspace the user belongs to: the one given, or else the one
    /// they joined first.
    ///
    /// - Throws: ``IdentityError/notMember`` when the user is not a member of it (or of any).
    public func start(
        userID: String, workspaceID: String?, context: AuditContext, now: Date
    ) async throws -> IssuedSession {
        try await database.transaction { executor in
            var membership: SQLStatement = "SELECT workspace_id FROM memberships WHERE user_id = \(userID)"
            if let workspaceID { membership.append(" AND workspace_id = \(workspaceID)") }
            membership.append(" ORDER BY created_at, workspace_id LIMIT 1")
            guard let row = try await executor.query(membership).first else { throw IdentityError.notMember }
            let session = Session(
                id: RandomID.make(), userID: userID, workspaceID: try row.decode("workspace_id"),
                expiresAt: now.addingTimeInterval(Self.refreshTokenLifetime))
            try await executor.query(
                """
                INSERT INTO sessions (id, user_id, workspace_id, created_at, expires_at, refreshed_at, ip, user_agent)
                VALUES (\(session.id), \(userID), \(session.workspaceID), \(now), \(session.expiresAt), \(now),
                    \(context.ip), \(context.userAgent))
                """)
            let token = try await Self.insertRefreshToken(session: session.id, now: now, executor)
            try await AuditLog(database: executor).append(
                workspaceID: session.workspaceID, action: "auth.login", targetType: "session", targetID: session.id,
                context: context.acting(as: Principal.Kind.user.rawValue, id: userID), now: now)
            return IssuedSession(session: session, refreshToken: token)
        }
    }

    /// Exchanges a refresh token for a new one in the same session. A token rotated at most
    /// `grace` ago (by a concurrent refresh) is exchanged again for another new one.
    ///
    /// - Throws: ``IdentityError/invalidRefreshToken``, or ``IdentityError/refreshTokenReused``
    ///   after revoking the session the reused token belonged to.
    public func refresh(_ token: SecretToken, grace: TimeInterval, context: AuditContext, now: Date) async throws -> IssuedSession {
        enum Outcome: Sendable {
            case rotated(IssuedSession)
            case reused
            case invalid
        }
        let hash = token.hash
        let outcome: Outcome = try await database.transaction { executor in
            let rows = try await executor.query(
                """
                SELECT s.id, s.user_id, s.workspace_id, s.expires_at, s.revoked_at, t.rotated_at,
                    (SELECT COUNT(*) FROM memberships m WHERE m.user_id = s.user_id AND m.workspace_id = s.workspace_id)
                        AS is_member
                FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id
                WHERE t.token_hash = \(hash)
                """)
            guard let row = rows.first else { return .invalid }
            let sessionID: String = try row.decode("id")
            let userID: String = try row.decode("user_id")
            let workspaceID: String = try row.decode("workspace_id")
            guard try row.decodeIfPresent("revoked_at", as: Date.self) == nil else { return .invalid }
            let actor = context.acting(as: Principal.Kind.user.rawValue, id: userID)
            let rotatedAt = try row.decodeIfPresent("rotated_at", as: Date.self)
            if let rotatedAt, now.timeIntervalSince(rotatedAt) > grace {
                try await Self.revoke(sessionID: sessionID, reason: "refresh token reused", now: now, executor)
                try await AuditLog(database: executor).append(
                    workspaceID: workspaceID, action: "auth.refresh-reuse", targetType: "session", targetID: sessionID,
                    summary: ["revoked": "true"], context: actor, now: now)
                return .reused
            }
            guard try row.decode("expires_at", as: Date.self) > now, try row.decode("is_member", as: Int.self) > 0 else {
                return .invalid
            }
            // Only one of two concurrent refreshes with the same token rotates it; the other
            // (here, or waiting on PostgreSQL's row lock) finds it rotated just now: within
            // the grace, so it gets a token of its own.
            let rotated = try await executor.query(
                "UPDATE refresh_tokens SET rotated_at = \(now) WHERE token_hash = \(hash) AND rotated_at IS NULL RETURNING session_id")
            let withinGrace = rotated.isEmpty
            let session = Session(
                id: sessionID, userID: userID, workspaceID: workspaceID,
                expiresAt: now.addingTimeInterval(Self.refreshTokenLifetime))
            try await executor.query(
                "UPDATE sessions SET refreshed_at = \(now), expires_at = \(session.expiresAt) WHERE id = \(sessionID)")
            let newToken = try await Self.insertRefreshToken(session: sessionID, now: now, executor)
            try await AuditLog(database: executor).append(
                workspaceID: workspaceID, action: "auth.refresh", targetType: "session", targetID: sessionID,
                summary: withinGrace ? ["grace": "true"] : [:], context: actor, now: now)
            return .rotated(IssuedSession(session: session, refreshToken: newToken))
        }
        switch outcome {
        case .rotated(let issued): return issued
        case .reused: throw IdentityError.refreshTokenReused
        case .invalid: throw IdentityError.invalidRefreshToken
        }
    }

    /// Ends the session a refresh token belongs to (sign-out). Unknown or already revoked
    /// tokens change nothing.
    ///
    /// - Returns: Whether a session was revoked.
    @discardableResult
    public func revoke(refreshToken token: SecretToken, context: AuditContext, now: Date) async throws -> Bool {
        let hash = token.hash
        return try await database.transaction { executor in
            let rows = try await executor.query(
                """
                SELECT s.id, s.user_id, s.workspace_id FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id
                WHERE t.token_hash = \(hash) AND s.revoked_at IS NULL
                """)
            guard let row = rows.first else { return false }
            let sessionID: String = try row.decode("id")
            try await Self.revoke(sessionID: sessionID, reason: "signed out", now: now, executor)
            try await AuditLog(database: executor).append(
                workspaceID: try row.decode("workspace_id"), action: "auth.logout", targetType: "session",
                targetID: sessionID, context: context.acting(as: Principal.Kind.user.rawValue, id: try row.decode("user_id")),
                now: now)
            return true
        }
    }

    /// The principal an access token of this session acts as, or `nil` when the session is
    /// revoked or expired, or the user is no longer a member of its workspace.
    public func principal(sessionID: String, userID: String, now: Date) async throws -> Principal? {
        let rows = try await database.query(
            """
            SELECT s.workspace_id, m.role, u.is_installation_admin FROM sessions s
            JOIN memberships m ON m.user_id = s.user_id AND m.workspace_id = s.workspace_id
            JOIN users u ON u.id = s.user_id
            WHERE s.id = \(sessionID) AND s.user_id = \(userID) AND s.revoked_at IS NULL AND s.expires_at > \(now)
            """)
        guard let row = rows.first else { return nil }
        return Principal(
            kind: .user, id: userID, workspaceID: try row.decode("workspace_id"), role: try Role(row: row), userID: userID,
            sessionID: sessionID, isInstallationAdmin: try row.decode("is_installation_admin"))
    }

    /// Revokes every live session of a user except one (after a password change).
    func revokeSessions(ofUser userID: String, except keptSessionID: String?, reason: String, now: Date) async throws {
        try await database.execute(
            """
            UPDATE sessions SET revoked_at = \(now), revoke_reason = \(reason)
            WHERE user_id = \(userID) AND revoked_at IS NULL AND id <> \(keptSessionID ?? "")
            """)
    }

    private static func revoke(sessionID: String, reason: String, now: Date, _ executor: any SQLExecutor) async throws {
        try await executor.query(
            "UPDATE sessions SET revoked_at = \(now), revoke_reason = \(reason) WHERE id = \(sessionID) AND revoked_at IS NULL")
    }

    private static func insertRefreshToken(
        session: String, now: Date, _ executor: any SQLExecutor
    ) async throws
        -> SecretToken
    {
        let token = SecretToken.make()
        try await executor.query(
            "INSERT INTO refresh_tokens (token_hash, session_id, created_at) VALUES (\(token.hash), \(session), \(now))")
        return token
    }
}
