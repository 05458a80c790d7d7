import BulletinApp
import BulletinCore
import BulletinFlags
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import BulletinServer

@Suite("Feature flags API")
struct FlagsAPITests {
    /// The results of `POST /v1/flags/evaluate`, by flag name.
    static func evaluate(
        _ fixture: AccessFixture, token: String, context: Any, flags: [String]? = nil
    ) async throws -> [String: [String: Any]] {
        var body: [String: Any] = ["context": context]
        if let flags { body["flags"] = flags }
        let reply = try await fixture.call(.post, "/v1/flags/evaluate", token: token, json: body)
        #expect(reply.status == .ok, "\(reply.json)")
        let results = try #require(reply.json["results"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: results.map { ($0["name"] as! String, $0) })
    }

    /// A migrated database's new workspace, for tests below the API.
    static func workspace(in database: any Database) async throws -> String {
        try await Migrator().migrate(database)
        let id = "ws_flags"
        try await database.execute("INSERT INTO workspaces (id, name, created_at) VALUES (\(id), 'Acme', \(Date()))")
        return id
    }

    @Test("a kill switch flipped by an admin is seen by the next evaluation", arguments: TestDatabases.dialects)
    func killSwitch(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            let admin = fixture[.admin].accessToken
            let viewer = fixture[.viewer].accessToken
            let created = try await fixture.call(
                .post, "/v1/flags", token: admin,
                json: [
                    "definition": [
                        "name": "exports", "type": "kill-switch", "enabled": true,
                        "strategies": [["name": "default"]],
                    ]
                ])
            #expect(created.status == .created, "\(created.json)")
            #expect(try await Self.evaluate(fixture, token: viewer, context: [:])["exports"]?["enabled"] as? Bool == true)
            let off = try await fixture.call(.post, "/v1/flags/exports/disable", token: admin)
            #expect(off.status == .ok)
            #expect((off.json["definition"] as? [String: Any])?["enabled"] as? Bool == false)
            #expect(off.json["version"] as? Int == 2)
            #expect(try await Self.evaluate(fixture, token: viewer, context: [:])["exports"]?["enabled"] as? Bool == false)
            // The caller's own evaluation sees the same, with the built-in default beside it.
            let own = try await fixture.call(.get, "/v1/flags/evaluate", token: viewer)
            let names = (own.json["results"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(names == ["exports", "immediate-reports"])
            // Editors read flags but may not flip them.
            #expect(try await fixture.call(.get, "/v1/flags/exports", token: fixture[.editor].accessToken).status == .ok)
            let editorEnable = try await fixture.call(.post, "/v1/flags/exports/enable", token: fixture[.editor].accessToken)
            #expect(editorEnable.status == .forbidden && editorEnable.problemType == "forbidden")
        }
    }

    @Test("a second node sees a flag change through the notification, without asking the database on evaluation")
    func otherNode() async throws {
        try await TestDatabases.withDatabase(.postgresql) { database in
            let workspace = try await Self.workspace(in: database)
            let other = Flags(database: database, logger: TestDatabases.logger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await other.run() }
                let audit = AuditScope(
                    workspaceID: workspace,
                    context: AuditContext(actorType: "system", actorID: nil, requestID: nil, ip: nil, userAgent: nil))
                let repository = FlagRepository(database: database)
                _ = try await repository.create(
                    FlagDefinition(name: "search", enabled: true), staleAfter: nil, audit: audit, now: Date())
                let context = FlagContext(userId: "u1")
                #expect(try await other.isEnabled("search", workspaceID: workspace, context: context))
                _ = try await repository.setEnabled(false, name: "search", audit: audit, now: Date())
                try await waitUntil("the other node sees the flag off", interval: .milliseconds(10)) {
                    try await !other.isEnabled("search", workspaceID: workspace, context: context)
                }
                group.cancelAll()
            }
        }
    }

    @Test(
        "an imported specification file evaluates through the API as the specification expects",
        ConformanceSuites.required(.unleash), arguments: TestDatabases.dialects)
    func importAndEvaluate(dialect: SQLDialect) async throws {
        let files = try ConformanceSuites.unleashSpecificationFiles()
        let file = try #require(files.first { $0.lastPathComponent.hasPrefix("10-") })
        let data = try Data(contentsOf: file)
        try await AccessFixture.run(dialect) { fixture in
            let specification = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let admin = fixture[.admin].accessToken
            let imported = try await fixture.call(.post, "/v1/flags/import", token: admin, json: specification["state"]!)
            #expect(imported.status == .ok, "\(imported.json)")
            #expect((imported.json["created"] as? [String])?.isEmpty == false)
            let tests = try #require(specification["tests"] as? [[String: Any]])
            for test in tests {
                let name = test["toggleName"] as! String
                let results = try await Self.evaluate(fixture, token: admin, context: test["context"]!, flags: [name])
                #expect(results[name]?["enabled"] as? Bool == test["expectedResult"] as? Bool, "\(test["description"]!)")
            }
            // Export gives back what was imported.
            let exported = try await fixture.call(.get, "/v1/flags/export", token: admin)
            let state = specification["state"] as! [String: Any]
            let names = { (body: [String: Any]) in Set((body["features"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }) }
            #expect(names(exported.json) == names(state))
        }
    }

    @Test(
        "an import keeps what Unleash keeps: what it cannot evaluate stays as written, is warned of, and never matches",
        arguments: TestDatabases.dialects)
    func importKeepsUnevaluable(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            let admin = fixture[.admin].accessToken
            let strategies: [[String: Any]] = [
                ["name": "default", "constraints": [["contextName": "plan", "operator": "LIKE", "values": ["pro"], "inverted": true]]],
                ["name": "telepathy"],
                [
                    "name": "default",
                    "constraints": [
                        ["contextName": "userId", "operator": "REGEX", "value": "^(?=u)u1$"],
                        ["contextName": "version", "operator": "SEMVER_GT", "value": "v1.0.0", "inverted": true],
                        ["contextName": "remoteAddress", "operator": "IN_CIDR", "values": ["10.0.0.0/33"]],
                    ],
                ],
                ["name": "default", "segments": [404]],
            ]
            let body: [String: Any] = [
                "version": 1,
                "features": [
                    ["name": "fine", "enabled": true, "strategies": [["name": "default"]]],
                    ["name": "broken", "enabled": true, "strategies": strategies],
                ],
            ]
            let reply = try await fixture.call(.post, "/v1/flags/import", token: admin, json: body)
            #expect(reply.status == .ok, "\(reply.json)")
            #expect(reply.json["created"] as? [String] == ["fine", "broken"])
            let warnings = reply.json["warnings"] as? [[String: Any]] ?? []
            #expect(
                warnings.compactMap { $0["pointer"] as? String } == [
                    "/features/1/strategies/0/constraints/0/operator", "/features/1/strategies/1/name",
                    "/features/1/strategies/2/constraints/0/value", "/features/1/strategies/2/constraints/1/value",
                    "/features/1/strategies/2/constraints/2/values/0", "/features/1/strategies/3/segments/0",
                ])
            let context: [String: Any] = [
                "userId": "u1", "remoteAddress": "10.0.0.1", "properties": ["plan": "free", "version": "0.1.0"],
            ]
            let results = try await Self.evaluate(fixture, token: admin, context: context)
            #expect(results["fine"]?["enabled"] as? Bool == true)
            #expect(results["broken"]?["enabled"] as? Bool == false)
            // Export gives the flag back as written.
            let exported = try await fixture.call(.get, "/v1/flags/export", token: admin)
            let features = exported.json["features"] as? [[String: Any]] ?? []
            let written = features.first { $0["name"] as? String == "broken" }?["strategies"] as? [Any]
            #expect(written.map { NSArray(array: $0).isEqual(to: strategies) } == true, "\(String(describing: written))")
            // Storing one flag stays strict: the same definition is refused, naming each part.
            let put = try await fixture.call(
                .put, "/v1/flags/broken", token: admin, json: ["definition": ["name": "broken", "enabled": true, "strategies": strategies]])
            #expect(put.status == .unprocessableContent && put.problemType == "validation-failed")
            #expect((put.json["errors"] as? [[String: Any]])?.count == warnings.count)
            // Anything else wrong still refuses the whole import.
            let refused = try await fixture.call(
                .post, "/v1/flags/import", token: admin,
                json: ["features": [["name": "other", "enabled": true], ["name": "export", "enabled": true]]])
            #expect(refused.status == .unprocessableContent && refused.problemType == "validation-failed")
            #expect((refused.json["errors"] as? [[String: Any]])?.compactMap { $0["pointer"] as? String } == ["/features/1/name"])
            let list = try await fixture.call(.get, "/v1/flags", token: admin)
            #expect((list.json["items"] as? [[String: Any]])?.count == 2)
        }
    }

    @Test("bad percentages, weights, networks and versions get a 422 per field")
    func validation() async throws {
        try await AccessFixture.run(.sqlite) { fixture in
            let admin = fixture[.admin].accessToken
            let definition: [String: Any] = [
                "name": "checkout", "enabled": true,
                "strategies": [
                    ["name": "flexibleRollout", "parameters": ["rollout": "130", "stickiness": "userId", "groupId": "g"]],
                    ["name": "remoteAddress", "parameters": ["IPs": "10.0.0.0/33"]],
                    [
                        "name": "default",
                        "constraints": [
                            ["contextName": "version", "operator": "SEMVER_GT", "value": "v1"],
                            ["contextName": "remoteAddress", "operator": "IN_CIDR", "values": ["10.1.0.0/16", "nope"]],
                        ],
                    ],
                ],
                "variants": [
                    ["name": "a", "weight": 700, "weightType": "fix"],
                    ["name": "b", "weight": 500, "weightType": "fix"],
                ],
            ]
            let reply = try await fixture.call(.post, "/v1/flags", token: admin, json: ["definition": definition])
            #expect(reply.status == .unprocessableContent && reply.problemType == "validation-failed")
            let pointers = Set((reply.json["errors"] as? [[String: Any]])?.compactMap { $0["pointer"] as? String } ?? [])
            #expect(
                pointers == [
                    "/definition/strategies/0/parameters/rollout", "/definition/strategies/1/parameters/IPs",
                    "/definition/strategies/2/constraints/0/value", "/definition/strategies/2/constraints/1/values/1",
                    "/definition/variants",
                ])
            // Variable weights share what fixed ones leave.
            let shared: [String: Any] = [
                "name": "checkout", "enabled": true,
                "variants": [
                    ["name": "a", "weight": 400, "weightType": "fix"], ["name": "b", "weight": 0, "weightType": "variable"],
                    ["name": "c", "weight": 0, "weightType": "variable"],
                ],
            ]
            let created = try await fixture.call(.post, "/v1/flags", token: admin, json: ["definition": shared])
            #expect(created.status == .created, "\(created.json)")
            let weights = ((created.json["definition"] as? [String: Any])?["variants"] as? [[String: Any]])?.compactMap {
                $0["weight"] as? Int
            }
            #expect(weights == [400, 300, 300])
            let again = try await fixture.call(.post, "/v1/flags", token: admin, json: ["definition": shared])
            #expect(again.status == .conflict && again.problemType == "flag-name-taken")
            let stale = try await fixture.call(
                .put, "/v1/flags/checkout", token: admin, json: ["definition": ["name": "checkout", "enabled": false], "version": 7])
            #expect(stale.status == .conflict && stale.problemType == "flag-version-conflict")
        }
    }

    @Test("environment fallbacks define flags the database lacks, and a stored flag replaces them", arguments: TestDatabases.dialects)
    func fallbacks(dialect: SQLDialect) async throws {
        try await TestDatabases.withDatabase(dialect) { database in
            let workspace = try await Self.workspace(in: database)
            let flags = Flags(
                database: database, defaults: BuiltInFlags.defaults,
                environment: ["BULLETIN_FLAG_NEW_SEARCH": "30", "BULLETIN_FLAG_IMMEDIATE_REPORTS": "off"],
                logger: TestDatabases.logger)
            var enabled = 0
            for user in 0..<2000
            where try await flags.isEnabled("new-search", workspaceID: workspace, context: FlagContext(userId: "u\(user)")) {
                enabled += 1
            }
            #expect((500...700).contains(enabled))
            #expect(try await !flags.isEnabled("immediate-reports", workspaceID: workspace, context: FlagContext()))
            let audit = AuditScope(
                workspaceID: workspace,
                context: AuditContext(actorType: "system", actorID: nil, requestID: nil, ip: nil, userAgent: nil))
            _ = try await FlagRepository(database: database).create(
                FlagDefinition(name: "immediate-reports", enabled: true), staleAfter: nil, audit: audit, now: Date())
            flags.invalidate(workspaceID: workspace)
            #expect(try await flags.isEnabled("immediate-reports", workspaceID: workspace, context: FlagContext()))
        }
        #expect(FlagFallback.problem(in: "sometimes") != nil)
        #expect(throws: ConfigurationError.self) {
            try BulletinConfiguration.load(flags: [:], environment: ["BULLETIN_FLAG_X": "150"])
        }
    }
}
