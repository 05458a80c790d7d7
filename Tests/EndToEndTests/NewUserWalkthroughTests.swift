import BulletinServerTestSupport
import BulletinTestSupport
import Foundation
import Testing

/// The identity issue's "done when", tried against the built binary as a new user would.
@Suite("A new team's first hour, end to end")
struct NewUserWalkthroughTests {
    /// A JSON call to the running server.
    struct Client {
        let base: URL

        func call(
            _ method: String, _ path: String, token: String? = nil, json: [String: String]? = nil, requestID: String? = nil,
            from address: String? = nil
        ) async throws -> (status: Int, headers: [String: String], json: [String: Any]) {
            var headers: [String: String] = [:]
            if let token { headers["Authorization"] = "Bearer \(token)" }
            if let requestID { headers["X-Request-ID"] = requestID }
            if let address { headers["X-Forwarded-For"] = address }
            var body: Data?
            if let json {
                headers["Content-Type"] = "application/json"
                body = try JSONSerialization.data(withJSONObject: json)
            }
            let reply = try await fetch(base.appending(path: path), method: method, headers: headers, body: body)
            let object = (try? JSONSerialization.jsonObject(with: reply.body)) as? [String: Any] ?? [:]
            return (reply.status, reply.headers, object)
        }
    }

    @Test("setup, sign-in, refresh with theft detection, an invited viewer, another workspace, brute force, audit")
    func walkthrough() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let server = try BulletinProcess(
            ["serve", "--port", "0", "--bcrypt-cost", "4", "--trust-forwarded-for", "true", "--refresh-token-grace", "1"],
            in: folder.path)
        let client = Client(base: try await server.waitUntilListening())
        let setupToken = try #require(try server.logLines().first { $0["setupToken"] != nil }?["setupToken"] as? String)

        // Follow the setup link, then sign in.
        let setup = try await client.call(
            "POST", "v1/setup",
            json: [
                "token": setupToken, "workspaceName": "Acme", "email": "ada@example.com",
                "password": "correct horse battery",
            ], requestID: "walk-setup")
        #expect(setup.status == 201)
        let login = try await client.call("POST", "v1/auth/login", json: ["email": "ada@example.com", "password": "correct horse battery"])
        #expect(login.status == 200)
        let firstRefresh = try #require(login.json["refreshToken"] as? String)

        // Refresh: the old refresh token then fails, and reusing it kills the new one.
        let refreshed = try await client.call("POST", "v1/auth/refresh", json: ["refreshToken": firstRefresh])
        #expect(refreshed.status == 200)
        let access = try #require(refreshed.json["accessToken"] as? String)
        let secondRefresh = try #require(refreshed.json["refreshToken"] as? String)
        #expect(try await client.call("GET", "v1/me", token: access).status == 200)
        // A token presented again within the grace window (two tabs refreshing at once) is
        // honoured; past it, it is a replay. The binary runs on the real clock, its grace set
        // to a second: wait it out.
        try await Task.sleep(for: .seconds(2))
        let replayed = try await client.call("POST", "v1/auth/refresh", json: ["refreshToken": firstRefresh])
        #expect(replayed.status == 401 && problemType(of: replayed.json) == "refresh-token-reused")
        let revoked = try await client.call("POST", "v1/auth/refresh", json: ["refreshToken": secondRefresh])
        #expect(revoked.status == 401 && problemType(of: revoked.json) == "invalid-refresh-token")
        let signedOut = try await client.call("GET", "v1/me", token: access)
        #expect(signedOut.status == 401 && problemType(of: signedOut.json) == "unauthenticated")
        let again = try await client.call("POST", "v1/auth/login", json: ["email": "ada@example.com", "password": "correct horse battery"])
        let owner = try #require(again.json["accessToken"] as? String)

        // Invite a viewer, who accepts, reads, and is refused a change.
        let invitation = try await client.call(
            "POST", "v1/invitations", token: owner, json: ["email": "vic@example.com", "role": "viewer"], requestID: "walk-invite")
        #expect(invitation.status == 201)
        let link = try #require(invitation.json["acceptUrl"] as? String)
        let inviteToken = try #require(link.split(separator: "/").last.map(String.init))
        let accepted = try await client.call(
            "POST", "v1/invitations/\(inviteToken)/accept", json: ["password": "vic's long password"], requestID: "walk-accept")
        #expect(accepted.status == 201)
        let vicLogin = try await client.call(
            "POST", "v1/auth/login", json: ["email": "vic@example.com", "password": "vic's long password"])
        let vic = try #require(vicLogin.json["accessToken"] as? String)
        #expect(try await client.call("GET", "v1/members", token: vic).status == 200)
        let refused = try await client.call("PATCH", "v1/workspace", token: vic, json: ["name": "Vic's"])
        #expect(refused.status == 403 && problemType(of: refused.json) == "forbidden")

        // Someone of another workspace gets 404 for Acme's things.
        let created = try BulletinProcess(
            [
                "user", "create", "--email", "gus@globex.test", "--workspace", "Globex", "--role", "owner", "--create-workspace",
                "--password-stdin", "--bcrypt-cost", "4",
            ], in: folder.path, input: "gus's long password\n")
        #expect(try await created.waitForExit() == 0)
        let gusLogin = try await client.call(
            "POST", "v1/auth/login", json: ["email": "gus@globex.test", "password": "gus's long password"])
        let gus = try #require(gusLogin.json["accessToken"] as? String)
        let vicID = try #require((accepted.json["user"] as? [String: Any])?["id"] as? String)
        let foreign = try await client.call("DELETE", "v1/members/\(vicID)", token: gus)
        #expect(foreign.status == 404 && problemType(of: foreign.json) == "not-found")

        // Ten bad sign-ins end in 429 with Retry-After.
        var last: (status: Int, headers: [String: String], json: [String: Any])?
        for _ in 0..<10 {
            last = try await client.call(
                "POST", "v1/auth/login", json: ["email": "ada@example.com", "password": "wrong wrong wrong"], from: "203.0.113.5")
        }
        #expect(last?.status == 429 && problemType(of: last?.json) == "rate-limited")
        #expect(last?.headers["retry-after"].flatMap(Int.init).map { $0 > 0 } == true)

        // The audit log shows each change with its request ID.
        let audit = try await client.call("GET", "v1/audit", token: owner)
        #expect(audit.status == 200)
        let entries = try #require(audit.json["items"] as? [[String: Any]])
        for (requestID, action) in [
            ("walk-setup", "workspace.setup"), ("walk-invite", "invitation.create"), ("walk-accept", "invitation.accept"),
        ] {
            #expect(entries.contains { $0["requestId"] as? String == requestID && $0["action"] as? String == action }, "\(action)")
        }
        #expect(entries.contains { $0["action"] as? String == "auth.refresh-reuse" })

        server.send(SIGTERM)
        #expect(try await server.waitForExit() == 0)
    }
}
