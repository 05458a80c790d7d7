import BulletinApp
import BulletinCore
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import BulletinServer

/// Invitations, roles and API keys, as a workspace's people use them.
@Suite("Members, invitations and API keys")
struct MembershipTests {
    @Test("an invited viewer joins, reads, and is refused changes", arguments: TestDatabases.dialects)
    func invitation(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect, configure: { $0.publicURL = "https://bulletin.example.com/" }) { fixture in
            let admin = fixture[.admin].accessToken
            let tooHigh = try await fixture.call(.post, "/v1/invitations", token: admin, json: ["email": "x@acme.test", "role": "owner"])
            #expect(tooHigh.status == .unprocessableContent && tooHigh.problemType == "validation-failed")
            let member = try await fixture.call(
                .post, "/v1/invitations", token: admin, json: ["email": "Viewer@Acme.test", "role": "viewer"])
            #expect(member.status == .conflict && member.problemType == "already-member")

            let created = try await fixture.call(
                .post, "/v1/invitations", token: admin, json: ["email": "Vera@Acme.test", "role": "viewer"])
            #expect(created.status == .created)
            let token = try #require(created.json["token"] as? String)
            #expect(created.json["acceptUrl"] as? String == "https://bulletin.example.com/invitations/\(token)")
            let pending = try await fixture.call(.get, "/v1/invitations", token: admin)
            #expect((pending.json["items"] as? [[String: Any]])?.map { $0["email"] as? String } == ["vera@acme.test"])
            #expect((pending.json["items"] as? [[String: Any]])?.first?["token"] == nil)

            let weak = try await fixture.call(.post, "/v1/invitations/\(token)/accept", json: ["password": "short"])
            #expect(weak.status == .unprocessableContent && weak.problemType == "validation-failed")
            let accepted = try await fixture.call(.post, "/v1/invitations/\(token)/accept", json: ["password": "vera's long password"])
            #expect(accepted.status == .created)
            #expect(accepted.json["role"] as? String == "viewer")
            let again = try await fixture.call(.post, "/v1/invitations/\(token)/accept", json: ["password": "vera's long password"])
            #expect(again.status == .notFound && again.problemType == "invalid-invitation")

            let vera = try await AccessFixture.signIn(fixture.client, "vera@acme.test", password: "vera's long password")
            #expect(try await fixture.call(.get, "/v1/members", token: vera.accessToken).status == .ok)
            let change = try await fixture.call(.patch, "/v1/workspace", token: vera.accessToken, json: ["name": "Mine"])
            #expect(change.status == .forbidden && change.problemType == "forbidden")
            let afterwards = try await fixture.call(.get, "/v1/invitations", token: admin)
            #expect((afterwards.json["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("someone with an account joins a second workspace with their own password", arguments: TestDatabases.dialects)
    func existingAccount(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            let created = try await fixture.call(
                .post, "/v1/invitations", token: fixture[.owner].accessToken,
                json: ["email": fixture.outsider.email, "role": "editor"])
            let token = try #require(created.json["token"] as? String)
            let wrong = try await fixture.call(.post, "/v1/invitations/\(token)/accept", json: ["password": "not my password"])
            #expect(wrong.status == .unprocessableContent && wrong.problemType == "validation-failed")
            let accepted = try await fixture.call(.post, "/v1/invitations/\(token)/accept", json: ["password": AccessFixture.password])
            #expect(accepted.status == .created)

            let login = try await fixture.call(
                .post, "/v1/auth/login",
                json: ["email": fixture.outsider.email, "password": AccessFixture.password, "workspaceId": fixture.workspaceID])
            let access = try #require(login.json["accessToken"] as? String)
            let me = try await fixture.call(.get, "/v1/me", token: access)
            #expect((me.json["workspace"] as? [String: Any])?["id"] as? String == fixture.workspaceID)
            #expect(me.json["role"] as? String == "editor")
            #expect((me.json["workspaces"] as? [Any])?.count == 2)
            // The old session still acts in the outsider's own workspace.
            let home = try await fixture.call(.get, "/v1/me", token: fixture.outsider.accessToken)
            #expect((home.json["workspace"] as? [String: Any])?["name"] as? String == "Globex")
        }
    }

    @Test("owners are changed only by owners, and the last owner stays", arguments: TestDatabases.dialects)
    func ownerRules(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            let owner = fixture[.owner]
            let admin = fixture[.admin]
            let demoteSelf = try await fixture.call(.patch, "/v1/members/\(owner.id)", token: owner.accessToken, json: ["role": "admin"])
            #expect(demoteSelf.status == .conflict && demoteSelf.problemType == "last-owner")
            let leave = try await fixture.call(.delete, "/v1/members/\(owner.id)", token: owner.accessToken)
            #expect(leave.status == .conflict && leave.problemType == "last-owner")
            let byAdmin = try await fixture.call(.patch, "/v1/members/\(owner.id)", token: admin.accessToken, json: ["role": "viewer"])
            #expect(byAdmin.status == .forbidden && byAdmin.problemType == "role-above-caller")
            let promote = try await fixture.call(.patch, "/v1/members/\(admin.id)", token: admin.accessToken, json: ["role": "owner"])
            #expect(promote.status == .forbidden && promote.problemType == "role-above-caller")

            let handOver = try await fixture.call(.patch, "/v1/members/\(admin.id)", token: owner.accessToken, json: ["role": "owner"])
            #expect(handOver.status == .ok && handOver.json["role"] as? String == "owner")
            let stepDown = try await fixture.call(.patch, "/v1/members/\(owner.id)", token: owner.accessToken, json: ["role": "admin"])
            #expect(stepDown.status == .ok)
            // The change takes effect on the next request, without signing in again.
            let rename = try await fixture.call(.patch, "/v1/workspace", token: owner.accessToken, json: ["name": "Nope"])
            #expect(rename.status == .forbidden && rename.problemType == "forbidden")

            // A removed member's tokens stop working at once.
            let viewer = fixture[.viewer]
            #expect(try await fixture.call(.delete, "/v1/members/\(viewer.id)", token: admin.accessToken).status == .noContent)
            let removed = try await fixture.call(.get, "/v1/me", token: viewer.accessToken)
            #expect(removed.status == .unauthorized && removed.problemType == "unauthenticated")
            let members = try await fixture.call(.get, "/v1/members", token: admin.accessToken)
            #expect((members.json["items"] as? [Any])?.count == 3)
        }
    }

    @Test("an API key is shown once, acts with its role, and dies when revoked", arguments: TestDatabases.dialects)
    func apiKeys(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            let admin = fixture[.admin].accessToken
            let tooHigh = try await fixture.call(.post, "/v1/api-keys", token: admin, json: ["name": "root", "role": "owner"])
            #expect(tooHigh.status == .unprocessableContent && tooHigh.problemType == "validation-failed")
            let blank = try await fixture.call(.post, "/v1/api-keys", token: admin, json: ["name": " ", "role": "viewer"])
            #expect((blank.json["errors"] as? [[String: Any]])?.first?["pointer"] as? String == "/name")

            let created = try await fixture.call(.post, "/v1/api-keys", token: admin, json: ["name": "CI", "role": "viewer"])
            #expect(created.status == .created)
            let secret = try #require(created.json["secret"] as? String)
            #expect(secret.hasPrefix("bk_"))
            let listed = try await fixture.call(.get, "/v1/api-keys", token: admin)
            let item = try #require((listed.json["items"] as? [[String: Any]])?.first)
            #expect(item["secret"] == nil)
            #expect(secret.hasPrefix(try #require(item["prefix"] as? String)))

            let me = try await fixture.call(.get, "/v1/me", token: secret)
            #expect((me.json["principal"] as? [String: Any])?["type"] as? String == "api_key")
            #expect(me.json["role"] as? String == "viewer")
            #expect((me.json["user"] as? [String: Any])?["id"] as? String == fixture[.admin].id)
            let write = try await fixture.call(.post, "/v1/api-keys", token: secret, json: ["name": "more", "role": "viewer"])
            #expect(write.status == .forbidden && write.problemType == "forbidden")
            let used = try await fixture.call(.get, "/v1/api-keys", token: admin)
            #expect((used.json["items"] as? [[String: Any]])?.first?["lastUsedAt"] is String)

            let id = try #require(item["id"] as? String)
            #expect(try await fixture.call(.delete, "/v1/api-keys/\(id)", token: admin).status == .noContent)
            let revoked = try await fixture.call(.get, "/v1/me", token: secret)
            #expect(revoked.status == .unauthorized && revoked.problemType == "unauthenticated")
            let deletedAgain = try await fixture.call(.delete, "/v1/api-keys/\(id)", token: admin)
            #expect(deletedAgain.status == .notFound && deletedAgain.problemType == "not-found")
        }
    }
}
