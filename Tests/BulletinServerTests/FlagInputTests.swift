import BulletinCore
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import BulletinServer

/// What the flag endpoints make of inputs as clients send them: JavaScript's dates, and the
/// edges of the import and evaluation bodies.
@Suite("Feature flags API: inputs")
struct FlagInputTests {
    /// The pointers of a problem's `errors`.
    static func pointers(_ reply: Reply) -> [String] {
        (reply.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["pointer"] as? String }
    }

    @Test("dates with fractional seconds are accepted in bodies and queries; a date that is none is named by its field")
    func fractionalDates() async throws {
        try await AccessFixture.run(.sqlite) { fixture in
            let admin = fixture[.admin].accessToken
            let launch: [String: Any] = [
                "name": "launch", "enabled": true,
                "strategies": [
                    [
                        "name": "default",
                        "constraints": [
                            ["contextName": "currentTime", "operator": "DATE_AFTER", "value": "2025-05-15T12:00:00.000Z"]
                        ],
                    ]
                ],
            ]
            let created = try await fixture.call(
                .post, "/v1/flags", token: admin, json: ["definition": launch, "staleAfter": "2026-01-01T00:00:00.000Z"])
            #expect(created.status == .created, "\(created.json)")
            #expect(created.json["staleAfter"] as? String == "2026-01-01T00:00:00Z")
            for (time, enabled) in [
                ("2025-05-15T13:00:00.000Z", true), ("2025-05-15T11:59:59.999Z", false), ("2025-05-15T14:00:00.5+02:00", true),
            ] {
                let results = try await FlagsAPITests.evaluate(fixture, token: admin, context: ["currentTime": time], flags: ["launch"])
                #expect(results["launch"]?["enabled"] as? Bool == enabled, "\(time)")
            }
            for wrong in ["yesterday", "2025-05-15T25:00:00Z", 42] as [Any] {
                let reply = try await fixture.call(.post, "/v1/flags/evaluate", token: admin, json: ["context": ["currentTime": wrong]])
                #expect(reply.status == .unprocessableContent, "\(wrong): \(reply.json)")
                #expect(reply.problemType == "validation-failed")
                #expect(Self.pointers(reply) == ["/context/currentTime"], "\(wrong)")
            }
            let stale = try await fixture.call(
                .put, "/v1/flags/launch", token: admin, json: ["definition": launch, "staleAfter": "soon"])
            #expect(
                stale.status == .unprocessableContent && stale.problemType == "validation-failed"
                    && Self.pointers(stale) == ["/staleAfter"], "\(stale.json)")
            // Query parameters read the same dates; `+` is sent encoded, as in any query.
            for since in ["2025-05-15T13:00:00.000Z", "2025-05-15T15:00:00.123%2B02:00"] {
                let audit = try await fixture.call(.get, "/v1/audit?since=\(since)", token: admin)
                #expect(audit.status == .ok, "\(since): \(audit.json)")
            }
            let audit = try await fixture.call(.get, "/v1/audit?limit=5&until=2025-05-15T13:00:00Z&since=last%20week", token: admin)
            #expect(audit.status == .badRequest && audit.problemType == "bad-request", "\(audit.json)")
            #expect(Self.pointers(audit) == ["#/query/since"])
        }
    }

    /// Bodies at the edges of `POST /v1/flags/import`, with the status and pointers they get.
    static var importEdges: [(body: Any, status: HTTPResponse.Status, pointers: [String])] {
        [
            (["features": []], .ok, []),
            (["version": 2, "features": [], "segments": []], .ok, []),
            ([:], .unprocessableContent, ["/features"]),
            (["features": NSNull()], .unprocessableContent, ["/features"]),
            (["features": "all"], .unprocessableContent, ["/features"]),
            (["features": [NSNull()]], .unprocessableContent, ["/features/0"]),
            (["features": [["name": "x"]]], .unprocessableContent, ["/features/0/enabled"]),
            (["version": "one", "features": []], .unprocessableContent, ["/version"]),
            // Foundation's decoder reports a number too large for its field without the field, as
            // it reports JSON that does not parse: a 400 malformed-json.
            (["features": [["name": "x", "enabled": true, "variants": [["name": "a", "weight": 1e20]]]]], .badRequest, []),
            (
                ["features": [["name": "x", "enabled": true, "variants": [["name": "a", "weight": 1_000_000_000_000]]]]],
                .unprocessableContent, ["/features/0/variants/0/weight"]
            ),
            (["features": [], "segments": [["id": 4_000_000_000, "constraints": []]]], .unprocessableContent, ["/segments/0/id"]),
            (["features": [], "segments": [["id": -1, "constraints": []]]], .unprocessableContent, ["/segments/0/id"]),
            (["features": [], "segments": [["id": 1]]], .unprocessableContent, ["/segments/0/constraints"]),
            (["features": [["name": "x", "enabled": true, "strategies": [["name": "default", "segments": [1e30]]]]]], .badRequest, []),
            (
                [
                    "features": [
                        [
                            "name": "x", "enabled": true,
                            "strategies": [
                                [
                                    "name": "default",
                                    "constraints": [
                                        ["contextName": "a", "operator": "IN", "values": [NSNull()]]
                                    ],
                                ]
                            ],
                        ]
                    ]
                ], .unprocessableContent, ["/features/0/strategies/0/constraints/0/values/0"]
            ),
            (
                ["features": [["name": String(repeating: "n", count: 10_000), "enabled": true]]], .unprocessableContent,
                ["/features/0/name"]
            ),
            (["features": [["name": "evaluate", "enabled": true]]], .unprocessableContent, ["/features/0/name"]),
            // A JSON payload nested deeper than any parser goes, inside a string the body's depth check does not see.
            (
                [
                    "features": [
                        [
                            "name": "x", "enabled": true,
                            "variants": [
                                [
                                    "name": "a", "weight": 1000,
                                    "payload": ["type": "json", "value": String(repeating: "[", count: 100_000)],
                                ]
                            ],
                        ]
                    ]
                ], .unprocessableContent, ["/features/0/variants/0/payload"]
            ),
            ([["features": []]], .unprocessableContent, [""]),
        ]
    }

    @Test("import bodies at the edges get a 200 or a 4xx naming the field, never a 500", arguments: TestDatabases.dialects)
    func importEdgeCases(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            let admin = fixture[.admin].accessToken
            for (body, status, pointers) in Self.importEdges {
                let reply = try await fixture.call(.post, "/v1/flags/import", token: admin, json: body)
                #expect(reply.status == status, "\(body): \(reply.json)")
                #expect(Self.pointers(reply) == pointers, "\(body)")
                if status == .ok {
                    #expect(reply.json["created"] as? [String] == [] && reply.json["warnings"] as? [Any] != nil)
                }
            }
            let list = try await fixture.call(.get, "/v1/flags", token: admin)
            #expect((list.json["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("evaluation bodies at the edges get a 200 or a 422 naming the field, never a 500")
    func evaluateEdgeCases() async throws {
        try await AccessFixture.run(.sqlite) { fixture in
            let viewer = fixture[.viewer].accessToken
            let edges: [(body: Any, status: HTTPResponse.Status, pointers: [String])] = [
                (["context": [:]], .ok, []),
                (["context": ["currentTime": NSNull(), "userId": NSNull()]], .ok, []),
                (["context": [:], "flags": []], .ok, []),
                (
                    ["context": ["userId": String(repeating: "u", count: 100_000)], "flags": [String(repeating: "f", count: 100_000)]], .ok,
                    []
                ),
                ([:], .unprocessableContent, ["/context"]),
                (["context": NSNull()], .unprocessableContent, ["/context"]),
                (["context": "me"], .unprocessableContent, ["/context"]),
                (["context": ["properties": ["plan": 1]]], .unprocessableContent, ["/context/properties/plan"]),
                (["context": ["userId": ["u1"]]], .unprocessableContent, ["/context/userId"]),
                (["context": [:], "flags": [1]], .unprocessableContent, ["/flags/0"]),
                (["context": [:], "flags": "all"], .unprocessableContent, ["/flags"]),
            ]
            for (body, status, pointers) in edges {
                let reply = try await fixture.call(.post, "/v1/flags/evaluate", token: viewer, json: body)
                #expect(reply.status == status, "\(body): \(reply.json)")
                #expect(Self.pointers(reply) == pointers, "\(body)")
            }
        }
    }
}
