import BulletinApp
import BulletinCore
import BulletinServer
import BulletinServerTestSupport
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Operational endpoints")
struct OperationalEndpointTests {
    @Test("/healthz answers ok with a request ID", arguments: TestDatabases.dialects)
    func health(dialect: SQLDialect) async throws {
        try await withTestApplication(dialect) { client, _ in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                let body = try JSON.object(response.body)
                #expect(body["status"] as? String == "ok")
                #expect(response.headers[HTTPField.Name("X-Request-ID")!]?.count == 26)
            }
            try await client.execute(uri: "/healthz", method: .head) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("/readyz answers ready once migrated", arguments: TestDatabases.dialects)
    func ready(dialect: SQLDialect) async throws {
        try await withTestApplication(dialect) { client, _ in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
                let body = try JSON.object(response.body)
                #expect(body["status"] as? String == "ready")
                #expect(body["migrations"] as? String == "current")
            }
        }
    }

    @Test("/readyz answers 503 problem when the schema falls behind", arguments: TestDatabases.dialects)
    func notReadyWhenBehind(dialect: SQLDialect) async throws {
        try await withTestApplication(dialect) { client, url in
            let other = try await DatabaseService.open(location: try DatabaseLocation(url: url), poolSize: 1, logger: TestDatabases.logger)
            try await other.withRunning { database in
                try await database.execute("DELETE FROM schema_migrations")
            }
            try await client.execute(uri: "/readyz", method: .get, headers: [HTTPField.Name("X-Request-ID")!: "probe-1"]) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try JSON.object(response.body)
                #expect(problem["type"] as? String == "https://bulletin.dev/problems/not-ready")
                #expect(problem["requestId"] as? String == "probe-1")
                #expect((problem["detail"] as? String)?.contains("version 0") == true)
            }
        }
    }

    @Test("/readyz stays ready when another node has applied a newer migration", arguments: TestDatabases.dialects)
    func readyWhenSchemaIsNewer(dialect: SQLDialect) async throws {
        try await withTestApplication(dialect) { client, url in
            let other = try await DatabaseService.open(location: try DatabaseLocation(url: url), poolSize: 1, logger: TestDatabases.logger)
            try await other.withRunning { database in
                try await database.execute(
                    """
                    INSERT INTO schema_migrations (version, name, checksum, applied_at)
                    VALUES (\(Schema.migrations.count + 1), \("from_a_newer_node"), \("x"), \(Date()))
                    """)
            }
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("/v1/system/info describes the installation", arguments: TestDatabases.dialects)
    func systemInfo(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            let anonymous = try await fixture.call(.get, "/v1/system/info")
            #expect(anonymous.status == .unauthorized && anonymous.problemType == "unauthenticated")
            let reply = try await fixture.call(.get, "/v1/system/info", token: fixture[.viewer].accessToken)
            #expect(reply.status == .ok)
            let body = reply.json
            #expect(body["name"] as? String == "Bulletin")
            #expect(body["database"] as? String == dialect.rawValue)
            #expect(body["schemaVersion"] as? Int == Schema.migrations.count)
            #expect((body["installationId"] as? String)?.count == 26)
            #expect(body["startedAt"] is String)
        }
    }

    @Test("/metrics counts requests by route template in Prometheus format")
    func metrics() async throws {
        try await withTestApplication(.sqlite) { client, _ in
            _ = try await client.execute(uri: "/healthz", method: .get)
            _ = try await client.execute(uri: "/no/such/path/12345", method: .get)
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                let text = String(buffer: response.body)
                #expect(text.contains(#"bulletin_http_requests_total{method="GET",route="/healthz",status="200"} 1"#))
                #expect(text.contains(#"route="unmatched",status="404""#))
                #expect(!text.contains("12345"))
                #expect(text.contains("# TYPE bulletin_http_request_duration_seconds histogram"))
                #expect(text.contains(#"bulletin_build_info{version="0.1.0",database="sqlite"} 1"#))
                #expect(text.contains("bulletin_db_pool_connections_max"))
                #expect(text.contains("bulletin_http_requests_in_flight 1"))
            }
        }
    }

    @Test("/openapi.json serves the checked-in OpenAPI 3.1 document")
    func openAPIDocument() async throws {
        try await withTestApplication(.sqlite) { client, _ in
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                let served = Data(buffer: response.body)
                #expect(served == (try OpenAPIContract.documentData()))
                let body = try JSON.object(response.body)
                #expect(body["openapi"] as? String == "3.1.0")
            }
        }
    }

    @Test("start-up with --no-migrate refuses a database with pending migrations")
    func noMigrateRefuses() async throws {
        await #expect(throws: MigrationError.pending(versions: Schema.migrations.map(\.version))) {
            try await withTestApplication(.sqlite, configure: { $0.migratesAutomatically = false }) { _, _ in }
        }
    }
}

@Suite("Service index")
struct ServiceIndexTests {
    @Test("/ names the service and links its documents")
    func index() async throws {
        try await withTestApplication(.sqlite) { client, _ in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                let body = try JSON.object(response.body)
                #expect(body["name"] as? String == "Bulletin")
                let links = body["links"] as? [String: String]
                #expect(links?["openapi"] == "/openapi.json")
                #expect(links?["health"] == "/healthz")
            }
        }
    }
}
