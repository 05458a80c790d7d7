import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BulletinServer

@Suite("Readiness when the database goes away")
struct ReadinessTests {
    @Test("/readyz answers 503 problem while PostgreSQL does not answer; /healthz stays 200")
    func postgresGone() async throws {
        // Nothing listens on port 1: the pool can never connect, as when the server died.
        let location = try DatabaseLocation(url: "postgres://app@127.0.0.1:1/bulletin?sslmode=disable")
        let service = try await DatabaseService.open(location: location, poolSize: 2, logger: TestDatabases.logger)
        let router = try buildRouter(services: try await .forTests(service.database), instance: InstanceHolder())
        let app = Application(router: router, services: [service])
        try await app.test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let problem = try Problem(response)
                #expect(problem.type == "https://bulletin.dev/problems/not-ready")
                #expect(problem.detail == "The database does not answer.")
            }
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }
}
