import BulletinCore
import BulletinStore
import Foundation
import JWTKit
import Synchronization

/// The claims of a Bulletin access token.
struct AccessTokenClaims: JWTPayload, Equatable {
    var iss: IssuerClaim
    var aud: AudienceClaim
    var sub: SubjectClaim
    var exp: ExpirationClaim
    var nbf: NotBeforeClaim
    var iat: IssuedAtClaim
    var jti: IDClaim
    /// The workspace the session acts in.
    var wid: String
    /// The session (refresh-token family) the token belongs to.
    var sid: String

    /// jwt-kit calls this after checking the signature. The time and audience checks live
    /// in ``AccessTokens/verify(_:now:)`` instead, where they use the application's clock.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// Issues and verifies access tokens: ES256 JWTs that live ``lifetime`` (15 minutes unless
/// `--access-token-lifetime` says otherwise).
///
/// Verification pins the algorithm and the key (`alg` must be ES256 and `kid` this key's),
/// then checks the signature with jwt-kit, then `iss`, `aud`, `exp` and `nbf`. Verified
/// claims are cached by token, bounded, and never used past their expiry; whether the
/// session is still alive is checked on every request by the caller, so a cached token
/// never outlives a revocation.
final class AccessTokens: Sendable {
    /// How long an access token lives unless configured otherwise: 15 minutes.
    static let defaultLifetime: TimeInterval = 15 * 60
    /// The `aud` of every Bulletin access token.
    static let audience = "bulletin-api"
    /// Tolerance for clocks of different nodes when checking `nbf`.
    static let clockSkew: TimeInterval = 30

    let issuer: String
    let signingKey: SigningKey
    /// How long the tokens issued here live: the `expiresIn` of sign-in and refresh answers.
    let lifetime: TimeInterval
    private let keys: JWTKeyCollection
    private let cache = Mutex<[String: AccessTokenClaims]>([:])
    private static let cacheLimit = 10_000

    /// Creates the token service for a key; `issuer` names this installation.
    ///
    /// - Parameter lifetime: How long issued tokens live. Defaults to ``defaultLifetime``.
    init(signingKey: SigningKey, issuer: String, lifetime: TimeInterval = AccessTokens.defaultLifetime) async {
        self.signingKey = signingKey
        self.issuer = issuer
        self.lifetime = lifetime
        self.keys = JWTKeyCollection()
        await keys.add(ecdsa: signingKey.privateKey, kid: JWKIdentifier(string: signingKey.keyID))
    }

    /// Signs an access token for a session.
    func issue(for session: Session, now: Date) async throws -> String {
        let claims = AccessTokenClaims(
            iss: .init(value: issuer), aud: .init(value: [Self.audience]), sub: .init(value: session.userID),
            exp: .init(value: now.addingTimeInterval(lifetime)), nbf: .init(value: now), iat: .init(value: now),
            jti: .init(value: RandomID.make()), wid: session.workspaceID, sid: session.id)
        return try await keys.sign(claims, kid: JWKIdentifier(string: signingKey.keyID))
    }

    /// The claims of a valid token.
    ///
    /// - Throws: ``InvalidAccessToken`` for anything else.
    func verify(_ token: String, now: Date) async throws(InvalidAccessToken) -> AccessTokenClaims {
        if let cached = cache.withLock({ $0[token] }) {
            try check(cached, now: now)
            return cached
        }
        try checkHeader(of: token)
        let claims: AccessTokenClaims
        do {
            claims = try await keys.verify(token, as: AccessTokenClaims.self)
        } catch {
            throw InvalidAccessToken(reason: "the signature or claims are not valid")
        }
        try check(claims, now: now)
        cache.withLock { cache in
            if cache.count >= Self.cacheLimit {
                cache = cache.filter { $0.value.exp.value > now }
                if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
            }
            cache[token] = claims
        }
        return claims
    }

    /// The header must name ES256 and this key; nothing else is even tried.
    private func checkHeader(of token: String) throws(InvalidAccessToken) {
        struct Header: Decodable {
            let alg: String?
            let kid: String?
        }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let data = Data(base64URLEncoded: parts[0]),
            let header = try? JSONDecoder().decode(Header.self, from: data)
        else { throw InvalidAccessToken(reason: "not a JWT") }
        guard header.alg == "ES256" else { throw InvalidAccessToken(reason: "the algorithm must be ES256") }
        guard header.kid == signingKey.keyID else { throw InvalidAccessToken(reason: "unknown key") }
    }

    private func check(_ claims: AccessTokenClaims, now: Date) throws(InvalidAccessToken) {
        guard claims.iss.value == issuer else { throw InvalidAccessToken(reason: "wrong issuer") }
        guard claims.aud.value.contains(Self.audience) else { throw InvalidAccessToken(reason: "wrong audience") }
        guard claims.exp.value > now else { throw InvalidAccessToken(reason: "expired") }
        guard claims.nbf.value <= now.addingTimeInterval(Self.clockSkew) else {
            throw InvalidAccessToken(reason: "not valid yet")
        }
    }
}

/// Why an access token was refused; the reason goes to the client, which made the token.
struct InvalidAccessToken: Error, Equatable {
    let reason: String
}
