import BulletinApp
import BulletinCore
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import BulletinServer

@Suite("Board API")
struct BoardAPITests {
    /// A valid service body.
    static func service(_ code: String, price: Double = 49.95) -> [String: Any] {
        ["code": code, "name": "Service \(code)", "durationMinutes": 30, "price": price]
    }

    /// A valid appointment body, at 09:00 UTC on 6 December 2026.
    static func appointment(_ codes: [String], start: String = "2026-12-06T09:00:00Z") -> [String: Any] {
        [
            "customer": ["name": "Ana Ruiz"], "vehicle": ["make": "Toyota", "model": "Corolla", "year": 2019, "plate": "1234abc"],
            "serviceCodes": codes, "scheduledStart": start, "location": "shop",
        ]
    }

    @Test("a move needs If-Match; a stale one is a 409 carrying the card as it is", arguments: TestDatabases.dialects)
    func moves(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect, configure: { $0.runsWorkers = false }) { fixture in
            let editor = fixture[.editor].accessToken
            #expect(try await fixture.call(.post, "/v1/services", token: editor, json: Self.service("OIL001")).status == .created)
            let created = try await fixture.call(.post, "/v1/appointments", token: editor, json: Self.appointment(["OIL001"]))
            #expect(created.status == .created, "\(created.json)")
            #expect(created.headers[.eTag] == "\"1\"")
            #expect(created.json["status"] as? String == "scheduled" && created.json["version"] as? Int == 1)
            #expect(created.json["total"] as? Double == 49.95)
            #expect((created.json["vehicle"] as? [String: Any])?["plate"] as? String == "1234ABC")
            let id = try #require(created.json["id"] as? String)
            let move = "/v1/appointments/\(id)/move"

            let unguarded = try await fixture.call(.post, move, token: editor, json: ["status": "checked_in"])
            #expect(unguarded.status == .preconditionRequired && unguarded.problemType == "precondition-required")
            let moved = try await fixture.call(.post, move, token: editor, json: ["status": "checked_in"], headers: [.ifMatch: "\"1\""])
            #expect(moved.status == .ok && moved.json["version"] as? Int == 2 && moved.headers[.eTag] == "\"2\"")
            let stale = try await fixture.call(.post, move, token: editor, json: ["status": "ready"], headers: [.ifMatch: "\"1\""])
            #expect(stale.status == .conflict && stale.problemType == "appointment-version-conflict")
            let current = try #require(stale.json["current"] as? [String: Any])
            #expect(current["status"] as? String == "checked_in" && current["version"] as? Int == 2)
            #expect(current["scheduledStart"] as? String == "2026-12-06T09:00:00Z")

            let board = try await fixture.call(.get, "/v1/board?date=2026-12-06", token: fixture[.viewer].accessToken)
            #expect(board.status == .ok)
            let columns = try #require(board.json["columns"] as? [[String: Any]])
            #expect(
                columns.map { $0["status"] as? String } == [
                    "scheduled", "checked_in", "in_progress", "waiting_parts", "ready", "completed",
                ])
            #expect(columns.allSatisfy { $0.keys.contains("wipLimit") })  // null without a limit, but always there
            #expect(((columns[1]["cards"] as? [[String: Any]]) ?? []).map { $0["id"] as? String } == [id])
            let etag = try #require(board.headers[.eTag])
            let unchanged = try await fixture.call(
                .get, "/v1/board?date=2026-12-06", token: fixture[.viewer].accessToken, headers: [.ifNoneMatch: etag])
            #expect(unchanged.status == .notModified)

            let stats = try await fixture.call(.get, "/v1/board/stats?date=2026-12-06", token: fixture[.viewer].accessToken)
            #expect(stats.json["jobsToday"] as? Int == 1 && stats.json["onPrem"] as? Int == 1 && stats.json["onSite"] as? Int == 0)

            let viewerMove = try await fixture.call(
                .post, move, token: fixture[.viewer].accessToken, json: ["status": "ready"], headers: [.ifMatch: "\"2\""])
            #expect(viewerMove.status == .forbidden)
            let outsider = try await fixture.call(
                .post, move, token: fixture.outsider.accessToken, json: ["status": "ready"], headers: [.ifMatch: "\"2\""])
            #expect(outsider.status == .notFound || outsider.status == .forbidden)
        }
    }

    @Test("a full column answers 409 with its limit", arguments: [SQLDialect.sqlite])
    func wipLimit(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect, configure: { $0.runsWorkers = false }) { fixture in
            let editor = fixture[.editor].accessToken
            _ = try await fixture.call(.post, "/v1/services", token: editor, json: Self.service("OIL001"))
            let settings = try await fixture.call(
                .put, "/v1/board/settings", token: fixture[.admin].accessToken,
                json: ["timeZone": "UTC", "columns": [["status": "in_progress", "name": "Working", "wipLimit": 1]]])
            #expect(settings.status == .ok)
            var ids: [String] = []
            for _ in 0..<2 {
                let created = try await fixture.call(.post, "/v1/appointments", token: editor, json: Self.appointment(["OIL001"]))
                ids.append(try #require(created.json["id"] as? String))
            }
            let first = try await fixture.call(
                .post, "/v1/appointments/\(ids[0])/move", token: editor, json: ["status": "in_progress"], headers: [.ifMatch: "\"1\""])
            #expect(first.status == .ok)
            let second = try await fixture.call(
                .post, "/v1/appointments/\(ids[1])/move", token: editor, json: ["status": "in_progress"], headers: [.ifMatch: "\"1\""])
            #expect(second.status == .conflict && second.problemType == "wip-limit-reached")
            #expect(second.json["wipLimit"] as? Int == 1 && second.json["column"] as? String == "in_progress")
            let invalid = try await fixture.call(
                .put, "/v1/board/settings", token: fixture[.admin].accessToken,
                json: ["timeZone": "Mars/Olympus", "columns": [["status": "ready", "name": "", "wipLimit": 0]]])
            #expect(invalid.status == .unprocessableContent)
            let pointers = Set(((invalid.json["errors"] as? [[String: Any]]) ?? []).compactMap { $0["pointer"] as? String })
            #expect(pointers == ["/timeZone", "/columns/0/name", "/columns/0/wipLimit"])
        }
    }

    @Test("services: validation, an empty search lists everything, CSV problems per line")
    func services() async throws {
        try await AccessFixture.run(.sqlite, configure: { $0.runsWorkers = false }) { fixture in
            let editor = fixture[.editor].accessToken
            let invalid = try await fixture.call(
                .post, "/v1/services", token: editor,
                json: ["code": "oil 1", "name": "", "durationMinutes": 0, "price": 10.001] as [String: Any])
            #expect(invalid.status == .unprocessableContent)
            let pointers = Set(((invalid.json["errors"] as? [[String: Any]]) ?? []).compactMap { $0["pointer"] as? String })
            #expect(pointers == ["/code", "/name", "/durationMinutes", "/price"])
            for code in ["OIL001", "TIRE001"] {
                #expect(try await fixture.call(.post, "/v1/services", token: editor, json: Self.service(code)).status == .created)
            }
            let taken = try await fixture.call(.post, "/v1/services", token: editor, json: Self.service("OIL001"))
            #expect(taken.status == .conflict && taken.problemType == "service-code-taken")
            for query in ["", "?search=", "?search=%20"] {
                let list = try await fixture.call(.get, "/v1/services\(query)", token: fixture[.viewer].accessToken)
                #expect((list.json["items"] as? [[String: Any]])?.count == 2, "\(query)")
            }
            let found = try await fixture.call(.get, "/v1/services?search=tire", token: fixture[.viewer].accessToken)
            #expect(((found.json["items"] as? [[String: Any]]) ?? []).map { $0["code"] as? String } == ["TIRE001"])

            let csv = "code,name,durationMinutes,price\nBRAKE001,Brakes,90,189\nBAD,Bad,90,-1\n"
            let imported = try await fixture.call(
                .post, "/v1/services/import", token: editor, file: (Data(csv.utf8), "text/csv"))
            #expect(imported.status == .ok)
            #expect(imported.json["created"] as? Int == 1 && imported.json["updated"] as? Int == 0)
            let problems = try #require(imported.json["problems"] as? [[String: Any]])
            #expect(problems.map { $0["line"] as? Int } == [3] && problems.first?["pointer"] as? String == "/price")
            let noHeader = try await fixture.call(
                .post, "/v1/services/import", token: editor, file: (Data("a,b\n1,2\n".utf8), "text/csv"))
            #expect(noHeader.status == .unprocessableContent)
            let viewerImport = try await fixture.call(
                .post, "/v1/services/import", token: fixture[.viewer].accessToken, file: (Data(csv.utf8), "text/csv"))
            #expect(viewerImport.status == .forbidden)
        }
    }

    @Test("a display link reads the board and nothing else, until revoked")
    func displayLinks() async throws {
        try await AccessFixture.run(.sqlite, configure: { $0.runsWorkers = false }) { fixture in
            let admin = fixture[.admin].accessToken
            #expect(
                try await fixture.call(.post, "/v1/board/display-links", token: fixture[.editor].accessToken, json: ["name": "x"]).status
                    == .forbidden)
            let link = try await fixture.call(.post, "/v1/board/display-links", token: admin, json: ["name": "Shop screen"])
            #expect(link.status == .created)
            let token = try #require(link.json["token"] as? String)
            #expect(link.json["url"] as? String == "/display#\(token)")
            let display: HTTPFields = [HTTPField.Name("X-Display-Token")!: token]
            let read = try await fixture.call(.get, "/v1/display/board?date=2026-12-06", token: nil, headers: display)
            #expect(read.status == .ok)
            #expect((read.json["board"] as? [String: Any])?["date"] as? String == "2026-12-06")
            #expect((read.json["stats"] as? [String: Any])?["jobsToday"] as? Int == 0)
            // As a bearer credential it opens nothing.
            for path in ["/v1/board", "/v1/services", "/v1/me"] {
                #expect(try await fixture.call(.get, path, token: token).status == .unauthorized, "\(path)")
            }
            let listed = try await fixture.call(.get, "/v1/board/display-links", token: admin)
            #expect(!listed.text.contains(token))
            let id = try #require(link.json["id"] as? String)
            #expect(try await fixture.call(.delete, "/v1/board/display-links/\(id)", token: admin).status == .noContent)
            let revoked = try await fixture.call(.get, "/v1/display/board", token: nil, headers: display)
            #expect(revoked.status == .unauthorized)
        }
    }

    @Test("x-correlation-id comes back on answers and problems, and follows the request into its events and jobs")
    func correlationID() async throws {
        try await AccessFixture.run(.sqlite, configure: { $0.runsWorkers = false }) { fixture in
            let header = HTTPField.Name("x-correlation-id")!
            let ok = try await fixture.call(.get, "/v1/services", token: fixture[.viewer].accessToken, headers: [header: "smoke-42"])
            #expect(ok.headers[header] == "smoke-42")
            let problem = try await fixture.call(
                .get, "/v1/board?date=06-12-2026", token: fixture[.viewer].accessToken, headers: [header: "smoke-43"])
            #expect(problem.status == .badRequest && problem.headers[header] == "smoke-43")
            let invalid = try await fixture.call(.get, "/v1/services", token: fixture[.viewer].accessToken, headers: [header: "bad id!"])
            #expect(invalid.headers[header] == nil)

            let editor = fixture[.editor].accessToken
            #expect(try await fixture.call(.post, "/v1/services", token: editor, json: Self.service("OIL001")).status == .created)
            let booked = try await fixture.call(
                .post, "/v1/appointments", token: editor, json: Self.appointment(["OIL001"]), headers: [header: "client-7"])
            #expect(booked.status == .created)
            let events = try await EventLog(database: fixture.database).events(after: 0, limit: 1000)
            let created = try #require(events.last { $0.type == "appointment.created" })
            #expect(created.correlationID == "client-7" && created.requestID != nil)
            #expect(ServerSentEvents.envelope(created).contains(#""correlationId":"client-7""#))
            #expect(events.filter { $0.correlationID != nil }.allSatisfy { $0.correlationID == "client-7" })

            let project = try await fixture.call(
                .post, "/v1/projects", token: editor, json: ProjectsAPITests.body(), headers: [header: "client-8"])
            #expect(project.status == .created)
            let job = try #require(
                try await JobRepository(database: fixture.database).list(JobFilter(workspaceID: fixture.workspaceID)).first)
            #expect(job.correlationID == "client-8")
            let shown = try await fixture.call(.get, "/v1/jobs/\(job.id)", token: fixture[.admin].accessToken)
            #expect((shown.json["job"] as? [String: Any])?["correlationId"] as? String == "client-8", "\(shown.json)")
        }
    }
}
