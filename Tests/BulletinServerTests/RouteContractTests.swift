import BulletinApp
import BulletinCore
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import JWTKit
import Testing

@testable import BulletinServer

@Suite("The OpenAPI document is the contract")
struct RouteContractTests {
    @Test("the router serves exactly the operations the document lists")
    func routesMatchDocument() async throws {
        try await TestDatabases.withDatabase(.sqlite) { database in
            let router = try buildRouter(services: try await .forTests(database), instance: InstanceHolder())
            _ = router.buildResponder()  // adds the automatic HEAD routes, which mirror GET
            let served = Set(
                router.routes.filter { $0.method != .head }.map { route in
                    // Hummingbird writes captures as ":name"; the document as "{name}".
                    let path = route.path.description.split(separator: "/").map { segment in
                        segment.hasPrefix(":") ? "{\(segment.dropFirst())}" : String(segment)
                    }
                    return "\(route.method.rawValue) /" + path.joined(separator: "/")
                })
            let documented = try OpenAPIContract.operations()
            #expect(served.subtracting(documented).isEmpty, "served but not documented: \(served.subtracting(documented))")
            #expect(documented.subtracting(served).isEmpty, "documented but not served: \(documented.subtracting(served))")
            #expect(documented.contains("GET /healthz"))
        }
    }

    @Test("every operation has an ID, a summary and a documented success response")
    func operationsAreDescribed() throws {
        let document = try JSONSerialization.jsonObject(with: OpenAPIContract.documentData()) as! [String: Any]
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = document["paths"] as! [String: [String: [String: Any]]]
        var operationIDs: [String] = []
        for (path, item) in paths {
            for (method, operation) in item {
                let id = operation["operationId"] as? String
                #expect(id != nil, "\(method) \(path) has no operationId")
                operationIDs.append(id ?? "")
                #expect(operation["summary"] is String, "\(method) \(path) has no summary")
                let responses = operation["responses"] as? [String: Any] ?? [:]
                // Success is a 2xx, or for the WebSocket a 101 (switching protocols).
                #expect(responses.keys.contains { $0.hasPrefix("2") || $0 == "101" }, "\(method) \(path) documents no success")
                #expect(path.hasPrefix("/v1/") || (operation["tags"] as? [String]) == ["operations"])
            }
        }
        #expect(Set(operationIDs).count == operationIDs.count, "operation IDs must be unique")
    }
}

extension AppServices {
    /// Services over a test database with default settings.
    static func forTests(
        _ database: any Database, configure: (inout BulletinConfiguration) -> Void = { _ in }
    ) async throws -> AppServices {
        var configuration = BulletinConfiguration()
        configure(&configuration)
        let key = try SigningKey(privateKey: ES256PrivateKey())
        return AppServices(
            database: database, migrator: Migrator(), metrics: ServerMetrics(databaseDialect: database.dialect),
            configuration: configuration, startedAt: Date(), clock: .system,
            accessTokens: await AccessTokens(signingKey: key, issuer: "urn:bulletin:test"),
            secretKeyring: SecretKeyring(keys: [SecretKeyring.newKey()]), logger: TestDatabases.logger)
    }
}
