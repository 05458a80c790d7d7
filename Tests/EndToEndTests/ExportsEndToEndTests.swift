import BulletinServerTestSupport
import BulletinTestSupport
import Foundation
import Testing

/// A batch export survives a restart: queued while the binary runs without workers, stopped,
/// then built by the next start, and its ZIP downloaded.
@Suite("Batch export, end to end")
struct ExportsEndToEndTests {
    @Test("an export queued before a restart is built after it")
    func exportSurvivesRestart() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let first = try BulletinProcess(["serve", "--demo", "--port", "0", "--bcrypt-cost", "4"], in: folder.path)
        var session = try await Self.signIn(first, setUp: true)
        let sample = try #require((try await session.object("GET", "v1/projects")["items"] as? [[String: Any]])?.first)
        let projectID = try #require(sample["id"] as? String)
        try await session.waitForReady(try #require((sample["latestRun"] as? [String: Any])?["id"] as? String))
        first.send(SIGTERM)
        #expect(try await first.waitForExit() == 0)

        // Without workers the export waits in its queue; the process stops with it queued.
        let idle = try BulletinProcess(["serve", "--demo", "--no-workers", "--port", "0"], in: folder.path)
        session = try await Self.signIn(idle, setUp: false)
        let started = try await session.object(
            "POST", "v1/reports/exports", json: ["projectIds": [projectID], "formats": ["pdf", "docx"]])
        let exportID = try #require(started["id"] as? String)
        #expect(started["state"] as? String == "queued")
        idle.send(SIGTERM)
        #expect(try await idle.waitForExit() == 0)

        let restarted = try BulletinProcess(["serve", "--demo", "--port", "0"], in: folder.path)
        session = try await Self.signIn(restarted, setUp: false)
        var export: [String: Any] = [:]
        try await waitUntil("the export is built after the restart") {
            export = try await session.object("GET", "v1/reports/exports/\(exportID)")
            return export["state"] as? String == "ready"
        }
        let zip = try await session.call("GET", String((export["downloadUrl"] as? String ?? "").dropFirst()))
        #expect(zip.status == 200 && zip.body.prefix(2) == Data("PK".utf8))
        restarted.send(SIGTERM)
        #expect(try await restarted.waitForExit() == 0)
    }

    /// Waits for the server, sets it up the first time, and signs the owner in.
    static func signIn(_ server: BulletinProcess, setUp: Bool) async throws -> ReportsEndToEndTests.Session {
        let base = try await server.waitUntilListening()
        let json = ["Content-Type": "application/json"]
        if setUp {
            let token = try #require(try server.logLines().first { $0["setupToken"] != nil }?["setupToken"] as? String)
            let setup = try await fetch(
                base.appending(path: "v1/setup"), method: "POST", headers: json,
                body: try JSONSerialization.data(withJSONObject: [
                    "token": token, "workspaceName": "Acme", "email": "ada@example.com", "password": "correct horse battery",
                ]))
            #expect(setup.status == 201)
        }
        let login = try await fetch(
            base.appending(path: "v1/auth/login"), method: "POST", headers: json,
            body: Data(#"{"email":"ada@example.com","password":"correct horse battery"}"#.utf8))
        let token = try #require((try JSONSerialization.jsonObject(with: login.body) as? [String: Any])?["accessToken"] as? String)
        return ReportsEndToEndTests.Session(base: base, token: token)
    }
}
