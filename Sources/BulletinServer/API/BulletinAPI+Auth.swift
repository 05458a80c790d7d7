import BulletinCore
import BulletinStore
import Foundation
import HTTPTypes

/// Sign-in, refresh and sign-out.
///
/// Sign-in counts failures per account and per client address in the database
/// (``LoginThrottle``); a locked key answers 429 with `Retry-After` before any password is
/// checked. Refresh failures count against the address the same way.
extension BulletinAPI {
    func login(_ input: Operations.Login.Input) async throws -> Operations.Login.Output {
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let email = try Self.checkedEmail(body.email, pointer: "/email")
        let now = services.clock.now()
        let throttle = LoginThrottle(database: services.database)
        let accountKey = "account:" + email.value
        let addressKey = "address:" + (RequestScope.current?.clientAddress ?? "unknown")
        if let until = try await throttle.lockedUntil([accountKey, addressKey], now: now) {
            throw Self.lockedOut(until: until, now: now)
        }
        let sessions = SessionRepository(database: services.database)
        let credentials = try await sessions.credentials(for: email)
        guard try await services.passwordHasher.verify(body.password, against: credentials?.passwordHash),
            let credentials
        else {
            try await throttle.recordFailure([(accountKey, .account), (addressKey, .address)], now: now)
            throw APIError(.invalidCredentials, detail: "Check the address and password, then try again.")
        }
        try await throttle.clear(accountKey)
        do {
            let issued = try await sessions.start(
                userID: credentials.userID, workspaceID: body.workspaceId, context: RequestScope.auditContext(), now: now)
            return .ok(.init(body: .json(try await tokenPair(for: issued, now: now))))
        } catch IdentityError.notMember {
            throw APIError(.notFound, detail: "You are not a member of that workspace.")
        }
    }

    func refreshSession(_ input: Operations.RefreshSession.Input) async throws -> Operations.RefreshSession.Output {
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let now = services.clock.now()
        let throttle = LoginThrottle(database: services.database)
        let addressKey = "refresh-address:" + (RequestScope.current?.clientAddress ?? "unknown")
        if let until = try await throttle.lockedUntil([addressKey], now: now) {
            throw Self.lockedOut(until: until, now: now)
        }
        do {
            let issued = try await SessionRepository(database: services.database).refresh(
                SecretToken(value: body.refreshToken), context: RequestScope.auditContext(), now: now)
            return .ok(.init(body: .json(try await tokenPair(for: issued, now: now))))
        } catch let error as IdentityError {
            try await throttle.recordFailure([(addressKey, .address)], now: now)
            throw APIError(identity: error)
        }
    }

    func logout(_ input: Operations.Logout.Input) async throws -> Operations.Logout.Output {
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        try await SessionRepository(database: services.database).revoke(
            refreshToken: SecretToken(value: body.refreshToken), context: RequestScope.auditContext(),
            now: services.clock.now())
        return .noContent(.init())
    }

    private func tokenPair(for issued: IssuedSession, now: Date) async throws -> Components.Schemas.TokenPair {
        Components.Schemas.TokenPair(
            accessToken: try await services.accessTokens.issue(for: issued.session, now: now),
            refreshToken: issued.refreshToken.value, tokenType: .bearer, expiresIn: Int(AccessTokens.lifetime))
    }

    /// 429 until a lockout ends.
    private static func lockedOut(until: Date, now: Date) -> APIError {
        let seconds = max(1, Int(until.timeIntervalSince(now).rounded(.up)))
        return APIError(
            .rateLimited, detail: "Too many failed attempts; try again in \(seconds) s.",
            headers: [.retryAfter: String(seconds)])
    }

    /// An e-mail address from input, or a 422 naming the field.
    static func checkedEmail(_ text: String, pointer: String) throws -> EmailAddress {
        guard let email = EmailAddress(text) else {
            throw APIError.validation([FieldError(pointer: pointer, message: "Enter an e-mail address such as ada@example.com.")])
        }
        return email
    }
}
