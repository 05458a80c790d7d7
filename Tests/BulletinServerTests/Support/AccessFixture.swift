import BulletinApp
import BulletinCore
import BulletinServerTestSupport
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

@testable import BulletinServer

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let current = Mutex(Date())

    var wallClock: WallClock { WallClock { self.current.withLock { $0 } } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// A response read for assertions.
struct Reply {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    /// The body as a JSON object, or empty when it is not one.
    let json: [String: Any]
    /// The body as text.
    let text: String
    /// The body's bytes.
    let data: Data

    /// The problem `type` slug, such as `forbidden`, when the body is a problem.
    var problemType: String? {
        BulletinServerTestSupport.problemType(of: json)
    }

    /// The pointers of a validation problem's `errors`, in order.
    var pointers: [String] {
        (json["errors"] as? [[String: Any]] ?? []).compactMap { $0["pointer"] as? String }
    }
}

/// A signed-in person of the fixture.
struct Person: Sendable {
    let id: String
    let email: String
    let accessToken: String
    let refreshToken: String
}

/// A running application with workspace "Acme" holding one member of each role, and
/// workspace "Globex" whose owner is the outsider; everyone signed in through the API.
struct AccessFixture: Sendable {
    static let password = "correct horse battery"

    let client: any TestClientProtocol
    let database: any Database
    let clock: ManualClock
    let workspaceID: String
    let members: [Role: Person]
    let outsider: Person

    /// Runs `body` with a fresh fixture on a new database.
    static func run(
        _ dialect: SQLDialect, configure: @escaping @Sendable (inout BulletinConfiguration) -> Void = { _ in },
        live: Bool = false, _ body: @Sendable (AccessFixture) async throws -> Void
    ) async throws {
        let clock = ManualClock()
        try await withTestApplication(dialect, configure: configure, clock: clock.wallClock, live: live) { client, url in
            let service = try await DatabaseService.open(
                location: try DatabaseLocation(url: url), poolSize: 2, logger: TestDatabases.logger)
            try await service.withRunning { database in
                let identity = IdentityRepository(database: database)
                let hash = try await PasswordHasher(cost: 4).hash(password)
                let owner = try await identity.createUser(
                    email: EmailAddress("owner@acme.test")!, passwordHash: hash, role: .owner, workspace: "Acme")
                for role in [Role.admin, .editor, .viewer] {
                    _ = try await identity.createUser(
                        email: EmailAddress("\(role.rawValue)@acme.test")!, passwordHash: hash, role: role,
                        workspace: owner.workspace.id)
                }
                _ = try await identity.createUser(
                    email: EmailAddress("owner@globex.test")!, passwordHash: hash, role: .owner, workspace: "Globex",
                    createWorkspace: true)
                var members: [Role: Person] = [:]
                for role in Role.allCases {
                    members[role] = try await signIn(client, "\(role.rawValue)@acme.test")
                }
                let fixture = AccessFixture(
                    client: client, database: database, clock: clock, workspaceID: owner.workspace.id,
                    members: members, outsider: try await signIn(client, "owner@globex.test"))
                try await body(fixture)
            }
        }
    }

    /// Signs in through the API.
    static func signIn(_ client: any TestClientProtocol, _ email: String, password: String = password) async throws -> Person {
        // Each person signs in from an address of their own (when the test trusts X-Forwarded-For),
        // so that tests of low rate limits are not spent by the fixture.
        let reply = try await call(
            client, .post, "/v1/auth/login", json: ["email": email, "password": password],
            headers: [HTTPField.Name("X-Forwarded-For")!: "fixture-\(email)"])
        try #require(reply.status == .ok, "sign-in of \(email) answered \(reply.status): \(reply.json)")
        let token = try #require(reply.json["accessToken"] as? String)
        let me = try await call(client, .get, "/v1/me", token: token)
        let user = try #require(me.json["user"] as? [String: Any])
        return Person(
            id: try #require(user["id"] as? String), email: email, accessToken: token,
            refreshToken: try #require(reply.json["refreshToken"] as? String))
    }

    /// The member with a role in Acme.
    subscript(role: Role) -> Person { members[role]! }

    /// Sends a request through the router, with a JSON body or a file of a media type.
    func call(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: Any? = nil,
        file: (data: Data, type: String)? = nil, headers: HTTPFields = [:]
    ) async throws -> Reply {
        try await Self.call(client, method, uri, token: token, json: json, file: file, headers: headers)
    }

    static func call(
        _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, token: String? = nil,
        json: Any? = nil, file: (data: Data, type: String)? = nil, headers: HTTPFields = [:]
    ) async throws -> Reply {
        var headers = headers
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
        } else if let file {
            headers[.contentType] = file.type
            body = ByteBuffer(bytes: file.data)
        }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body) { response in
            let object = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any]
            return Reply(
                status: response.status, headers: response.headers, json: object ?? [:], text: String(buffer: response.body),
                data: Data(buffer: response.body))
        }
    }

    /// The audit entries written under a request ID.
    func auditEntries(requestID: String) async throws -> [SQLRow] {
        try await database.query("SELECT * FROM audit_log WHERE request_id = \(requestID)")
    }
}
