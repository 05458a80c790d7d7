import BulletinCore
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import BulletinServer

/// What no credential may do beyond its own standing: an API key never mints keys or
/// members, nobody grants a role above their own, and the installation's own jobs belong to
/// installation admins only.
@Suite("Privilege limits")
struct PrivilegeTests {
    /// Creates an API key with `role` as `token`'s holder and returns its secret.
    static func apiKey(_ fixture: AccessFixture, role: Role, token: String) async throws -> String {
        let created = try await fixture.call(.post, "/v1/api-keys", token: token, json: ["name": "ci-\(role)", "role": role.rawValue])
        try #require(created.status == .created, "\(created.json)")
        return try #require(created.json["secret"] as? String)
    }

    @Test("an API key cannot create API keys or invitations, whatever its role; an owner's token can", arguments: TestDatabases.dialects)
    func apiKeysMintNothing(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            let owner = fixture[.owner].accessToken
            let key = try await Self.apiKey(fixture, role: .owner, token: owner)

            let keyByKey = try await fixture.call(.post, "/v1/api-keys", token: key, json: ["name": "more", "role": "viewer"])
            #expect(keyByKey.status == .forbidden && keyByKey.problemType == "api-key-not-allowed")
            #expect(keyByKey.headers[.contentType] == "application/problem+json")
            let invitationByKey = try await fixture.call(
                .post, "/v1/invitations", token: key, json: ["email": "friend@acme.test", "role": "viewer"])
            #expect(invitationByKey.status == .forbidden && invitationByKey.problemType == "api-key-not-allowed")
            // Nothing was made.
            let keys = try await fixture.call(.get, "/v1/api-keys", token: owner)
            #expect((keys.json["items"] as? [Any])?.count == 1)
            let invitations = try await fixture.call(.get, "/v1/invitations", token: owner)
            #expect((invitations.json["items"] as? [Any])?.isEmpty == true)

            // The same calls with the owner's access token still work.
            let keyByOwner = try await fixture.call(.post, "/v1/api-keys", token: owner, json: ["name": "more", "role": "viewer"])
            #expect(keyByOwner.status == .created)
            let invitationByOwner = try await fixture.call(
                .post, "/v1/invitations", token: owner, json: ["email": "friend@acme.test", "role": "viewer"])
            #expect(invitationByOwner.status == .created)
        }
    }

    @Test("a member's role is never raised above the caller's own, by a key or a person", arguments: TestDatabases.dialects)
    func noRoleAboveCaller(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            // An admin key made by the owner acts as an admin, not as its owner creator.
            let key = try await Self.apiKey(fixture, role: .admin, token: fixture[.owner].accessToken)
            let viewer = fixture[.viewer].id
            let toOwner = try await fixture.call(.patch, "/v1/members/\(viewer)", token: key, json: ["role": "owner"])
            #expect(toOwner.status == .forbidden && toOwner.problemType == "role-above-caller")
            let demoteOwner = try await fixture.call(.patch, "/v1/members/\(fixture[.owner].id)", token: key, json: ["role": "viewer"])
            #expect(demoteOwner.status == .forbidden && demoteOwner.problemType == "role-above-caller")
            let toAdmin = try await fixture.call(.patch, "/v1/members/\(viewer)", token: key, json: ["role": "admin"])
            #expect(toAdmin.status == .ok && toAdmin.json["role"] as? String == "admin")

            // A person is held to the same rule.
            let byAdmin = try await fixture.call(
                .patch, "/v1/members/\(fixture[.editor].id)", token: fixture[.admin].accessToken, json: ["role": "owner"])
            #expect(byAdmin.status == .forbidden && byAdmin.problemType == "role-above-caller")
            let roles = try await fixture.call(.get, "/v1/members", token: fixture[.owner].accessToken)
            let owners = (roles.json["items"] as? [[String: Any]])?.filter { $0["role"] as? String == "owner" }
            #expect(owners?.count == 1)
        }
    }

    @Test("the installation's own jobs are seen and managed by installation admins only", arguments: TestDatabases.dialects)
    func installationJobs(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            let repository = JobRepository(database: fixture.database)
            let now = fixture.clock.wallClock.now()
            // Scheduled for tomorrow, so that no worker runs it while the test looks at it.
            let prune = try await repository.enqueue(
                NewJob(
                    kind: "maintenance.test", arguments: "{}", queue: "maintenance", runAt: now.addingTimeInterval(86_400),
                    workspaceID: nil),
                now: now)
            let workspaceJob = try await JobsAPITests.enqueue(fixture)
            // The fixture's first user (Acme's owner) administers the installation; Acme's admin
            // and editor, and Globex's owner, do not.
            let installationAdmin = fixture[.owner].accessToken
            let others = [
                ("Acme's admin", fixture[.admin].accessToken), ("Acme's editor", fixture[.editor].accessToken),
                ("Globex's owner", fixture.outsider.accessToken),
            ]
            let key = try await Self.apiKey(fixture, role: .owner, token: installationAdmin)

            let me = try await fixture.call(.get, "/v1/me", token: installationAdmin)
            #expect(me.json["installationAdmin"] as? Bool == true)
            for (name, token) in others + [("the owner's API key", key)] {
                let them = try await fixture.call(.get, "/v1/me", token: token)
                #expect(them.json["installationAdmin"] as? Bool == false, "\(name)")
                let list = try await fixture.call(.get, "/v1/jobs", token: token)
                #expect(list.status == .ok, "\(name)")
                let ids = (list.json["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
                #expect(!ids.contains(String(prune.id)), "\(name) lists it")
                let read = try await fixture.call(.get, "/v1/jobs/\(prune.id)", token: token)
                #expect(read.status == .notFound && read.problemType == "not-found", "\(name)")
                for action in ["cancel", "retry"] {
                    let refused = try await fixture.call(.post, "/v1/jobs/\(prune.id)/\(action)", token: token)
                    #expect(refused.status == .notFound || refused.status == .forbidden, "\(name) \(action): \(refused.status)")
                    #expect(refused.headers[.contentType] == "application/problem+json")
                }
                let queues = try await fixture.call(.get, "/v1/queues", token: token)
                let names = (queues.json["items"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
                #expect(!names.contains("maintenance"), "\(name) sees the queue")
            }
            #expect(try await repository.job(id: prune.id, workspaceID: "", includingInstallation: true)?.state == .scheduled)

            let list = try await fixture.call(.get, "/v1/jobs", token: installationAdmin)
            let items = list.json["items"] as? [[String: Any]] ?? []
            let ids = items.compactMap { $0["id"] as? String }
            #expect(Set(ids).isSuperset(of: [String(prune.id), String(workspaceJob)]))
            // Besides them, only installation jobs that cron entries enqueued meanwhile (the scheduled
            // reports' tick every minute, pruning at its minute) may be listed.
            let ticks = items.filter { ![String(prune.id), String(workspaceJob)].contains($0["id"] as? String ?? "") }
            #expect(ticks.allSatisfy { ($0["enqueuedBy"] as? String)?.hasPrefix("cron:") == true }, "\(ticks)")
            #expect(try await fixture.call(.get, "/v1/jobs/\(prune.id)", token: installationAdmin).status == .ok)
            let queues = try await fixture.call(.get, "/v1/queues", token: installationAdmin)
            #expect((queues.json["items"] as? [[String: Any]])?.contains { $0["name"] as? String == "maintenance" } == true)
            let cancelled = try await fixture.call(.post, "/v1/jobs/\(prune.id)/cancel", token: installationAdmin)
            #expect(cancelled.status == .ok && cancelled.json["state"] as? String == "cancelled")
            let retried = try await fixture.call(.post, "/v1/jobs/\(prune.id)/retry", token: installationAdmin)
            #expect(retried.status == .ok && retried.json["state"] as? String == "available")
        }
    }
}
