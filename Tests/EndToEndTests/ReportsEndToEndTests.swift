import BulletinServerTestSupport
import BulletinTestSupport
import Foundation
import Testing

/// The reports issue's "done when", against the built binary as a new user would try it:
/// `serve --demo`, a sample report ready at once, a project of three peers whose progress
/// streams from `queued` to `ready`, the HTML report, and a regenerated one.
@Suite("Reports, end to end")
struct ReportsEndToEndTests {
    struct Session {
        let base: URL
        let token: String

        func call(
            _ method: String, _ path: String, json: Any? = nil, accept: String? = nil
        ) async throws
            -> (status: Int, headers: [String: String], body: Data)
        {
            var headers = ["Authorization": "Bearer \(token)"]
            if let accept { headers["Accept"] = accept }
            var body: Data?
            if let json {
                headers["Content-Type"] = "application/json"
                body = try JSONSerialization.data(withJSONObject: json)
            }
            let url = try #require(URL(string: base.absoluteString + "/" + path))  // the path may carry a query
            return try await fetch(url, method: method, headers: headers, body: body)
        }

        func object(_ method: String, _ path: String, json: Any? = nil) async throws -> [String: Any] {
            let reply = try await call(method, path, json: json)
            return (try JSONSerialization.jsonObject(with: reply.body) as? [String: Any]) ?? [:]
        }

        func waitForReady(_ runID: String) async throws {
            try await waitUntil("run \(runID) is ready") {
                let state = try await object("GET", "v1/runs/\(runID)")["state"] as? String
                if state == "failed" { throw RunFailed(runID: runID) }
                return state == "ready"
            }
        }
    }

    /// Sets up the new installation through the token its log shows, and signs its owner in.
    static func setUp(_ server: BulletinProcess) async throws -> Session {
        let base = try await server.waitUntilListening()
        let setupToken = try #require(try server.logLines().first { $0["setupToken"] != nil }?["setupToken"] as? String)
        let setup = try await fetch(
            base.appending(path: "v1/setup"), method: "POST", headers: ["Content-Type": "application/json"],
            body: try JSONSerialization.data(withJSONObject: [
                "token": setupToken, "workspaceName": "Acme", "email": "ada@example.com", "password": "correct horse battery",
            ]))
        #expect(setup.status == 201)
        let login = try await fetch(
            base.appending(path: "v1/auth/login"), method: "POST", headers: ["Content-Type": "application/json"],
            body: Data(#"{"email":"ada@example.com","password":"correct horse battery"}"#.utf8))
        let token = try #require((try JSONSerialization.jsonObject(with: login.body) as? [String: Any])?["accessToken"] as? String)
        return Session(base: base, token: token)
    }

    struct RunFailed: Error {
        let runID: String
    }

    @Test("serve --demo: a sample report at once; a new project's run streams from queued to ready; regenerate")
    func demo() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let server = try BulletinProcess(["serve", "--demo", "--port", "0", "--bcrypt-cost", "4"], in: folder.path)
        let session = try await Self.setUp(server)
        let base = session.base

        // The new workspace has the sample project, whose report is ready within seconds.
        let sample = try #require((try await session.object("GET", "v1/projects")["items"] as? [[String: Any]])?.first)
        #expect(sample["name"] as? String == "Sample: team chat products")
        try await session.waitForReady(try #require((sample["latestRun"] as? [String: Any])?["id"] as? String))

        // A project of three peers on the demo's sites.
        func participant(_ name: String, _ site: String, price: Double) -> [String: Any] {
            ["name": name, "website": base.absoluteString + "/demo/sites/\(site)", "attributes": ["price": price]]
        }
        let created = try await session.call(
            "POST", "v1/projects",
            json: [
                "name": "Chat tools", "subject": participant("Harbour Chat", "harbour", price: 6),
                "peers": [
                    participant("Lantern", "lantern", price: 8), participant("Pigeon Post", "pigeonpost", price: 4),
                    participant("Beacon", "beacon", price: 20),
                ],
            ])
        #expect(created.status == 201)
        let project = try #require(try JSONSerialization.jsonObject(with: created.body) as? [String: Any])
        let projectID = try #require(project["id"] as? String)
        let run = try #require(project["latestRun"] as? [String: Any])
        let runID = try #require(run["id"] as? String)
        #expect(run["state"] as? String == "queued" && run["topic"] as? String == "run:\(runID)")

        // Its progress, from the start of the run's topic, in order, as a browser would read it.
        let ticket = try #require(try await session.object("POST", "v1/realtime/tickets", json: [String: Any]())["ticket"] as? String)
        let stream = try await EventStreamClient.connect(
            base.absoluteString + "/v1/events?topic=run:\(runID)&ticket=\(ticket)&lastEventId=0")
        #expect(stream.status == 200)
        var states: [String] = []
        while states.last != "ready" {
            let event = try #require(try await stream.next(1, only: ["run.queued", "run.progress", "run.ready", "run.failed"]).first)
            let envelope = try #require(try JSONSerialization.jsonObject(with: Data(event.data.utf8)) as? [String: Any])
            let state = try #require((envelope["payload"] as? [String: Any])?["state"] as? String)
            if states.last != state { states.append(state) }
            if state == "failed" { break }
        }
        stream.close()
        #expect(states == ["queued", "collecting", "analysing", "writing", "rendering", "ready"])

        // The HTML report names every participant, and has its charts.
        let html = try await session.call("GET", "v1/projects/\(projectID)/reports/latest", accept: "text/html")
        #expect(html.status == 200 && html.headers["content-type"]?.hasPrefix("text/html") == true)
        let page = String(decoding: html.body, as: UTF8.self)
        for name in ["Harbour Chat", "Lantern", "Pigeon Post", "Beacon"] { #expect(page.contains(name), "\(name)") }
        #expect(page.contains("<svg") && page.contains("Shared documents"))

        // Regenerated, it reports the changes since the last version.
        var changed = project
        changed["peers"] = [participant("Lantern", "lantern", price: 9), participant("Pigeon Post", "pigeonpost", price: 4)]
        changed.removeValue(forKey: "latestRun")
        #expect(try await session.call("PUT", "v1/projects/\(projectID)", json: changed).status == 200)
        let again = try await session.object("POST", "v1/projects/\(projectID)/reports", json: [String: Any]())
        try await session.waitForReady(try #require(again["id"] as? String))
        let markdown = try await session.call("GET", "v1/projects/\(projectID)/reports/latest?format=markdown")
        let text = String(decoding: markdown.body, as: UTF8.self)
        #expect(text.contains("Beacon was removed") && text.contains("Lantern's price changed from 8 to 9"), "\(text)")

        server.send(SIGTERM)
        #expect(try await server.waitForExit() == 0)
    }
}
