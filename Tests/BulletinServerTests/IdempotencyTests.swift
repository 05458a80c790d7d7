import BulletinCore
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import BulletinServer

/// `Idempotency-Key` on creating POSTs.
@Suite("Safe retries")
struct IdempotencyTests {
    static func key(_ value: String) -> HTTPFields { [HTTPField.Name("Idempotency-Key")!: value] }

    @Test("a retry returns the first response; another body with the key is a 422", arguments: TestDatabases.dialects)
    func retries(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            let admin = fixture[.admin].accessToken
            let body = ["name": "deploy", "role": "editor"]
            let first = try await fixture.call(.post, "/v1/api-keys", token: admin, json: body, headers: Self.key("k-1"))
            let retry = try await fixture.call(.post, "/v1/api-keys", token: admin, json: body, headers: Self.key("k-1"))
            #expect(first.status == .created && retry.status == .created, "\(retry.status) \(retry.json)")
            #expect(retry.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(first.headers[HTTPField.Name("Idempotent-Replayed")!] == nil)
            let secret = try #require(first.json["secret"] as? String)
            #expect(retry.json["secret"] as? String == secret)
            let listed = try await fixture.call(.get, "/v1/api-keys", token: admin)
            #expect((listed.json["items"] as? [Any])?.count == 1)

            // The stored response is encrypted: the database alone does not reveal the key.
            let stored = try await fixture.database.query("SELECT response FROM idempotency_keys")
            let row = try #require(stored.first)
            let bytes: [UInt8] = try row.decode("response")
            #expect(!String(decoding: bytes, as: UTF8.self).contains(secret))

            let other = try await fixture.call(
                .post, "/v1/api-keys", token: admin, json: ["name": "other", "role": "editor"], headers: Self.key("k-1"))
            #expect(other.status == .unprocessableContent && other.problemType == "idempotency-key-reused")
            // Keys belong to their principal: the owner's k-1 is a different key.
            let owners = try await fixture.call(
                .post, "/v1/api-keys", token: fixture[.owner].accessToken, json: body, headers: Self.key("k-1"))
            #expect(owners.status == .created && owners.json["secret"] as? String != secret)
            // A refused request is not remembered: fixed and retried with the same key, it runs.
            let invalid = try await fixture.call(
                .post, "/v1/api-keys", token: admin, json: ["name": "", "role": "editor"], headers: Self.key("k-2"))
            #expect(invalid.status == .unprocessableContent && invalid.problemType == "validation-failed")
            let fixed = try await fixture.call(
                .post, "/v1/api-keys", token: admin, json: ["name": "", "role": "editor"], headers: Self.key("k-2"))
            #expect(
                fixed.status == .unprocessableContent && fixed.problemType == "validation-failed"
                    && fixed.headers[HTTPField.Name("Idempotent-Replayed")!] == nil)

            // After 24 hours the key is forgotten.
            fixture.clock.advance(by: 24 * 3600 + 1)
            let admin2 = try await AccessFixture.signIn(fixture.client, fixture[.admin].email)
            let later = try await fixture.call(.post, "/v1/api-keys", token: admin2.accessToken, json: body, headers: Self.key("k-1"))
            #expect(later.status == .created && later.json["secret"] as? String != secret)
        }
    }

    @Test("keys must be 1–255 visible characters")
    func invalidKey() async throws {
        try await AccessFixture.run(.sqlite) { fixture in
            for bad in [String(repeating: "k", count: 256), "has space"] {
                let reply = try await fixture.call(
                    .post, "/v1/api-keys", token: fixture[.admin].accessToken, json: ["name": "x", "role": "viewer"],
                    headers: Self.key(bad))
                #expect(reply.status == .badRequest && reply.problemType == "bad-request")
            }
        }
    }
}
