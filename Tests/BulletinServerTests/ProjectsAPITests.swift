import BulletinCore
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import BulletinServer

@Suite("Projects API")
struct ProjectsAPITests {
    /// A valid project body: a subject and two peers.
    static func body(name: String = "Note apps", peers: [String] = ["Bear", "Obsidian"]) -> [String: Any] {
        [
            "name": name, "description": "Which note app to recommend", "tags": ["Notes", "notes", " Apps "],
            "subject": ["name": "Inkwell", "website": "https://inkwell.example/", "attributes": ["price": 8, "sync": true]],
            "peers": peers.map { ["name": $0, "attributes": ["price": 10, "region": "EU"]] as [String: Any] },
        ]
    }

    @Test("editors create, replace and delete projects; viewers read them", arguments: TestDatabases.dialects)
    func lifecycle(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            let editor = fixture[.editor].accessToken
            let viewer = fixture[.viewer].accessToken
            let created = try await fixture.call(.post, "/v1/projects", token: editor, json: Self.body())
            #expect(created.status == .created, "\(created.json)")
            let id = try #require(created.json["id"] as? String)
            #expect(created.json["version"] as? Int == 1)
            #expect(created.json["tags"] as? [String] == ["notes", "apps"])
            #expect(created.json["topic"] as? String == "project:\(id)")
            let subject = try #require(created.json["subject"] as? [String: Any])
            let attributes = try #require(subject["attributes"] as? [String: Any])
            #expect(attributes["price"] as? Double == 8 && attributes["sync"] as? Bool == true)
            #expect(created.json["createdBy"] as? String == fixture[.editor].id)

            let read = try await fixture.call(.get, "/v1/projects/\(id)", token: viewer)
            #expect(read.status == .ok && read.json["name"] as? String == "Note apps")
            let viewerCreate = try await fixture.call(.post, "/v1/projects", token: viewer, json: Self.body())
            #expect(viewerCreate.status == .forbidden && viewerCreate.problemType == "forbidden")

            var changed = Self.body(name: "Note apps 2027", peers: ["Bear", "Obsidian", "Notion"])
            changed["version"] = 1
            let replaced = try await fixture.call(.put, "/v1/projects/\(id)", token: editor, json: changed)
            #expect(replaced.status == .ok && replaced.json["version"] as? Int == 2)
            #expect((replaced.json["peers"] as? [[String: Any]])?.count == 3)
            let stale = try await fixture.call(.put, "/v1/projects/\(id)", token: editor, json: changed)
            #expect(stale.status == .conflict && stale.problemType == "project-version-conflict")

            #expect(try await fixture.call(.delete, "/v1/projects/\(id)", token: editor).status == .noContent)
            let deletedRead = try await fixture.call(.get, "/v1/projects/\(id)", token: viewer)
            #expect(deletedRead.status == .notFound && deletedRead.problemType == "not-found")
            let deletedAgain = try await fixture.call(.delete, "/v1/projects/\(id)", token: editor)
            #expect(deletedAgain.status == .notFound && deletedAgain.problemType == "not-found")

            // Each change is announced on the project's topic, in order.
            let events = try await EventLog(database: fixture.database).events(after: 0, topics: ["project:\(id)"], limit: 10)
            #expect(events.map(\.type).filter { $0.hasPrefix("project.") } == ["project.created", "project.updated", "project.deleted"])
        }
    }

    @Test("every broken rule is reported at its JSON pointer")
    func validation() async throws {
        try await AccessFixture.run(.sqlite) { fixture in
            let body: [String: Any] = [
                "name": " ", "tags": Array(repeating: "t", count: 3) + [String(repeating: "x", count: 41)],
                "subject": [
                    "name": "Inkwell", "website": "ftp://inkwell.example", "attributes": ["note": String(repeating: "n", count: 501)],
                ],
                "peers": [["name": "inkwell"]],
            ]
            let reply = try await fixture.call(.post, "/v1/projects", token: fixture[.editor].accessToken, json: body)
            #expect(reply.status == .unprocessableContent)
            #expect(reply.problemType == "validation-failed")
            let pointers = Set((reply.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["pointer"] as? String })
            // A pointer names the tag where it was sent, duplicates included.
            #expect(
                pointers == [
                    "/name", "/tags/3", "/subject/website", "/subject/attributes/note", "/peers", "/peers/0/name",
                ])
            // The wrong JSON type for an attribute is refused as well.
            var wrongType = Self.body()
            wrongType["subject"] = ["name": "Inkwell", "attributes": ["price": ["nested": 1]]]
            let refused = try await fixture.call(.post, "/v1/projects", token: fixture[.editor].accessToken, json: wrongType)
            #expect(refused.status == .unprocessableContent && refused.problemType == "validation-failed")
        }
    }

    /// The document's schema counts tags as sent and characters as code points, and a
    /// website is a URI as sent: the server keeps the same rules.
    @Test("the rules are those of the document's schema: tags as sent, code points, a website as sent")
    func documentRules() async throws {
        try await AccessFixture.run(.sqlite) { fixture in
            let editor = fixture[.editor].accessToken
            func pointers(_ change: (inout [String: Any]) -> Void) async throws -> [String] {
                var body = Self.body()
                change(&body)
                let reply = try await fixture.call(.post, "/v1/projects/validation", token: editor, json: body)
                return (reply.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["pointer"] as? String }
            }
            let duplicates = try await pointers { $0["tags"] = Array(repeating: "same", count: 21) }
            #expect(duplicates == ["/tags"])
            let twenty = try await pointers { $0["tags"] = Array(repeating: "same", count: 20) }
            #expect(twenty == [])
            for website in ["", " ", " https://inkwell.example/"] {
                let refused = try await pointers { $0["subject"] = ["name": "Inkwell", "website": website] }
                #expect(refused == ["/subject/website"], "\(website)")
            }
            // 200 code points (100 characters on screen) is the longest name.
            let longest = try await pointers { $0["name"] = String(repeating: "e\u{301}", count: 100) }
            #expect(longest == [])
            let tooLong = try await pointers { $0["name"] = String(repeating: "e\u{301}", count: 100) + "x" }
            #expect(tooLong == ["/name"])
        }
    }

    @Test("a draft is checked by the creation's rules without creating anything")
    func checkingADraft() async throws {
        try await AccessFixture.run(.sqlite) { fixture in
            let editor = fixture[.editor].accessToken
            let valid = try await fixture.call(.post, "/v1/projects/validation", token: editor, json: Self.body(name: "  Note apps "))
            #expect(valid.status == .ok)
            #expect(valid.json["name"] as? String == "Note apps")
            #expect(valid.json["tags"] as? [String] == ["notes", "apps"])
            #expect((valid.json["peers"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["Bear", "Obsidian"])

            // A half-filled wizard: what is missing is named at its pointer.
            let partial: [String: Any] = ["name": "Notes", "subject": ["name": ""], "peers": [["name": "Bear", "website": "bear"]]]
            let invalid = try await fixture.call(.post, "/v1/projects/validation", token: editor, json: partial)
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.problemType == "validation-failed")
            let pointers = Set((invalid.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["pointer"] as? String })
            #expect(pointers == ["/subject/name", "/peers", "/peers/0/website"])

            #expect(
                try await fixture.call(.post, "/v1/projects/validation", token: fixture[.viewer].accessToken, json: Self.body()).status
                    == .forbidden)
            #expect((try await fixture.call(.get, "/v1/projects", token: editor).json["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("the list pages newest first and filters by search and tag; other workspaces' projects stay hidden")
    func list() async throws {
        try await AccessFixture.run(.sqlite) { fixture in
            let editor = fixture[.editor].accessToken
            var ids: [String] = []
            for index in 0..<5 {
                var body = Self.body(name: "Project \(index)")
                if index == 3 { body["tags"] = ["special_50%"] }
                let created = try await fixture.call(.post, "/v1/projects", token: editor, json: body)
                ids.append(try #require(created.json["id"] as? String))
                fixture.clock.advance(by: 1)
            }
            let first = try await fixture.call(.get, "/v1/projects?limit=2", token: fixture[.viewer].accessToken)
            #expect((first.json["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [ids[4], ids[3]])
            let cursor = try #require(first.json["nextCursor"] as? String)
            let rest = try await fixture.call(.get, "/v1/projects?limit=10&cursor=\(cursor)", token: fixture[.viewer].accessToken)
            #expect((rest.json["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [ids[2], ids[1], ids[0]])
            #expect(rest.json["nextCursor"] is NSNull, "the last page says so with null")

            let searched = try await fixture.call(.get, "/v1/projects?q=PROJECT%202", token: editor)
            #expect((searched.json["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [ids[2]])
            let byPeer = try await fixture.call(.get, "/v1/projects?q=obsid", token: editor)
            #expect((byPeer.json["items"] as? [[String: Any]])?.count == 5)
            // LIKE's wildcards in a search or tag match only themselves.
            #expect((try await fixture.call(.get, "/v1/projects?q=50%25", token: editor).json["items"] as? [[String: Any]])?.count == 1)
            #expect((try await fixture.call(.get, "/v1/projects?q=%25%25", token: editor).json["items"] as? [Any])?.isEmpty == true)
            #expect((try await fixture.call(.get, "/v1/projects?q=l%2550", token: editor).json["items"] as? [Any])?.isEmpty == true)
            let tagged = try await fixture.call(.get, "/v1/projects?tag=special_50%25", token: editor)
            #expect((tagged.json["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [ids[3]])
            #expect((try await fixture.call(.get, "/v1/projects?tag=special", token: editor).json["items"] as? [Any])?.isEmpty == true)

            let outsider = fixture.outsider.accessToken
            #expect((try await fixture.call(.get, "/v1/projects", token: outsider).json["items"] as? [Any])?.isEmpty == true)
            let foreignRead = try await fixture.call(.get, "/v1/projects/\(ids[0])", token: outsider)
            #expect(foreignRead.status == .notFound && foreignRead.problemType == "not-found")
            let foreignDelete = try await fixture.call(.delete, "/v1/projects/\(ids[0])", token: outsider)
            #expect(foreignDelete.status == .notFound && foreignDelete.problemType == "not-found")
        }
    }
}
