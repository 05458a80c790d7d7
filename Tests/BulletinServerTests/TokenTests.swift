import BulletinApp
import BulletinCore
import BulletinStore
import BulletinTestSupport
import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import JWTKit
import NIOCore
import Testing

@testable import BulletinServer

/// Access and refresh tokens under attack: forged, altered, stale and replayed.
@Suite("Tokens")
struct TokenTests {
    /// Runs the fixture with a signing key the test knows, so it can forge tokens with it.
    static func withKnownKey(
        _ dialect: SQLDialect, _ body: @Sendable (AccessFixture, SigningKey) async throws -> Void
    ) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path + "/key.pem"
        let key = try SigningKey.loadOrCreate(at: path)
        try await AccessFixture.run(dialect, configure: { $0.signingKeyFile = path }) { fixture in
            try await body(fixture, key)
        }
    }

    /// Claims as Bulletin would issue them for the fixture's editor, changed by `change`.
    static func claims(
        _ fixture: AccessFixture, _ change: (inout AccessTokenClaims) -> Void = { _ in }
    ) throws -> AccessTokenClaims {
        var claims = try decodedPayload(fixture[.editor].accessToken)
        change(&claims)
        return claims
    }

    static func decodedPayload(_ token: String) throws -> AccessTokenClaims {
        let part = token.split(separator: ".")[1]
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970  // as JWTs carry times
        return try decoder.decode(AccessTokenClaims.self, from: try #require(Data(base64URLEncoded: part)))
    }

    static func sign(_ claims: AccessTokenClaims, with key: ES256PrivateKey, kid: String) async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(ecdsa: key, kid: JWKIdentifier(string: kid))
        return try await keys.sign(claims, kid: JWKIdentifier(string: kid))
    }

    static func unsigned(header: String, claims: AccessTokenClaims) throws -> (String, String) {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        let payload = try encoder.encode(claims)
        return (Data(header.utf8).base64URLEncodedString(), payload.base64URLEncodedString())
    }

    @Test("forged, altered and stale access tokens get 401; a correct one works", arguments: TestDatabases.dialects)
    func accessTokenAttacks(dialect: SQLDialect) async throws {
        try await Self.withKnownKey(dialect) { fixture, key in
            let editor = fixture[.editor]
            let good = try await Self.sign(try Self.claims(fixture), with: key.privateKey, kid: key.keyID)
            let accepted = try await fixture.call(.get, "/v1/me", token: good)
            #expect(accepted.status == .ok, "the forging itself works: \(accepted.json)")

            var attacks: [(String, String)] = []
            let claims = try Self.claims(fixture)
            let (noneHeader, payload) = try Self.unsigned(
                header: #"{"alg":"none","typ":"JWT","kid":"\#(key.keyID)"}"#, claims: claims)
            attacks.append(("alg none", "\(noneHeader).\(payload)."))
            // HS/RS confusion: an HMAC keyed with the public key, which anyone can fetch.
            let (hsHeader, _) = try Self.unsigned(header: #"{"alg":"HS256","typ":"JWT","kid":"\#(key.keyID)"}"#, claims: claims)
            let publicPEM = key.privateKey.publicKey.pemRepresentation
            let mac = HMAC<SHA256>.authenticationCode(
                for: Data("\(hsHeader).\(payload)".utf8), using: SymmetricKey(data: Data(publicPEM.utf8)))
            attacks.append(("HS256 with the public key", "\(hsHeader).\(payload).\(Data(mac).base64URLEncodedString())"))
            // Another user's ID in a real token's payload, with the real signature.
            let parts = editor.accessToken.split(separator: ".").map(String.init)
            let (_, tampered) = try Self.unsigned(
                header: "", claims: try Self.claims(fixture) { $0.sub = .init(value: fixture[.owner].id) })
            attacks.append(("tampered payload", "\(parts[0]).\(tampered).\(parts[2])"))
            let now = Date()
            attacks.append(
                (
                    "not yet valid",
                    try await Self.sign(
                        try Self.claims(fixture) { $0.nbf = .init(value: now.addingTimeInterval(3600)) }, with: key.privateKey,
                        kid: key.keyID)
                ))
            attacks.append(
                (
                    "wrong audience",
                    try await Self.sign(
                        try Self.claims(fixture) { $0.aud = .init(value: ["another-api"]) }, with: key.privateKey, kid: key.keyID)
                ))
            attacks.append(
                (
                    "wrong issuer",
                    try await Self.sign(
                        try Self.claims(fixture) { $0.iss = .init(value: "urn:evil") }, with: key.privateKey, kid: key.keyID)
                ))
            attacks.append(
                (
                    "another key under our kid",
                    try await Self.sign(
                        try Self.claims(fixture), with: ES256PrivateKey(), kid: key.keyID)
                ))
            attacks.append(("garbage", "not.a.jwt"))
            for (name, token) in attacks {
                let reply = try await fixture.call(.get, "/v1/me", token: token)
                #expect(reply.status == .unauthorized && reply.problemType == "unauthenticated", "\(name): \(reply.status)")
            }

            // Expired: the session is alive, but the access token is 16 minutes old.
            fixture.clock.advance(by: 16 * 60)
            let expired = try await fixture.call(.get, "/v1/me", token: editor.accessToken)
            #expect(expired.status == .unauthorized && expired.problemType == "unauthenticated")
            #expect((expired.json["detail"] as? String)?.contains("expired") == true)
        }
    }

    @Test("a refresh rotates; replaying a rotated token revokes the whole session", arguments: TestDatabases.dialects)
    func refreshReuse(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            let first = fixture[.editor]
            let rotated = try await fixture.call(.post, "/v1/auth/refresh", json: ["refreshToken": first.refreshToken])
            #expect(rotated.status == .ok)
            #expect(rotated.json["tokenType"] as? String == "Bearer")
            #expect(rotated.json["expiresIn"] as? Int == 900)
            let second = try #require(rotated.json["refreshToken"] as? String)
            let secondAccess = try #require(rotated.json["accessToken"] as? String)
            #expect(second != first.refreshToken)
            #expect(try await fixture.call(.get, "/v1/me", token: secondAccess).status == .ok)

            // A replay once the grace for concurrent refreshes is over is theft.
            fixture.clock.advance(by: SessionRepository.defaultRefreshGrace + 1)
            let replay = try await fixture.call(.post, "/v1/auth/refresh", json: ["refreshToken": first.refreshToken])
            #expect(replay.status == .unauthorized && replay.problemType == "refresh-token-reused")
            // The thief's (or the owner's) newer tokens died with the session.
            let afterReplay = try await fixture.call(.post, "/v1/auth/refresh", json: ["refreshToken": second])
            #expect(afterReplay.status == .unauthorized && afterReplay.problemType == "invalid-refresh-token")
            let replayedAccess = try await fixture.call(.get, "/v1/me", token: secondAccess)
            #expect(replayedAccess.status == .unauthorized && replayedAccess.problemType == "unauthenticated")
            // Other people's sessions are untouched.
            #expect(try await fixture.call(.get, "/v1/me", token: fixture[.viewer].accessToken).status == .ok)
        }
    }

    @Test("two tabs refreshing with one token at once both get working tokens of the same session", arguments: TestDatabases.dialects)
    func concurrentRefresh(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            let shared = fixture[.editor].refreshToken
            let body = ["refreshToken": shared]
            // Truly at once (on PostgreSQL the second waits on the first's row lock)...
            async let tabA = fixture.call(.post, "/v1/auth/refresh", json: body)
            async let tabB = fixture.call(.post, "/v1/auth/refresh", json: body)
            // ...and a third a few seconds later, still within the grace.
            var replies = try await [tabA, tabB]
            fixture.clock.advance(by: SessionRepository.defaultRefreshGrace - 1)
            replies.append(try await fixture.call(.post, "/v1/auth/refresh", json: body))
            var sessions: Set<String> = []
            var successors: Set<String> = []
            for reply in replies {
                #expect(reply.status == .ok, "\(reply.json)")
                let access = try #require(reply.json["accessToken"] as? String)
                sessions.insert(try Self.decodedPayload(access).sid)
                successors.insert(try #require(reply.json["refreshToken"] as? String))
                #expect(try await fixture.call(.get, "/v1/me", token: access).status == .ok)
            }
            #expect(sessions == [try Self.decodedPayload(fixture[.editor].accessToken).sid])
            #expect(successors.count == 3 && !successors.contains(shared))
            // Each tab goes on refreshing with its own successor.
            for successor in successors {
                #expect(try await fixture.call(.post, "/v1/auth/refresh", json: ["refreshToken": successor]).status == .ok)
            }
        }
    }

    @Test("a replay just after the grace revokes the session, the tabs' successors with it", arguments: TestDatabases.dialects)
    func replayAfterGrace(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            let stolen = fixture[.viewer].refreshToken
            let rotated = try await fixture.call(.post, "/v1/auth/refresh", json: ["refreshToken": stolen])
            let successor = try #require(rotated.json["refreshToken"] as? String)
            let access = try #require(rotated.json["accessToken"] as? String)
            // Times are stored to the millisecond, so the test keeps clear of the exact edge.
            fixture.clock.advance(by: SessionRepository.defaultRefreshGrace - 1)
            #expect(try await fixture.call(.post, "/v1/auth/refresh", json: ["refreshToken": stolen]).status == .ok)
            fixture.clock.advance(by: 2)
            let replay = try await fixture.call(.post, "/v1/auth/refresh", json: ["refreshToken": stolen])
            #expect(replay.status == .unauthorized && replay.problemType == "refresh-token-reused")
            let after = try await fixture.call(.post, "/v1/auth/refresh", json: ["refreshToken": successor])
            #expect(after.status == .unauthorized && after.problemType == "invalid-refresh-token")
            let revokedAccess = try await fixture.call(.get, "/v1/me", token: access)
            #expect(revokedAccess.status == .unauthorized && revokedAccess.problemType == "unauthenticated")
        }
    }

    @Test("--access-token-lifetime sets how long access tokens live and the expiresIn that says so", arguments: TestDatabases.dialects)
    func accessTokenLifetime(dialect: SQLDialect) async throws {
        let configured = try BulletinConfiguration.load(flags: ["access-token-lifetime": "120"], environment: [:])
        #expect(configured.accessTokenLifetime == .seconds(120))
        #expect(try BulletinConfiguration.load(flags: [:], environment: [:]).accessTokenLifetime == .seconds(900))
        #expect(throws: ConfigurationError.self) {
            try BulletinConfiguration.load(flags: [:], environment: ["BULLETIN_ACCESS_TOKEN_LIFETIME": "30"])
        }
        try await AccessFixture.run(dialect, configure: { $0.accessTokenLifetime = .seconds(120) }) { fixture in
            let login = try await fixture.call(
                .post, "/v1/auth/login", json: ["email": fixture[.viewer].email, "password": AccessFixture.password])
            #expect(login.json["expiresIn"] as? Int == 120)
            let access = try #require(login.json["accessToken"] as? String)
            let claims = try Self.decodedPayload(access)
            #expect(claims.exp.value.timeIntervalSince(claims.iat.value) == 120)
            let refresh = try #require(login.json["refreshToken"] as? String)
            let refreshed = try await fixture.call(.post, "/v1/auth/refresh", json: ["refreshToken": refresh])
            #expect(refreshed.json["expiresIn"] as? Int == 120)

            fixture.clock.advance(by: 119)
            #expect(try await fixture.call(.get, "/v1/me", token: access).status == .ok)
            fixture.clock.advance(by: 2)
            let expired = try await fixture.call(.get, "/v1/me", token: access)
            #expect(expired.status == .unauthorized && expired.problemType == "unauthenticated")
        }
    }

    @Test("sign-out revokes the session: refresh and access tokens stop working", arguments: TestDatabases.dialects)
    func logout(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            let viewer = fixture[.viewer]
            #expect(try await fixture.call(.post, "/v1/auth/logout", json: ["refreshToken": viewer.refreshToken]).status == .noContent)
            let refresh = try await fixture.call(.post, "/v1/auth/refresh", json: ["refreshToken": viewer.refreshToken])
            #expect(refresh.status == .unauthorized && refresh.problemType == "invalid-refresh-token")
            let signedOut = try await fixture.call(.get, "/v1/me", token: viewer.accessToken)
            #expect(signedOut.status == .unauthorized && signedOut.problemType == "unauthenticated")
            // Signing out twice, or with an unknown token, is not an error.
            #expect(try await fixture.call(.post, "/v1/auth/logout", json: ["refreshToken": viewer.refreshToken]).status == .noContent)
        }
    }

    @Test("a password change ends the user's other sessions and keeps this one", arguments: TestDatabases.dialects)
    func passwordChange(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            let here = fixture[.admin]
            let elsewhere = try await AccessFixture.signIn(fixture.client, here.email)
            let wrong = try await fixture.call(
                .post, "/v1/me/password", token: here.accessToken,
                json: ["currentPassword": "not it at all", "newPassword": "a new long password"])
            #expect(wrong.status == .unprocessableContent && wrong.problemType == "validation-failed")
            #expect((wrong.json["errors"] as? [[String: Any]])?.first?["pointer"] as? String == "/currentPassword")
            let short = try await fixture.call(
                .post, "/v1/me/password", token: here.accessToken,
                json: ["currentPassword": AccessFixture.password, "newPassword": "short"])
            #expect(short.status == .unprocessableContent && short.problemType == "validation-failed")
            let changed = try await fixture.call(
                .post, "/v1/me/password", token: here.accessToken,
                json: ["currentPassword": AccessFixture.password, "newPassword": "a new long password"])
            #expect(changed.status == .noContent)
            #expect(try await fixture.call(.get, "/v1/me", token: here.accessToken).status == .ok)
            let elsewhereAfterChange = try await fixture.call(.get, "/v1/me", token: elsewhere.accessToken)
            #expect(elsewhereAfterChange.status == .unauthorized && elsewhereAfterChange.problemType == "unauthenticated")
            let old = try await fixture.call(.post, "/v1/auth/login", json: ["email": here.email, "password": AccessFixture.password])
            #expect(old.status == .unauthorized && old.problemType == "invalid-credentials")
            _ = try await AccessFixture.signIn(fixture.client, here.email, password: "a new long password")
        }
    }

    @Test("the JWKS verifies Bulletin's access tokens independently")
    func jwks() async throws {
        try await AccessFixture.run(.sqlite) { fixture in
            let reply = try await fixture.client.execute(uri: "/.well-known/jwks.json", method: .get) { response in
                #expect(response.headers[.contentType] == "application/jwk-set+json")
                return String(buffer: response.body)
            }
            let keys = try await JWTKeyCollection().add(jwksJSON: reply)
            let claims = try await keys.verify(fixture[.viewer].accessToken, as: AccessTokenClaims.self)
            #expect(claims.sub.value == fixture[.viewer].id)
            #expect(claims.aud.value == ["bulletin-api"])
            #expect(claims.exp.value.timeIntervalSince(claims.iat.value) == 900)
        }
    }
}
