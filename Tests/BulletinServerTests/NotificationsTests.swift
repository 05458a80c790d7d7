import BulletinCore
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
            #expect(try await fixture.call(.get, "/v1/notifications?unread=true", token: again.accessToken).json["unreadCount"] as? Int == 0)
            stream.close()

            let invalid = try await fixture.call(.post, "/v1/notifications/read", token: again.accessToken, json: [String: String]())
            #expect(invalid.status == .unprocessableContent)
            let badID = try await fixture.call(.post, "/v1/notifications/read", token: again.accessToken, json: ["ids": ["x"]])
            #expect(badID.status == .unprocessableContent)
        }
    }
}
