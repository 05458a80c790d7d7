import BulletinCore
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import BulletinServer

/// Forms through the API, as the acceptance check calls it: create, refuse a cycle, publish,
/// answer (with pointers on problems, hidden answers dropped), list as JSON and CSV; editors
/// write, viewers answer, another workspace sees nothing.
@Suite("Forms API")
struct FormsAPITests {
    static var definition: [String: Any] {
        [
            "pages": [
                [
                    "title": "Vehicle",
                    "elements": [
                        ["type": "select", "key": "kind", "label": "Kind", "required": true, "options": ["car", "van", "bike"]],
                        [
                            "type": "text", "key": "plate", "label": "Plate", "pattern": "^[A-Z0-9-]{2,10}$",
                            "requiredIf": ["!=": [["var": "kind"], "bike"]],
                        ],
                        ["type": "toggle", "key": "commercial", "label": "Commercial use"],
                        [
                            "type": "panel", "label": "Load", "visibleIf": ["==": [["var": "kind"], "van"]],
                            "elements": [
                                ["type": "number", "key": "payload", "label": "Payload (kg)", "required": true, "min": 0, "max": 3_500]
                            ],
                        ],
                        [
                            "type": "text", "key": "permit", "label": "Permit", "enabledIf": ["var": "commercial"],
                            "default": "none",
                        ],
                    ],
                ]
            ]
        ]
    }

    @Test("a form is created, published, answered and exported", arguments: TestDatabases.dialects)
    func lifecycle(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            let (editor, viewer) = (fixture[.editor].accessToken, fixture[.viewer].accessToken)
            let refused = try await fixture.call(
                .post, "/v1/forms", token: viewer, json: ["name": "Intake", "definition": Self.definition])
            #expect(refused.status == .forbidden)
            let created = try await fixture.call(
                .post, "/v1/forms", token: editor, json: ["name": "Intake", "definition": Self.definition])
            #expect(created.status == .created, "\(created.json)")
            let formID = try #require(created.json["id"] as? String)
            #expect(created.json["revision"] as? Int == 1 && created.json["publishedVersion"] == nil)

            let early = try await fixture.call(.post, "/v1/forms/\(formID)/submissions", token: viewer, json: ["answers": ["kind": "car"]])
            #expect(early.status == .conflict && early.problemType == "form-not-published")

            let published = try await fixture.call(.post, "/v1/forms/\(formID)/publish", token: editor)
            #expect(published.status == .ok, "\(published.json)")
            #expect((published.json["version"] as? [String: Any])?["version"] as? Int == 1)
            #expect(
                (published.json["changes"] as? [String: Any])?["added"] as? [String] == [
                    "kind", "plate", "commercial", "payload", "permit",
                ])
            let again = try await fixture.call(.post, "/v1/forms/\(formID)/publish", token: editor)
            #expect(again.json["isNew"] as? Bool == false)

            // A van needs a plate and a payload; the plate must match its pattern.
            let invalid = try await fixture.call(
                .post, "/v1/forms/\(formID)/submissions", token: viewer, json: ["answers": ["kind": "van", "plate": "no plate!"]])
            #expect(invalid.status == .unprocessableContent && invalid.headers[.contentType] == "application/problem+json")
            let pointers = Set((invalid.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["pointer"] as? String })
            #expect(pointers == ["/answers/plate", "/answers/payload"], "\(invalid.json)")
            let missing = try await fixture.call(
                .post, "/v1/forms/\(formID)/submissions", token: viewer, json: ["answers": ["kind": "car"]])
            #expect(missing.status == .unprocessableContent)
            #expect((missing.json["errors"] as? [[String: Any]])?.first?["pointer"] as? String == "/answers/plate")
            let unknown = try await fixture.call(
                .post, "/v1/forms/\(formID)/submissions", token: viewer, json: ["answers": ["kind": "bike", "colour": "red"]])
            #expect((unknown.json["errors"] as? [[String: Any]])?.first?["pointer"] as? String == "/answers/colour")

            // A car's payload is hidden: dropped, not refused. The permit is disabled: its default is kept.
            let car = try await fixture.call(
                .post, "/v1/forms/\(formID)/submissions", token: viewer,
                json: ["answers": ["kind": "car", "plate": "AB-123", "payload": 900, "permit": "P-1"]])
            #expect(car.status == .created, "\(car.json)")
            let answers = try #require(car.json["answers"] as? [String: Any])
            #expect(answers["payload"] == nil && answers["permit"] as? String == "none" && answers["plate"] as? String == "AB-123")
            #expect(car.json["version"] as? Int == 1)
            let van = try await fixture.call(
                .post, "/v1/forms/\(formID)/submissions", token: fixture[.editor].accessToken,
                json: ["answers": ["kind": "van", "plate": "=SUM(A1)", "payload": 1_200, "commercial": true, "permit": "P, \"2\""]])
            #expect(van.status == .unprocessableContent, "a plate that breaks the pattern is refused")
            let fixed = try await fixture.call(
                .post, "/v1/forms/\(formID)/submissions", token: fixture[.editor].accessToken,
                json: ["answers": ["kind": "van", "plate": "VAN-1", "payload": 1_200, "commercial": true, "permit": "=P, \"2\""]])
            #expect(fixed.status == .created, "\(fixed.json)")

            let listed = try await fixture.call(.get, "/v1/forms/\(formID)/submissions?limit=1", token: viewer)
            #expect((listed.json["items"] as? [[String: Any]])?.count == 1)
            let cursor = try #require(listed.json["nextCursor"] as? String)
            let rest = try await fixture.call(.get, "/v1/forms/\(formID)/submissions?cursor=\(cursor)", token: viewer)
            let pages = ((listed.json["items"] as? [[String: Any]] ?? []) + (rest.json["items"] as? [[String: Any]] ?? []))
            #expect(Set(pages.compactMap { $0["id"] as? String }) == Set([car.json["id"], fixed.json["id"]].compactMap { $0 as? String }))
            #expect(rest.json["nextCursor"] is NSNull)

            let csv = try await fixture.call(.get, "/v1/forms/\(formID)/submissions?format=csv", token: viewer)
            #expect(csv.status == .ok && csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let lines = csv.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.first == "id,submitted_at,version,respondent,kind,plate,commercial,payload,permit")
            #expect(lines.count == 3)
            let vanLine = lines.first { $0.contains("VAN-1") } ?? ""
            #expect(vanLine.hasSuffix(",van,VAN-1,yes,1200,\"'=P, \"\"2\"\"\""), "\(vanLine)")

            // Another workspace sees nothing.
            let outside = try await fixture.call(.get, "/v1/forms/\(formID)/submissions", token: fixture.outsider.accessToken)
            #expect(outside.status == .notFound)
        }
    }

    @Test("definitions with problems are refused, each named by its pointer", arguments: TestDatabases.dialects)
    func refusedDefinitions(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            let editor = fixture[.editor].accessToken
            let cycle: [String: Any] = [
                "pages": [
                    [
                        "title": "Loop",
                        "elements": [
                            ["type": "text", "key": "a", "label": "A", "visibleIf": ["var": "b"]],
                            ["type": "text", "key": "b", "label": "B", "requiredIf": ["var": "a"]],
                            ["type": "text", "key": "a", "label": "Again"],
                            ["type": "text", "key": "c", "label": "C", "visibleIf": ["var": "nowhere"]],
                        ],
                    ]
                ]
            ]
            let refused = try await fixture.call(.post, "/v1/forms", token: editor, json: ["name": "Loop", "definition": cycle])
            #expect(refused.status == .unprocessableContent)
            let errors = refused.json["errors"] as? [[String: Any]] ?? []
            let pointers = Set(errors.compactMap { $0["pointer"] as? String })
            #expect(pointers.contains("/definition/pages/0/elements/2/key"), "duplicate key: \(errors)")
            #expect(pointers.contains("/definition/pages/0/elements/3/visibleIf"), "unknown field: \(errors)")

            let onlyCycle: [String: Any] = [
                "pages": [
                    [
                        "title": "Loop",
                        "elements": [
                            ["type": "text", "key": "a", "label": "A", "visibleIf": ["var": "b"]],
                            ["type": "text", "key": "b", "label": "B", "requiredIf": ["var": "a"]],
                        ],
                    ]
                ]
            ]
            let loop = try await fixture.call(.post, "/v1/forms", token: editor, json: ["name": "Loop", "definition": onlyCycle])
            #expect(loop.status == .unprocessableContent)
            let messages = (loop.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
            #expect(messages.count == 2 && messages.allSatisfy { $0.contains("cycle") }, "\(messages)")

            // An update names the revision it read.
            let created = try await fixture.call(.post, "/v1/forms", token: editor, json: ["name": "Ok", "definition": Self.definition])
            let formID = try #require(created.json["id"] as? String)
            let updated = try await fixture.call(
                .put, "/v1/forms/\(formID)", token: editor, json: ["name": "Ok 2", "definition": Self.definition, "revision": 1])
            #expect(updated.status == .ok && updated.json["revision"] as? Int == 2)
            let stale = try await fixture.call(
                .put, "/v1/forms/\(formID)", token: editor, json: ["name": "Ok 3", "definition": Self.definition, "revision": 1])
            #expect(stale.status == .conflict && stale.problemType == "form-revision-conflict")
            let deleted = try await fixture.call(.delete, "/v1/forms/\(formID)", token: editor)
            #expect(deleted.status == .noContent)
            #expect(try await fixture.call(.get, "/v1/forms/\(formID)", token: editor).status == .notFound)
        }
    }
}
