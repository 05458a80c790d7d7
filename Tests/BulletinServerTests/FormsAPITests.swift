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

/// Public links and saved progress: a link answers without signing in until it is revoked,
/// expires or is full; progress saves shapes only and is cleared by the submission.
@Suite("Forms API: public links and progress")
struct FormLinksAPITests {
    @Test("a public link takes answers until it is full, expired or revoked", arguments: TestDatabases.dialects)
    func publicLinks(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            let editor = fixture[.editor].accessToken
            let created = try await fixture.call(
                .post, "/v1/forms", token: editor, json: ["name": "Survey", "definition": FormsAPITests.definition])
            let formID = try #require(created.json["id"] as? String)
            let early = try await fixture.call(
                .post, "/v1/forms/\(formID)/links", token: editor, json: ["name": "Shop", "maxResponses": 2])
            let earlyToken = try #require(early.json["token"] as? String)
            let unpublished = try await fixture.call(.get, "/v1/public/form", headers: [HTTPField.Name("X-Form-Token")!: earlyToken])
            #expect(unpublished.status == .conflict && unpublished.problemType == "form-not-published")
            _ = try await fixture.call(.post, "/v1/forms/\(formID)/publish", token: editor)
            #expect((early.json["link"] as? [String: Any])?["state"] as? String == "open")
            #expect(early.json["url"] as? String == "/respond#\(earlyToken)")

            let header = HTTPField.Name("X-Form-Token")!
            let resumeHeader = HTTPField.Name("X-Resume-Token")!
            let form = try await fixture.call(.get, "/v1/public/form", headers: [header: earlyToken])
            #expect(form.status == .ok && form.json["name"] as? String == "Survey" && form.json["version"] as? Int == 1)
            let unknown = try await fixture.call(.get, "/v1/public/form", headers: [header: "not-a-token"])
            #expect(unknown.status == .unauthorized)

            // Progress: shapes are checked, completeness is not; the submission clears it.
            let badSave = try await fixture.call(
                .put, "/v1/public/form/progress", json: ["answers": ["kind": "plane"]], headers: [header: earlyToken])
            #expect(badSave.status == .unprocessableContent)
            #expect((badSave.json["errors"] as? [[String: Any]])?.first?["pointer"] as? String == "/answers/kind")
            let saved = try await fixture.call(
                .put, "/v1/public/form/progress", json: ["answers": ["kind": "van"]], headers: [header: earlyToken])
            #expect(saved.status == .ok, "\(saved.json)")
            let resume = try #require(saved.json["resumeToken"] as? String)
            let loaded = try await fixture.call(.get, "/v1/public/form/progress", headers: [header: earlyToken, resumeHeader: resume])
            #expect((loaded.json["answers"] as? [String: Any])?["kind"] as? String == "van")

            let first = try await fixture.call(
                .post, "/v1/public/form/submissions", json: ["answers": ["kind": "van", "plate": "VAN-2", "payload": 10]],
                headers: [header: earlyToken, resumeHeader: resume])
            #expect(first.status == .created, "\(first.json)")
            let cleared = try await fixture.call(.get, "/v1/public/form/progress", headers: [header: earlyToken, resumeHeader: resume])
            #expect(cleared.status == .notFound)
            let invalid = try await fixture.call(
                .post, "/v1/public/form/submissions", json: ["answers": ["kind": "car"]], headers: [header: earlyToken])
            #expect(invalid.status == .unprocessableContent, "a refused answer does not count")
            let second = try await fixture.call(
                .post, "/v1/public/form/submissions", json: ["answers": ["kind": "bike"]], headers: [header: earlyToken])
            #expect(second.status == .created)
            let third = try await fixture.call(
                .post, "/v1/public/form/submissions", json: ["answers": ["kind": "bike"]], headers: [header: earlyToken])
            #expect(third.status == .gone && third.problemType == "form-link-closed", "\(third.json)")
            let links = try await fixture.call(.get, "/v1/forms/\(formID)/links", token: fixture[.viewer].accessToken)
            let listed = try #require((links.json["items"] as? [[String: Any]])?.first)
            #expect(listed["responses"] as? Int == 2 && listed["state"] as? String == "full" && listed["token"] == nil)
            let submissions = try await fixture.call(.get, "/v1/forms/\(formID)/submissions", token: editor)
            #expect((submissions.json["items"] as? [[String: Any]])?.allSatisfy { $0["respondentId"] == nil } == true)

            // Expiry and revocation.
            let expiring = try await fixture.call(
                .post, "/v1/forms/\(formID)/links", token: editor,
                json: ["name": "Week", "expiresAt": fixture.clock.wallClock.now().addingTimeInterval(60).formatted(.iso8601)])
            let expiringToken = try #require(expiring.json["token"] as? String, "\(expiring.json)")
            #expect(try await fixture.call(.get, "/v1/public/form", headers: [header: expiringToken]).status == .ok)
            fixture.clock.advance(by: 61)
            let expired = try await fixture.call(
                .post, "/v1/public/form/submissions", json: ["answers": ["kind": "bike"]], headers: [header: expiringToken])
            #expect(expired.status == .gone && (expired.json["detail"] as? String)?.contains("expired") == true)
            let open = try await fixture.call(.post, "/v1/forms/\(formID)/links", token: editor, json: ["name": "Open"])
            let openToken = try #require(open.json["token"] as? String)
            let openID = try #require((open.json["link"] as? [String: Any])?["id"] as? String)
            let viewerRevoke = try await fixture.call(.delete, "/v1/forms/\(formID)/links/\(openID)", token: fixture[.viewer].accessToken)
            #expect(viewerRevoke.status == .forbidden)
            #expect(try await fixture.call(.delete, "/v1/forms/\(formID)/links/\(openID)", token: editor).status == .noContent)
            let revoked = try await fixture.call(.get, "/v1/public/form", headers: [header: openToken])
            #expect(revoked.status == .gone && (revoked.json["detail"] as? String)?.contains("revoked") == true)
            let past = try await fixture.call(
                .post, "/v1/forms/\(formID)/links", token: editor,
                json: ["name": "Past", "expiresAt": fixture.clock.wallClock.now().addingTimeInterval(-60).formatted(.iso8601)])
            #expect(past.status == .unprocessableContent)
        }
    }

    @Test("a public link limits how often one address answers", arguments: [SQLDialect.sqlite])
    func publicRateLimit(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            let editor = fixture[.editor].accessToken
            let created = try await fixture.call(
                .post, "/v1/forms", token: editor, json: ["name": "Flood", "definition": FormsAPITests.definition])
            let formID = try #require(created.json["id"] as? String)
            _ = try await fixture.call(.post, "/v1/forms/\(formID)/publish", token: editor)
            let link = try await fixture.call(.post, "/v1/forms/\(formID)/links", token: editor, json: ["name": "Flood"])
            let token = try #require(link.json["token"] as? String)
            var statuses: [Int] = []
            for _ in 0..<22 {
                let reply = try await fixture.call(
                    .post, "/v1/public/form/submissions", json: ["answers": ["kind": "bike"]],
                    headers: [HTTPField.Name("X-Form-Token")!: token])
                statuses.append(reply.status.code)
            }
            #expect(statuses.prefix(20).allSatisfy { $0 == 201 } && statuses.suffix(2).allSatisfy { $0 == 429 }, "\(statuses)")
        }
    }

    @Test("a member's progress is saved, read back and cleared by the submission", arguments: TestDatabases.dialects)
    func memberProgress(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            let editor = fixture[.editor].accessToken
            let viewer = fixture[.viewer].accessToken
            let created = try await fixture.call(
                .post, "/v1/forms", token: editor, json: ["name": "Later", "definition": FormsAPITests.definition])
            let formID = try #require(created.json["id"] as? String)
            _ = try await fixture.call(.post, "/v1/forms/\(formID)/publish", token: editor)
            #expect(try await fixture.call(.get, "/v1/forms/\(formID)/progress", token: viewer).status == .notFound)
            let saved = try await fixture.call(.put, "/v1/forms/\(formID)/progress", token: viewer, json: ["answers": ["kind": "van"]])
            #expect(saved.status == .ok && saved.json["resumeToken"] == nil, "\(saved.json)")
            _ = try await fixture.call(.put, "/v1/forms/\(formID)/progress", token: viewer, json: ["answers": ["kind": "car"]])
            let loaded = try await fixture.call(.get, "/v1/forms/\(formID)/progress", token: viewer)
            #expect((loaded.json["answers"] as? [String: Any])?["kind"] as? String == "car")
            #expect(
                try await fixture.call(.get, "/v1/forms/\(formID)/progress", token: editor).status == .notFound, "progress is one's own")
            let submitted = try await fixture.call(
                .post, "/v1/forms/\(formID)/submissions", token: viewer, json: ["answers": ["kind": "car", "plate": "CAR-1"]])
            #expect(submitted.status == .created)
            #expect(try await fixture.call(.get, "/v1/forms/\(formID)/progress", token: viewer).status == .notFound)
        }
    }
}
