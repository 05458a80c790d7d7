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
            let (_, tampered) = try Self.unsigned(header: "", claims: try Self.claims(fixture) { $0.sub = .init(value: fixture[.owner].id) })
            attacks.append(("tampered payload", "\(parts[0]).\(tampered).\(parts[2])"))
            let now = Date()
            attacks.append(("not yet valid", try await Self.sign(
                try Self.claims(fixture) { $0.nbf = .init(value: now.addingTimeInterval(3600)) }, with: key.privateKey, kid: key.keyID)))
            attacks.append(("wrong audience", try await Self.sign(
                try Self.claims(fixture) { $0.aud = .init(value: ["another-api"]) }, with: key.privateKey, kid: key.keyID)))
            attacks.append(("wrong issuer", try await Self.sign(
                try Self.claims(fixture) { $0.iss = .init(value: "urn:evil") }, with: key.privateKey, kid: key.keyID)))
            attacks.append(("another key under our kid", try await Self.sign(
                try Self.claims(fixture), with: ES256PrivateKey(), kid: key.keyID)))
            attacks.append(("garbage", "not.a.jwt"))
            for (name, token) in attacks {
                let reply = try await fixture.call(.get, "/v1/me", token: token)
                #expect(reply.status == .unauthorized && reply.problemType == "unauthenticated", "\(name): \(reply.status)")
            }

            // Expired: the session is alive, but the access token is 16 minutes old.
            fixture.clock.advance(by: 16 * 60)
            let expired = try await fixture.call(.get, "/v1/me", token: editor.accessToken)
            #expect(expired.status == .unauthorized)
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

            let replay = try await fixture.call(.post, "/v1/auth/refresh", json: ["refreshToken": first.refreshToken])
            #expect(replay.status == .unauthorized && replay.problemType == "refresh-token-reused")
            // The thief's (or the owner's) newer tokens died with the session.
            let afterReplay = try await fixture.call(.post, "/v1/auth/refresh", json: ["refreshToken": second])
            #expect(afterReplay.status == .unauthorized && afterReplay.problemType == "invalid-refresh-token")
            #expect(try await fixture.call(.get, "/v1/me", token: secondAccess).status == .unauthorized)
            // Other people's sessions are untouched.
            #expect(try await fixture.call(.get, "/v1/me", token: fixture[.viewer].accessToken).status == .ok)
        }
    }

    @Test("sign-out revokes the session: refresh and access tokens stop working", arguments: TestDatabases.dialects)
    func logout(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            let viewer = fixture[.viewer]
            #expect(try await fixture.call(.post, "/v1/auth/logout", json: ["refreshToken": viewer.refreshToken]).status == .noContent)
            let refresh = try await fixture.call(.post, "/v1/auth/refresh", json: ["refreshToken": viewer.refreshToken])
            #expect(refresh.status == .unauthorized)
            #expect(try await fixture.call(.get, "/v1/me", token: viewer.accessToken).status == .unauthorized)
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
            #expect(wrong.status == .unprocessableContent)
            #expect((wrong.json["errors"] as? [[String: Any]])?.first?["pointer"] as? String == "/currentPassword")
            let short = try await fixture.call(
                .post, "/v1/me/password", token: here.accessToken,
                json: ["currentPassword": AccessFixture.password, "newPassword": "short"])
            #expect(short.status == .unprocessableContent)
            let changed = try await fixture.call(
                .post, "/v1/me/password", token: here.accessToken,
                json: ["currentPassword": AccessFixture.password, "newPassword": "a new long password"])
            #expect(changed.status == .noContent)
            #expect(try await fixture.call(.get, "/v1/me", token: here.accessToken).status == .ok)
            #expect(try await fixture.call(.get, "/v1/me", token: elsewhere.accessToken).status == .unauthorized)
            let old = try await fixture.call(.post, "/v1/auth/login", json: ["email": here.email, "password": AccessFixture.password])
            #expect(old.status == .unauthorized)
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
