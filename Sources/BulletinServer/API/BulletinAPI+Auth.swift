import BulletinApp
import BulletinCore
import BulletinOpenAPI
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
        // Text that is no e-mail address matches no account: the same answer as a wrong password.
        guard let email = EmailAddress(body.email) else { throw Self.invalidCredentials }
        let sessions = SessionRepository(database: services.database)
        let credentials = try await sessions.credentials(for: email)
        guard try await verifyPassword(body.password, against: credentials?.passwordHash, of: email), let credentials
        else { throw Self.invalidCredentials }
        do {
            let now = services.clock.now()
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
        let keys = [LoginThrottle.Key("refresh-address:" + Self.clientAddress, .address)]
        if let until = try await throttle.attempt(keys, now: now) { throw Self.lockedOut(until: until, now: now) }
        do {
            let issued = try await SessionRepository(database: services.database).refresh(
                SecretToken(value: body.refreshToken), grace: services.configuration.refreshTokenGrace.timeInterval,
                context: RequestScope.auditContext(), now: now)
            try await throttle.succeeded(keys, now: now)
            return .ok(.init(body: .json(try await tokenPair(for: issued, now: now))))
        } catch let error as IdentityError {
            throw APIError(identity: error)
        }
    }

    /// Checks a password under the lockouts of the account and of the client's address:
    /// the attempt is counted before bcrypt runs and taken back if it succeeds. Without a
    /// stored hash, a decoy is checked so that unknown addresses take as long.
    ///
    /// - Throws: 429 while either key is locked out.
    func verifyPassword(_ password: String, against hash: String?, of email: EmailAddress) async throws -> Bool {
        let now = services.clock.now()
        let throttle = LoginThrottle(database: services.database)
        let keys = [
            LoginThrottle.Key("account:" + email.value, .account),
            LoginThrottle.Key("address:" + Self.clientAddress, .address),
        ]
        if let until = try await throttle.attempt(keys, now: now) { throw Self.lockedOut(until: until, now: now) }
        guard try await services.passwordHasher.verify(password, against: hash) else { return false }
        try await throttle.succeeded(keys, now: now)
        return true
    }

    private static var invalidCredentials: APIError {
        APIError(.invalidCredentials, detail: "Check the address and password, then try again.")
    }

    private static var clientAddress: String { RequestScope.current?.clientAddress ?? "unknown" }

    /// The longest refresh token the document allows; the server's own are far shorter.
    static let maximumRefreshTokenLength = 256

    func logout(_ input: Operations.Logout.Input) async throws -> Operations.Logout.Output {
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        guard (1...Self.maximumRefreshTokenLength).contains(body.refreshToken.unicodeScalars.count) else {
            throw APIError.validation([
                FieldError(pointer: "/refreshToken", message: "Give the refresh token from sign-in (1 to 256 characters).")
            ])
        }
        try await SessionRepository(database: services.database).revoke(
            refreshToken: SecretToken(value: body.refreshToken), context: RequestScope.auditContext(),
            now: services.clock.now())
        return .noContent(.init())
    }

    private func tokenPair(for issued: IssuedSession, now: Date) async throws -> Components.Schemas.TokenPair {
        Components.Schemas.TokenPair(
            accessToken: try await services.accessTokens.issue(for: issued.session, now: now),
            refreshToken: issued.refreshToken.value, tokenType: .bearer, expiresIn: Int(services.accessTokens.lifetime))
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
