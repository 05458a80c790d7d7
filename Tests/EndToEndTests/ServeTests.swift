import BulletinApp
import BulletinServer
import BulletinServerTestSupport
import BulletinStore
import BulletinTestSupport
import Foundation
import Testing

/// The built binary, run as an operator would run it. The tests run in parallel: each has its own
/// folder, port and database, and processes start through ``ChildProcess``, which is safe to use
/// from many tasks at once (Foundation's `Process` once crashed a clean-clone run in
/// libdispatch's event loop while these tests started and stopped processes together).
@Suite("bulletin serve, end to end")
struct ServeTests {
    /// Whether the server refuses a request with a 4xx or closes the connection on it.
    static func refusedOrClosed(_ url: URL, headers: [String: String]) async throws -> Bool {
        do {
            let reply = try await fetch(url, headers: headers)
            return (400..<500).contains(reply.status)
        } catch {
            return true  // the connection was closed on the request
        }
    }

    @Test("starts on SQLite with no configuration, serves, and exits 0 on SIGTERM")
    func servesOnSQLite() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let server = try BulletinProcess(["serve", "--port", "0"], in: folder.path)
        let base = try await server.waitUntilListening()

        #expect(try await fetch(base.appending(path: "healthz")).status == 200)
        #expect(try await fetch(base.appending(path: "readyz")).status == 200)
        let document = try await fetch(base.appending(path: "openapi.json"))
        #expect(document.status == 200)
        #expect((try JSONSerialization.jsonObject(with: document.body) as? [String: Any])?["openapi"] as? String == "3.1.0")

        let missing = try await fetch(base.appending(path: "v1/missing"), headers: ["X-Request-ID": "e2e-404"])
        #expect(missing.status == 404)
        #expect(missing.headers["content-type"] == "application/problem+json")
        #expect(missing.headers["x-request-id"] == "e2e-404")
        let problem = try JSONSerialization.jsonObject(with: missing.body) as? [String: Any]
        #expect(problem?["requestId"] as? String == "e2e-404")
        #expect(problemType(of: problem) == "not-found")

        // Header limits hold before any handler: 101 fields, or one of 17 KiB, are refused.
        let many = Dictionary(uniqueKeysWithValues: (0..<101).map { ("X-Field-\($0)", "x") })
        #expect(try await Self.refusedOrClosed(base.appending(path: "healthz"), headers: many))
        #expect(
            try await Self.refusedOrClosed(base.appending(path: "healthz"), headers: ["X-Big": String(repeating: "a", count: 17 * 1024)]))
        // The signing key was made on first start, readable by its owner only.
        let keyFile = try FileManager.default.attributesOfItem(atPath: folder.path + "/data/signing-key.pem")
        #expect((keyFile[.posixPermissions] as? Int) == 0o600)
        let keys = try await fetch(base.appending(path: ".well-known/jwks.json"))
        #expect(keys.status == 200)

        let metrics = try await fetch(base.appending(path: "metrics"))
        #expect(metrics.status == 200)
        try await PromTool.check(metrics.body)

        #expect(FileManager.default.fileExists(atPath: folder.path + "/data/bulletin.sqlite"))

        // The issue's bound: SIGTERM ends the process with status 0 within 5 s.
        server.send(SIGTERM)
        #expect(try await server.waitForExit(limit: .seconds(5)) == 0)
        let lines = try server.logLines()
        let requests = lines.filter { $0["message"] as? String == "request" }
        #expect(requests.contains { $0["requestId"] as? String == "e2e-404" && $0["status"] as? Int == 404 })
        #expect(requests.allSatisfy { $0["method"] != nil && $0["route"] != nil && $0["durationMs"] != nil && $0["time"] != nil })
    }

    @Test(
        "an invalid setting stops start-up with one line naming it",
        arguments: [
            (["serve", "--port", "eighty"], [String: String](), "--port"),
            (["serve"], ["BULLETIN_LOG_LEVEL": "chatty"], "BULLETIN_LOG_LEVEL"),
            (["serve"], ["BULLETIN_PORTT": "1"], "BULLETIN_PORTT"),
            (["serve", "--prot", "1"], [:], "--prot"),
        ])
    func invalidSetting(arguments: [String], environment: [String: String], named: String) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let server = try BulletinProcess(arguments, in: folder.path, environment: environment)
        #expect(try await server.waitForExit() == 2)
        let lines = server.standardError.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains(named) == true)
    }

    @Test("an unreachable PostgreSQL stops start-up with a clear line and no password")
    func unreachablePostgres() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let server = try BulletinProcess(
            ["serve", "--port", "0", "--database-url", "postgres://app:hunter2@127.0.0.1:1/bulletin?sslmode=disable"],
            in: folder.path)
        #expect(try await server.waitForExit() == 1)
        #expect(server.standardError.contains("cannot reach postgres://app:***@127.0.0.1:1/bulletin"))
        #expect(!server.standardError.contains("hunter2"))
        #expect(!server.standardOutput.contains("hunter2"))
    }

    @Test("--no-migrate refuses to start on a pending migration")
    func noMigrate() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let server = try BulletinProcess(["serve", "--port", "0", "--no-migrate"], in: folder.path)
        #expect(try await server.waitForExit() == 1)
        #expect(server.standardError.contains("bulletin migrate up"))
    }

    @Test("migrate status and up manage the schema")
    func migrate() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let before = try BulletinProcess(["migrate", "status"], in: folder.path)
        #expect(try await before.waitForExit() == 0)
        #expect(before.standardOutput.contains("pending"))
        let up = try BulletinProcess(["migrate", "up"], in: folder.path)
        #expect(try await up.waitForExit() == 0)
        #expect(up.standardOutput.contains("Applied 1"))
        let after = try BulletinProcess(["migrate", "status"], in: folder.path)
        #expect(try await after.waitForExit() == 0)
        #expect(after.standardOutput.contains("applied"))
        #expect(!after.standardOutput.contains("pending"))
    }

    @Test(
        "two nodes started together on one PostgreSQL become ready, accept each other's tokens, and share events",
        .enabled(if: TestDatabases.dialects.contains(.postgresql)))
    func twoNodesOnPostgres() async throws {
        try await TestDatabases.withEmptyDatabaseURL(.postgresql) { url in
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            let created = try BulletinProcess(
                [
                    "user", "create", "--email", "ada@example.com", "--workspace", "Acme", "--role", "owner",
                    "--password-stdin", "--database-url", url,
                ],
                in: folder.path, input: "correct horse battery\n")
            #expect(try await created.waitForExit() == 0)
            // Both nodes use the data folder's signing key, so either accepts the other's tokens.
            let nodes = try (0..<2).map { _ in
                try BulletinProcess(["serve", "--port", "0", "--database-url", url], in: folder.path)
            }
            var bases: [URL] = []
            for node in nodes {
                let base = try await node.waitUntilListening()
                #expect(try await fetch(base.appending(path: "readyz")).status == 200)
                bases.append(base)
            }
            let login = try await fetch(
                bases[0].appending(path: "v1/auth/login"), method: "POST", headers: ["Content-Type": "application/json"],
                body: Data(#"{"email":"ada@example.com","password":"correct horse battery"}"#.utf8))
            #expect(login.status == 200)
            let token = try #require((try JSONSerialization.jsonObject(with: login.body) as? [String: Any])?["accessToken"] as? String)
            let info = try await fetch(bases[1].appending(path: "v1/system/info"), headers: ["Authorization": "Bearer \(token)"])
            #expect(info.status == 200)
            #expect((try JSONSerialization.jsonObject(with: info.body) as? [String: Any])?["database"] as? String == "postgresql")

            // A change committed through one node reaches a subscriber of the other.
            let me = try await fetch(bases[0].appending(path: "v1/me"), headers: ["Authorization": "Bearer \(token)"])
            let workspace = try #require(
                ((try JSONSerialization.jsonObject(with: me.body) as? [String: Any])?["workspace"] as? [String: Any])?["id"] as? String)
            let stream = try await EventStreamClient.connect(
                bases[1].absoluteString + "/v1/events?topic=workspace:\(workspace)", headers: [("Authorization", "Bearer \(token)")])
            #expect(stream.status == 200)
            let invited = try await fetch(
                bases[0].appending(path: "v1/invitations"), method: "POST",
                headers: ["Content-Type": "application/json", "Authorization": "Bearer \(token)"],
                body: Data(#"{"email":"grace@example.com","role":"viewer"}"#.utf8))
            #expect(invited.status == 201)
            #expect(try await stream.next(1, only: ["invitation.create"]).first?.type == "invitation.create")
            stream.close()
            for node in nodes {
                node.send(SIGTERM)
                #expect(try await node.waitForExit() == 0)
            }
        }
    }

    @Test("--help lists every setting, with its environment variable")
    func help() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let help = try BulletinProcess(["serve", "--help"], in: folder.path)
        #expect(try await help.waitForExit() == 0)
        for setting in BulletinConfiguration.settings {
            #expect(help.standardOutput.contains("--\(setting.flag)"), "--\(setting.flag) is not a flag")
            #expect(help.standardOutput.contains(setting.environmentVariable))
        }
    }
}

/// Prometheus's own checker, from Debian's prometheus package (scripts/test installs it).
enum PromTool {
    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    static func check(_ metrics: Data) async throws {
        let path = "/usr/bin/promtool"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw Failed(description: "promtool is not installed; scripts/test installs it")
        }
        let promtool = ChildProcess(path, arguments: ["check", "metrics"], input: metrics)
        let status = try await promtool.waitForExit()
        let text = String(decoding: promtool.standardOutput + promtool.standardError, as: UTF8.self)
        guard status == 0 else { throw Failed(description: "promtool check metrics: \(text)") }
    }
}
