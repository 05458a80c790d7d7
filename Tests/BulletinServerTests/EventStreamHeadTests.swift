import BulletinApp
import BulletinCore
import BulletinServerTestSupport
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import NIOHTTP1
import Testing

@testable import BulletinServer

@Suite("Realtime: HEAD of the event stream")
struct EventStreamHeadTests {
    /// Hummingbird's automatic HEAD ran the whole GET, subscription included, and dropped the
    /// body: a HEAD took one of its user's realtime connections until its connection closed.
    @Test("HEAD /v1/events answers a stream's headers after the same checks, without subscribing")
    func headDoesNotSubscribe() async throws {
        try await AccessFixture.run(.sqlite, configure: { $0.realtimeConnectionsPerUser = 1 }, live: true) { fixture in
            let viewer = fixture[.viewer]
            let client = try await RawHTTPClient.connect(port: fixture.client.port!)
            defer { client.channel.close(promise: nil) }
            try await client.send(.HEAD, "/v1/events?topic=user:\(viewer.id)", token: viewer.accessToken)
            try await waitUntil("the answer ends") { client.ended == 1 }
            #expect(client.status == 200)
            #expect(client.headers?["Content-Type"] == ["text/event-stream"])
            #expect(client.headers?["X-Request-ID"].isEmpty == false)
            #expect(client.body.isEmpty)
            // The HEAD's connection is still open, and the user's one realtime connection free.
            #expect(client.channel.isActive)
            let metrics = try await fixture.client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
            #expect(!metrics.contains(#"bulletin_realtime_connections{transport="sse"} 1"#))
            let stream = try await EventStreamClient.connect(
                RealtimeTests.url(fixture, topics: ["user:\(viewer.id)"]), headers: [("Authorization", "Bearer \(viewer.accessToken)")])
            #expect(stream.status == 200)
            stream.close()
            // The same checks as a GET: another user's topic is refused.
            try await client.send(.HEAD, "/v1/events?topic=user:\(fixture[.admin].id)", token: viewer.accessToken)
            try await waitUntil("the second answer ends") { client.ended == 2 }
            #expect(client.status == 403)
        }
    }
}
