import BulletinCore
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import BulletinServer

/// The web UI's sign-in: the refresh token lives in an HttpOnly, SameSite=Strict cookie that
/// rotates on each refresh, with the same theft detection as the token API.
@Suite("Browser session")
struct BrowserSessionTests {
    /// The `bulletin_session` cookie a reply sets, and its attributes.
    static func sessionCookie(_ reply: Reply) throws -> (value: String, attributes: String) {
        let header = try #require(reply.headers[.setCookie], "no Set-Cookie")
        #expect(header.hasPrefix("bulletin_session="))
        let value = String(header.dropFirst("bulletin_session=".count).prefix { $0 != ";" })
        return (value, header)
    }

    static func cookie(_ value: String) -> HTTPFields { [.cookie: "bulletin_session=\(value)"] }

    @Test(
        "sign-in sets the cookie; refresh rotates it; a reused cookie ends the session; sign-out clears it",
        arguments: TestDatabases.dialects)
    func lifecycle(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            let credentials = ["email": fixture[.editor].email, "password": AccessFixture.password]
            let signedIn = try await fixture.call(.post, "/v1/auth/session", json: credentials)
            #expect(signedIn.status == .ok)
            #expect(signedIn.json["refreshToken"] == nil && signedIn.json["tokenType"] as? String == "Bearer")
            let access = try #require(signedIn.json["accessToken"] as? String)
            #expect(try await fixture.call(.get, "/v1/me", token: access).status == .ok)
            let first = try Self.sessionCookie(signedIn)
            for attribute in ["HttpOnly", "SameSite=Strict", "Path=/v1/auth/session", "Max-Age=2592000"] {
                #expect(first.attributes.contains(attribute), "\(first.attributes)")
            }
            #expect(!first.attributes.contains("Secure"))

            let renewed = try await fixture.call(
                .post, "/v1/auth/session/refresh", json: [String: Any](), headers: Self.cookie(first.value))
            #expect(renewed.status == .ok && renewed.json["accessToken"] is String)
            let second = try Self.sessionCookie(renewed)
            #expect(second.value != first.value)

            // The first cookie again, after the grace for tabs refreshing at once: someone kept a
            // copy, so the session ends and the cookie goes.
            fixture.clock.advance(by: SessionRepository.defaultRefreshGrace + 1)
            let reused = try await fixture.call(
                .post, "/v1/auth/session/refresh", json: [String: Any](), headers: Self.cookie(first.value))
            #expect(reused.status == .unauthorized && reused.problemType == "refresh-token-reused")
            let gone = try Self.sessionCookie(reused)
            #expect(gone.attributes.contains("Max-Age=0"))
            let revoked = try await fixture.call(
                .post, "/v1/auth/session/refresh", json: [String: Any](), headers: Self.cookie(second.value))
            #expect(revoked.status == .unauthorized && revoked.problemType == "invalid-refresh-token")

            // Sign out: the session is revoked and the cookie cleared.
            let again = try Self.sessionCookie(try await fixture.call(.post, "/v1/auth/session", json: credentials))
            let out = try await fixture.call(.post, "/v1/auth/session/logout", json: [String: Any](), headers: Self.cookie(again.value))
            let cleared = try Self.sessionCookie(out)
            #expect(out.status == .noContent && cleared.attributes.contains("Max-Age=0"))
            let afterwards = try await fixture.call(
                .post, "/v1/auth/session/refresh", json: [String: Any](), headers: Self.cookie(again.value))
            #expect(afterwards.status == .unauthorized && afterwards.problemType == "invalid-refresh-token")
        }
    }

    @Test("refused requests: no cookie, not JSON, a wrong password; Secure behind HTTPS")
    func refusals() async throws {
        try await AccessFixture.run(.sqlite) { fixture in
            let none = try await fixture.call(.post, "/v1/auth/session/refresh", json: [String: Any]())
            #expect(none.status == .unauthorized && none.problemType == "invalid-refresh-token")
            let form = try await fixture.call(
                .post, "/v1/auth/session/refresh",
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "bulletin_session=x"])
            #expect(form.status == .unsupportedMediaType && form.problemType == "unsupported-media-type")
            let wrong = try await fixture.call(
                .post, "/v1/auth/session", json: ["email": fixture[.editor].email, "password": "not the password"])
            #expect(wrong.status == .unauthorized && wrong.problemType == "invalid-credentials")
            #expect(wrong.headers[.setCookie] == nil)
            let incomplete = try await fixture.call(.post, "/v1/auth/session", json: ["email": fixture[.editor].email])
            #expect(incomplete.status == .unprocessableContent && incomplete.problemType == "validation-failed")
            #expect((incomplete.json["errors"] as? [[String: Any]])?.compactMap { $0["pointer"] as? String } == ["/password"])
            let secure = try await fixture.call(
                .post, "/v1/auth/session", json: ["email": fixture[.editor].email, "password": AccessFixture.password],
                headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"])
            let overHTTPS = try Self.sessionCookie(secure)
            #expect(overHTTPS.attributes.contains("Secure"))
        }
    }

    @Test("a readable marker cookie, without the token, comes and goes with the session cookie")
    func marker() async throws {
        try await AccessFixture.run(.sqlite) { fixture in
            func markers(_ reply: Reply) -> [String] {
                reply.headers[values: .setCookie].filter { $0.hasPrefix("bulletin_signed_in=") }
            }
            let credentials = ["email": fixture[.editor].email, "password": AccessFixture.password]
            let signedIn = try await fixture.call(.post, "/v1/auth/session", json: credentials)
            let set = try #require(markers(signedIn).first)
            let attributes = set.components(separatedBy: "; ")
            #expect(attributes.first == "bulletin_signed_in=1" && attributes.contains("Path=/") && !attributes.contains("HttpOnly"))
            let session = try Self.sessionCookie(signedIn)
            #expect(!set.contains(session.value))
            let out = try await fixture.call(
                .post, "/v1/auth/session/logout", json: [String: Any](), headers: Self.cookie(session.value))
            #expect(markers(out).first?.contains("Max-Age=0") == true)
            // A refused refresh clears it too: the page then stops trying.
            let refused = try await fixture.call(.post, "/v1/auth/session/refresh", json: [String: Any]())
            #expect(markers(refused).first?.contains("Max-Age=0") == true)
        }
    }
}
