import BulletinApp
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import BulletinServer

@Suite("Front door: request deadline")
struct FrontDoorDeadlineTests {
    /// A refresh counts the attempt in a write transaction first; while another writer holds
    /// SQLite's one write connection (a long write, a migration), it waits for it.
    @Test("a request still waiting at --request-timeout is cancelled and answered 504 request-timeout")
    func slowRequest() async throws {
        try await TestDatabases.withDatabase(.sqlite) { database in
            try await Migrator().migrate(database)
            // Generous, so that the second refresh (the writer free) is answered in time on a
            // machine busy with the rest of the suite.
            let services = try await AppServices.forTests(database) { $0.requestTimeout = .seconds(8) }
            let app = Application(router: try buildRouter(services: services, instance: InstanceHolder()))
            try await app.test(.router) { client in
                let (held, holding) = AsyncStream.makeStream(of: Void.self)
                let (released, release) = AsyncStream.makeStream(of: Void.self)
                let answer = SendableBox<Answer>()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        try await database.transaction { _ in
                            holding.yield()
                            for await _ in released { break }
                        }
                    }
                    for await _ in held { break }
                    group.addTask {
                        let reply = try await Self.refresh(client)
                        answer.set(Answer(status: reply.status, headers: reply.headers, text: reply.text))
                    }
                    var waited: (any Error)?
                    do {
                        try await waitUntil("the request is answered", limit: .seconds(30)) { answer.value != nil }
                    } catch {
                        waited = error
                    }
                    release.finish()
                    try await group.waitForAll()
                    if let waited { throw waited }
                }
                let reply = try #require(answer.value)
                #expect(reply.status == .gatewayTimeout)
                #expect(reply.headers[.contentType] == "application/problem+json")
                let problem = try #require(try JSONSerialization.jsonObject(with: Data(reply.text.utf8)) as? [String: Any])
                #expect(problem["type"] as? String == ProblemType.requestTimeout.uri)
                #expect(problem["requestId"] as? String == reply.headers[HTTPField.Name("X-Request-ID")!])
                // With the writer free, the same request is answered by its handler.
                #expect(try await Self.refresh(client).problemType == "invalid-refresh-token")
            }
        }
    }

    @Test("event streams and WebSockets have no deadline")
    func realtimeIsExempt() {
        #expect(RequestDeadlineMiddleware.isExempt(EventStreamRoute.path))
        #expect(RequestDeadlineMiddleware.isExempt(WebSocketRoute.path))
        #expect(!RequestDeadlineMiddleware.isExempt("/v1/projects"))
    }

    @Test("--request-timeout is whole seconds from 1 to 3600, 30 by default")
    func setting() throws {
        #expect(try BulletinConfiguration.load(flags: [:], environment: [:]).requestTimeout == .seconds(30))
        #expect(try BulletinConfiguration.load(flags: ["request-timeout": "5"], environment: [:]).requestTimeout == .seconds(5))
        #expect(
            try BulletinConfiguration.load(flags: [:], environment: ["BULLETIN_REQUEST_TIMEOUT": "90"]).requestTimeout == .seconds(90))
        for invalid in ["0", "3601", "1.5", "soon"] {
            #expect(throws: ConfigurationError.self) {
                try BulletinConfiguration.load(flags: ["request-timeout": invalid], environment: [:])
            }
        }
    }

    /// What the test keeps of an answer.
    private struct Answer: Sendable {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let text: String
    }

    private static func refresh(_ client: any TestClientProtocol) async throws -> Reply {
        try await AccessFixture.call(client, .post, "/v1/auth/refresh", json: ["refreshToken": "not-a-token"])
    }
}
