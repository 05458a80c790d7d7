import BulletinServerTestSupport
import BulletinTestSupport
import Foundation
import Testing

/// A new installation, as an operator meets it.
@Suite("First run, end to end")
struct FirstRunTests {
    @Test("serve logs a one-time setup token that creates the first workspace and owner")
    func setupToken() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let server = try BulletinProcess(["serve", "--port", "0", "--bcrypt-cost", "4"], in: folder.path)
        let base = try await server.waitUntilListening()
        let announcement = try #require(try server.logLines().first { $0["setupToken"] != nil })
        let token = try #require(announcement["setupToken"] as? String)
        #expect(token.count == 64)

        let body = try JSONSerialization.data(withJSONObject: [
            "token": token, "workspaceName": "Acme", "email": "ada@example.com", "password": "correct horse battery",
        ])
        let headers = ["Content-Type": "application/json"]
        let created = try await fetch(base.appending(path: "v1/setup"), method: "POST", headers: headers, body: body)
        #expect(created.status == 201)
        let again = try await fetch(base.appending(path: "v1/setup"), method: "POST", headers: headers, body: body)
        #expect(again.status == 409 && problemType(of: again.body) == "already-set-up")
        server.send(SIGTERM)
        #expect(try await server.waitForExit() == 0)

        // Once set up, a restart announces no token.
        let restarted = try BulletinProcess(["serve", "--port", "0"], in: folder.path)
        _ = try await restarted.waitUntilListening()
        #expect(try restarted.logLines().allSatisfy { $0["setupToken"] == nil })
        restarted.send(SIGTERM)
        #expect(try await restarted.waitForExit() == 0)
    }

    @Test("the setup token is announced even when the log level hides notices")
    func announcedAtAnyLevel() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let server = try BulletinProcess(["serve", "--port", "0", "--log-level", "error"], in: folder.path)
        try await waitUntil("the setup token is announced") {
            (try? server.logLines().contains { $0["setupToken"] != nil }) == true
        }
        #expect(try server.logLines().allSatisfy { $0["message"] as? String != "request" })
        server.send(SIGTERM)
        #expect(try await server.waitForExit() == 0)
    }

    @Test("user create reads the password from standard input and refuses a taken address")
    func userCreate() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let arguments = [
            "user", "create", "--email", "Ada@Example.com", "--workspace", "Acme", "--role", "owner", "--password-stdin",
            "--bcrypt-cost", "4",
        ]
        let created = try BulletinProcess(arguments, in: folder.path, input: "correct horse battery\n")
        #expect(try await created.waitForExit() == 0)
        #expect(created.standardOutput.contains("Created ada@example.com"))
        #expect(created.standardOutput.contains("as owner of \"Acme\""))
        #expect(!created.standardOutput.contains("correct horse"))

        let taken = try BulletinProcess(arguments, in: folder.path, input: "correct horse battery\n")
        #expect(try await taken.waitForExit() == 1)
        #expect(taken.standardError.contains("another user has this e-mail address"))

        let elsewhere = try BulletinProcess(
            [
                "user", "create", "--email", "bob@example.com", "--workspace", "Elsewhere", "--role", "owner", "--password-stdin",
                "--bcrypt-cost", "4",
            ],
            in: folder.path, input: "correct horse battery\n")
        #expect(try await elsewhere.waitForExit() == 1)
        #expect(elsewhere.standardError.contains("--create-workspace"))

        let weak = try BulletinProcess(
            ["user", "create", "--email", "bob@example.com", "--workspace", "Acme", "--role", "viewer", "--password-stdin"],
            in: folder.path, input: "short\n")
        #expect(try await weak.waitForExit() == 2)
    }
}
