import BulletinApp
import BulletinCore
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import BulletinServer

/// A form feeding a project: the mapping is checked against the form and the workspace, each
/// submission (a member's or through a public link) adds or updates a participant in its
/// transaction and starts a report run within the workspace's limits, and what the project
/// refuses leaves the submission stored with the reason.
@Suite("Form feeds API")
struct FormFeedsAPITests {
    static var definition: [String: Any] {
        [
            "pages": [
                [
                    "title": "Competitor",
                    "elements": [
                        ["type": "text", "key": "company", "label": "Company", "required": true],
                        ["type": "url", "key": "site", "label": "Website"],
                        ["type": "currency", "key": "price", "label": "Monthly price"],
                        ["type": "checkboxes", "key": "channels", "label": "Channels", "options": ["web", "ios", "android"]],
                        ["type": "toggle", "key": "trial", "label": "Free trial"],
                        [
                            "type": "repeat", "key": "contacts", "label": "Contacts",
                            "elements": [["type": "text", "key": "contactName", "label": "Name"]],
                        ],
                    ],
                ]
            ]
        ]
    }

    static func feed(projectID: String) -> [String: Any] {
        [
            "projectId": projectID, "peerField": "company", "websiteField": "site", "runsReport": true,
            "attributes": [
                ["field": "price", "attribute": "price"], ["field": "channels", "attribute": "channels"],
                ["field": "trial", "attribute": " free trial "],
            ],
        ]
    }

    @Test("submissions add and update peers and start the report within the limits", arguments: TestDatabases.dialects)
    func feedsProject(dialect: SQLDialect) async throws {
        try await AccessFixture.run(
            dialect,
            configure: { configuration in
                configuration.runsWorkers = false
                configuration.reportRunLimits = ReportRunLimits(concurrentRuns: 1, runsPerDay: 3)
            }
        ) { fixture in
            let (editor, viewer) = (fixture[.editor].accessToken, fixture[.viewer].accessToken)
            let project = try await fixture.call(.post, "/v1/projects", token: editor, json: ProjectsAPITests.body())
            let projectID = try #require(project.json["id"] as? String)
            let creationRun = try #require((project.json["latestRun"] as? [String: Any])?["id"] as? String)
            #expect(try await fixture.call(.post, "/v1/runs/\(creationRun)/cancel", token: editor).status == .ok)
            let created = try await fixture.call(
                .post, "/v1/forms", token: editor, json: ["name": "Competitors", "definition": Self.definition])
            let formID = try #require(created.json["id"] as? String)
            #expect(try await fixture.call(.post, "/v1/forms/\(formID)/publish", token: editor).status == .ok)
            // Each submission a second after the last, so that the latest run and the order of submissions are clear.
            func submit(_ answers: [String: Any], link: String? = nil) async throws -> Reply {
                fixture.clock.advance(by: 1)
                guard let link else {
                    return try await fixture.call(.post, "/v1/forms/\(formID)/submissions", token: viewer, json: ["answers": answers])
                }
                return try await fixture.call(
                    .post, "/v1/public/form/submissions", json: ["answers": answers], headers: [HTTPField.Name("X-Form-Token")!: link])
            }

            // The mapping is checked against the workspace's projects and the form's fields.
            let wrong = try await fixture.call(
                .put, "/v1/forms/\(formID)/feed", token: editor,
                json: [
                    "projectId": "no-such-project", "peerField": "contactName",
                    "attributes": [
                        ["field": "nope", "attribute": "x"], ["field": "price", "attribute": "Price"],
                        ["field": "trial", "attribute": "price"],
                    ],
                ])
            #expect(wrong.status == .unprocessableContent, "\(wrong.json)")
            #expect(
                wrong.pointers == ["/projectId", "/peerField", "/attributes/0/field", "/attributes/2/attribute"], "\(wrong.json)")
            let forbidden = try await fixture.call(.put, "/v1/forms/\(formID)/feed", token: viewer, json: Self.feed(projectID: projectID))
            #expect(forbidden.status == .forbidden)
            let set = try await fixture.call(.put, "/v1/forms/\(formID)/feed", token: editor, json: Self.feed(projectID: projectID))
            #expect(set.status == .ok, "\(set.json)")
            let feed = try #require(set.json["feed"] as? [String: Any])
            #expect(feed["peerField"] as? String == "company" && feed["runsReport"] as? Bool == true)
            #expect((feed["attributes"] as? [[String: Any]])?.last?["attribute"] as? String == "free trial")
            #expect(set.json["revision"] as? Int == 1, "the draft is not changed")

            // A new name adds a peer and starts a run.
            let added = try await submit([
                "company": "Notion", "site": "https://notion.example/", "price": 12, "channels": ["web", "ios"],
                "trial": true, "contacts": [["contactName": "Ada"]],
            ])
            #expect(added.status == .created, "\(added.json)")
            let addedFeed = try #require(added.json["feed"] as? [String: Any])
            #expect(addedFeed["status"] as? String == "applied" && addedFeed["participant"] as? String == "Notion")
            let runID = try #require(addedFeed["runId"] as? String)
            let fed = try await fixture.call(.get, "/v1/projects/\(projectID)", token: viewer)
            let notion = try #require((fed.json["peers"] as? [[String: Any]])?.first { $0["name"] as? String == "Notion" })
            #expect(notion["website"] as? String == "https://notion.example/")
            let attributes = try #require(notion["attributes"] as? [String: Any])
            #expect(attributes["price"] as? Double == 12 && attributes["channels"] as? String == "web, ios")
            #expect(attributes["free trial"] as? Bool == true)
            #expect((fed.json["latestRun"] as? [String: Any])?["id"] as? String == runID)

            // A known name (ignoring case) updates that peer; the run in progress is the one named.
            let updated = try await submit(["company": "bear", "price": 11])
            let updatedFeed = try #require(updated.json["feed"] as? [String: Any])
            #expect(updatedFeed["participant"] as? String == "Bear" && updatedFeed["runId"] as? String == runID)
            let bear = try await fixture.call(.get, "/v1/projects/\(projectID)", token: viewer)
            let bearPeer = (bear.json["peers"] as? [[String: Any]])?.first { $0["name"] as? String == "Bear" }
            #expect((bearPeer?["attributes"] as? [String: Any])?["price"] as? Double == 11)
            #expect((bearPeer?["attributes"] as? [String: Any])?["region"] as? String == "EU", "unmapped attributes stay")

            // Through a public link too; the third run of the day is the last one allowed.
            #expect(try await fixture.call(.post, "/v1/runs/\(runID)/cancel", token: editor).status == .ok)
            let link = try await fixture.call(.post, "/v1/forms/\(formID)/links", token: editor, json: ["name": "Survey"])
            let token = try #require(link.json["token"] as? String)
            let anonymous = try await submit(["company": "Evernote", "price": 15], link: token)
            #expect(anonymous.status == .created, "\(anonymous.json)")
            let third = try await fixture.call(.get, "/v1/projects/\(projectID)", token: viewer)
            let thirdRun = try #require((third.json["latestRun"] as? [String: Any])?["id"] as? String)
            #expect(thirdRun != runID && (third.json["peers"] as? [Any])?.count == 4)
            #expect(try await fixture.call(.post, "/v1/runs/\(thirdRun)/cancel", token: editor).status == .ok)
            let overLimit = try await submit(["company": "Obsidian", "trial": false])
            let overLimitFeed = try #require(overLimit.json["feed"] as? [String: Any])
            #expect(overLimit.status == .created && overLimitFeed["status"] as? String == "applied" && overLimitFeed["runId"] == nil)
            #expect((overLimitFeed["detail"] as? String)?.contains("daily limit") == true, "\(overLimitFeed)")

            // The same answers again change nothing.
            let same = try await submit(["company": "Obsidian", "trial": false])
            #expect((same.json["feed"] as? [String: Any])?["detail"] as? String == "Obsidian already had these answers in the project.")

            // What the project refuses is said, and the submission is kept.
            let tooLong = try await submit(["company": String(repeating: "n", count: 201)])
            #expect(tooLong.status == .created)
            #expect((tooLong.json["feed"] as? [String: Any])?["status"] as? String == "skipped", "\(tooLong.json)")
            #expect(try await fixture.call(.delete, "/v1/projects/\(projectID)", token: editor).status == .noContent)
            let orphan = try await submit(["company": "Craft"])
            #expect(orphan.status == .created)
            #expect((orphan.json["feed"] as? [String: Any])?["detail"] as? String == "The project this form feeds no longer exists.")
            let listed = try await fixture.call(.get, "/v1/forms/\(formID)/submissions", token: viewer)
            let outcomes = (listed.json["items"] as? [[String: Any]] ?? []).compactMap {
                ($0["feed"] as? [String: Any])?["status"] as? String
            }
            #expect(outcomes == ["applied", "applied", "applied", "applied", "applied", "skipped", "skipped"])

            // Without a feed, submissions only store answers.
            #expect(try await fixture.call(.delete, "/v1/forms/\(formID)/feed", token: editor).status == .noContent)
            let form = try await fixture.call(.get, "/v1/forms/\(formID)", token: viewer)
            #expect(form.json["feed"] == nil)
            let plain = try await submit(["company": "Craft"])
            #expect(plain.status == .created && plain.json["feed"] == nil)
        }
    }
}
