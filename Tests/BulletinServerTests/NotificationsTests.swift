import BulletinCore
import BulletinServerTestSupport
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Notifications")
struct NotificationsTests {
    @Test("a role change notifies the member live and in the list; marking read syncs every tab", arguments: TestDatabases.dialects)
    func roleChangeNotification(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect, live: true) { fixture in
            let editor = fixture[.editor]
            let stream = try await EventStreamClient.connect(
                "http://127.0.0.1:\(fixture.client.port!)/v1/events?topic=user:\(editor.id)",
                headers: [("Authorization", "Bearer \(editor.accessToken)")])
            let changed = try await fixture.call(
                .patch, "/v1/members/\(editor.id)", token: fixture[.owner].accessToken, json: ["role": "admin"])
            #expect(changed.status == .ok)
            let live = try await stream.next(1, only: ["notification"])
            #expect(live.first?.type == "notification")
            #expect(live.first?.data.contains("Your role in Acme is now admin") == true)

            // The role change ended the editor's old token's role; sign in again to read.
            let again = try await AccessFixture.signIn(fixture.client, editor.email)
            let list = try await fixture.call(.get, "/v1/notifications", token: again.accessToken)
            #expect(list.status == .ok)
            #expect(list.json["unreadCount"] as? Int == 1)
            let items = try #require(list.json["items"] as? [[String: Any]])
            #expect(items.first?["type"] as? String == "member.role-changed")
            let id = try #require(items.first?["id"] as? String)

            // Another member cannot mark it read.
            let other = try await fixture.call(
                .post, "/v1/notifications/read", token: fixture[.viewer].accessToken, json: ["ids": [id]])
            #expect(other.status == .ok && (other.json["read"] as? [String])?.isEmpty == true)
            let read = try await fixture.call(.post, "/v1/notifications/read", token: again.accessToken, json: ["all": true])
            #expect(read.json["read"] as? [String] == [id])
            let synced = try await stream.next(1, only: ["notification.read"])
            #expect(synced.first?.type == "notification.read")
            #expect(
                try await fixture.call(.get, "/v1/notifications?unread=true", token: again.accessToken).json["unreadCount"] as? Int == 0)
            stream.close()

            // Without a list nothing is marked (the document's schema allows an empty object).
            let nothing = try await fixture.call(.post, "/v1/notifications/read", token: again.accessToken, json: [String: String]())
            #expect(nothing.status == .ok && (nothing.json["read"] as? [String])?.isEmpty == true)
            let badID = try await fixture.call(.post, "/v1/notifications/read", token: again.accessToken, json: ["ids": ["x"]])
            #expect(badID.status == .unprocessableContent && badID.problemType == "validation-failed")
        }
    }

    /// IDs are what the server writes (the document's pattern): a sign or leading zeros that
    /// `Int64` would read are refused, as are more IDs than the document's `maxItems`.
    @Test("marking read refuses IDs outside the document's pattern and lists over its maxItems")
    func markReadValidation() async throws {
        try await AccessFixture.run(.sqlite) { fixture in
            let token = fixture[.editor].accessToken
            for ids in [["+5"], ["007"], [" 7"], ["1234567890123456789"]] {
                let refused = try await fixture.call(.post, "/v1/notifications/read", token: token, json: ["ids": ids])
                #expect(refused.status == .unprocessableContent, "\(ids)")
                #expect(refused.json["errors"] as? [[String: String]] == [["pointer": "/ids/0", "message": "Not a notification ID."]])
            }
            let many = (1...501).map(String.init)
            let tooMany = try await fixture.call(.post, "/v1/notifications/read", token: token, json: ["ids": many])
            #expect(tooMany.status == .unprocessableContent && tooMany.problemType == "validation-failed")
            #expect((tooMany.json["errors"] as? [[String: String]])?.first?["pointer"] == "/ids")
            let fine = try await fixture.call(.post, "/v1/notifications/read", token: token, json: ["ids": Array(many.prefix(500))])
            #expect(fine.status == .ok)
        }
    }
}
