import BulletinApp
import BulletinCore
import BulletinServerTestSupport
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import NIOCore
import Testing

@testable import BulletinServer

/// `POST /v1/setup`, through the generated OpenAPI layer and the real middleware.
@Suite("First-run setup")
struct SetupTests {
    static let json: HTTPFields = [.contentType: "application/json"]

    /// Runs the application on a new database with a setup token the test knows.
    static func withSetup(
        _ dialect: SQLDialect, maximumBodySize: Int = 1 << 20,
        _ body: @Sendable (any TestClientProtocol, SecretToken, String) async throws -> Void
    ) async throws {
        try await withTestApplication(
            dialect,
            configure: {
                $0.bcryptCost = 4
                $0.maximumBodySize = maximumBodySize
            }
        ) {
            client, url in
            let service = try await DatabaseService.open(
                location: try DatabaseLocation(url: url), poolSize: 1, logger: TestDatabases.logger)
            let token = try await service.withRunning { database in
                try #require(try await IdentityRepository(database: database).issueSetupToken())
            }
            try await body(client, token, url)
        }
    }

    static func request(
        token: String, name: String = "Acme", email: String = "Ada@Example.com", password: String = "correct horse"
    )
        -> ByteBuffer
    {
        let object = ["token": token, "workspaceName": name, "email": email, "password": password]
        return ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object))
    }

    @Test("the token creates the first workspace and owner, once", arguments: TestDatabases.dialects)
    func completes(dialect: SQLDialect) async throws {
        try await Self.withSetup(dialect) { client, token, url in
            try await client.execute(uri: "/v1/setup", method: .post, headers: Self.json, body: Self.request(token: token.value)) {
                response in
                #expect(response.status == .created)
                let body = try JSON.object(response.body)
                let user = body["user"] as? [String: Any]
                #expect(user?["email"] as? String == "ada@example.com")
                #expect((body["workspace"] as? [String: Any])?["name"] as? String == "Acme")
                #expect(body["role"] as? String == "owner")
                #expect(body["password"] == nil && user?["password"] == nil)
            }
            // The password is stored as a bcrypt hash that verifies.
            let service = try await DatabaseService.open(
                location: try DatabaseLocation(url: url), poolSize: 1, logger: TestDatabases.logger)
            let stored: String = try await service.withRunning { database in
                try #require(try await database.query("SELECT password_hash FROM users").first).decode("password_hash")
            }
            #expect(stored.hasPrefix("$2"))
            #expect(Bcrypt.verify("correct horse", hash: stored))

            try await client.execute(uri: "/v1/setup", method: .post, headers: Self.json, body: Self.request(token: token.value)) {
                response in
                #expect(response.status == .conflict)
                let problem = try Problem(response)
                #expect(problem.type == "https://bulletin.dev/problems/already-set-up")
            }
        }
    }

    @Test("a wrong token answers 403 and creates nothing")
    func wrongToken() async throws {
        try await Self.withSetup(.sqlite) { client, _, _ in
            try await client.execute(uri: "/v1/setup", method: .post, headers: Self.json, body: Self.request(token: "guess")) {
                response in
                #expect(response.status == .forbidden)
                let problem = try Problem(response)
                #expect(problem.type == "https://bulletin.dev/problems/invalid-setup-token")
            }
        }
    }

    @Test("every invalid field is reported at once, with a pointer")
    func validation() async throws {
        try await Self.withSetup(.sqlite) { client, token, _ in
            let body = Self.request(token: token.value, name: "  ", email: "not-an-address", password: "short")
            try await client.execute(uri: "/v1/setup", method: .post, headers: Self.json, body: body) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try Problem(response)
                #expect(problem.type == "https://bulletin.dev/problems/validation-failed")
                #expect(Set(problem.errors?.map(\.pointer) ?? []) == ["/workspaceName", "/email", "/password"])
            }
        }
    }

    @Test("a password with a NUL byte is refused, not truncated")
    func nulPassword() async throws {
        try await Self.withSetup(.sqlite) { client, token, _ in
            let body = Self.request(token: token.value, password: "\u{0}123456789abc")
            try await client.execute(uri: "/v1/setup", method: .post, headers: Self.json, body: body) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try Problem(response)
                #expect(problem.type == "https://bulletin.dev/problems/validation-failed")
                #expect(problem.errors?.map(\.pointer) == ["/password"])
            }
        }
    }

    @Test("malformed JSON answers 400 and JSON of the wrong shape 422, through the generated layer")
    func decoding() async throws {
        try await Self.withSetup(.sqlite) { client, token, _ in
            try await client.execute(uri: "/v1/setup", method: .post, headers: Self.json, body: ByteBuffer(string: #"{"token": "#)) {
                response in
                #expect(response.status == .badRequest)
                let problem = try Problem(response)
                #expect(problem.type == "https://bulletin.dev/problems/malformed-json")
            }
            let wrongType = ByteBuffer(
                string: #"{"token": "\#(token.value)", "workspaceName": 7, "email": "a@b.co", "password": "0123456789"}"#)
            try await client.execute(uri: "/v1/setup", method: .post, headers: Self.json, body: wrongType) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try Problem(response)
                #expect(problem.type == "https://bulletin.dev/problems/validation-failed")
                #expect(problem.errors?.map(\.pointer) == ["/workspaceName"])
            }
            let missing = ByteBuffer(string: #"{"token": "\#(token.value)", "email": "a@b.co", "password": "0123456789"}"#)
            try await client.execute(uri: "/v1/setup", method: .post, headers: Self.json, body: missing) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try Problem(response)
                #expect(problem.type == "https://bulletin.dev/problems/validation-failed")
                #expect(problem.errors?.map(\.pointer) == ["/workspaceName"])
            }
        }
    }

    @Test("a body nested too deeply answers 400 before it is decoded")
    func tooDeep() async throws {
        try await Self.withSetup(.sqlite) { client, _, _ in
            let body = ByteBuffer(string: String(repeating: "[", count: 10_000))
            try await client.execute(uri: "/v1/setup", method: .post, headers: Self.json, body: body) { response in
                #expect(response.status == .badRequest)
                let problem = try Problem(response)
                #expect(problem.type == "https://bulletin.dev/problems/json-too-deep")
            }
        }
    }

    @Test("a body that is not JSON answers 415; one over the limit 413")
    func mediaTypeAndSize() async throws {
        try await Self.withSetup(.sqlite, maximumBodySize: 64) { client, token, _ in
            try await client.execute(
                uri: "/v1/setup", method: .post, headers: [.contentType: "text/plain"], body: ByteBuffer(string: "x")
            ) { response in
                #expect(response.status == .unsupportedMediaType)
                let problem = try Problem(response)
                #expect(problem.type == "https://bulletin.dev/problems/unsupported-media-type")
            }
            try await client.execute(uri: "/v1/setup", method: .post, headers: Self.json, body: Self.request(token: token.value)) {
                response in
                #expect(response.status == .contentTooLarge)
                let problem = try Problem(response)
                #expect(problem.type == "https://bulletin.dev/problems/payload-too-large")
            }
        }
    }
}
