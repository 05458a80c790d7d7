import BulletinCore
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import NIOEmbedded
import NIOHTTP1
import Synchronization
import Testing

@testable import BulletinServer

/// The connections event streams arrive on: the first request of a connection (served apart
/// from Hummingbird's loop, ``EventStreamInterceptor``) or a later one (served by it).
@Suite("Realtime: event-stream connections")
struct EventStreamConnectionTests {
    @Test(
        "a stream that opened its connection is answered with a date, closes the connection, and a shutdown ends it cleanly",
        .timeLimit(.minutes(5)))
    func streamOpeningItsConnection() async throws {
        let opened = Mutex<RawHTTPClient?>(nil)
        try await AccessFixture.run(.sqlite, live: true) { fixture in
            let viewer = fixture[.viewer]
            let client = try await RawHTTPClient.connect(port: fixture.client.port!)
            opened.withLock { $0 = client }
            try await client.get("/v1/events?topic=user:\(viewer.id)", token: viewer.accessToken)
            try await waitUntil("the stream is open") { try await Self.metric(fixture).contains(#"transport="sse"} 1"#) }
            try await Self.appendEvent(on: "user:\(viewer.id)", fixture)
            try await waitUntil("the event arrives") { String(decoding: client.body, as: UTF8.self).contains("test.event") }
            #expect(client.status == 200)
            #expect(client.headers?["Content-Type"] == ["text/event-stream"])
            #expect(client.headers?["Connection"] == ["close"])
            let date = try #require(client.headers?["Date"].first)
            #expect(date.hasSuffix(" GMT") && date.count == 29, "an HTTP date: \(date)")
            #expect(client.ended == 0)
            // The stream is left open: the fixture now shuts the server down gracefully.
        }
        let client = try #require(opened.withLock { $0 })
        try await client.channel.closeFuture.get()
        #expect(client.ended == 1, "the response ended with its last chunk, not a cut connection")
    }

    @Test("a stream opened after another request on the same connection is served too")
    func streamAfterAnotherRequest() async throws {
        try await AccessFixture.run(.sqlite, live: true) { fixture in
            let viewer = fixture[.viewer]
            let client = try await RawHTTPClient.connect(port: fixture.client.port!)
            try await client.get("/healthz")
            try await waitUntil("the first response ends") { client.ended == 1 }
            #expect(client.status == 200)
            try await client.get("/v1/events?topic=user:\(viewer.id)", token: viewer.accessToken)
            try await waitUntil("the stream is open") { try await Self.metric(fixture).contains(#"transport="sse"} 1"#) }
            try await Self.appendEvent(on: "user:\(viewer.id)", fixture)
            try await waitUntil("the event arrives") { String(decoding: client.body, as: UTF8.self).contains("test.event") }
            #expect(client.status == 200)
            try await client.channel.close()
            try await waitUntil("the stream is closed") { try await Self.metric(fixture).contains(#"transport="sse"} 0"#) }
        }
    }

    @Test("a refused stream that opened its connection gets its problem, then the connection closes")
    func refusedStream() async throws {
        try await AccessFixture.run(.sqlite, live: true) { fixture in
            let viewer = fixture[.viewer]
            let client = try await RawHTTPClient.connect(port: fixture.client.port!)
            try await client.get("/v1/events?topic=user:\(fixture.outsider.id)", token: viewer.accessToken)
            try await client.channel.closeFuture.get()
            #expect(client.status == 403)
            #expect(client.headers?["Content-Type"] == ["application/problem+json"])
            #expect(String(decoding: client.body, as: UTF8.self).contains(ProblemType.topicForbidden.uri))
            #expect(client.ended == 1)
        }
    }

    @Test("a shutdown that began before a connection's first request closes it, and a stream opening then is told at once")
    func quiescedBeforeTheRequest() throws {
        let channel = EmbeddedChannel()
        let opener = EventStreamOpener(
            responder: Router(context: BulletinRequestContext.self).buildResponder(), logger: Logger(label: "test"))
        let interceptor = EventStreamInterceptor(opener: opener)
        try channel.pipeline.syncOperations.addHandler(interceptor)
        channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        #expect(!channel.isActive)
        var told = false
        interceptor.whenQuiescing { told = true }
        #expect(told)
        _ = try channel.finish(acceptAlreadyClosed: true)
    }

    private static func appendEvent(on topic: String, _ fixture: AccessFixture) async throws {
        try await fixture.database.transaction { executor in
            _ = try await EventLog(database: executor).append(
                NewEvent(workspaceID: fixture.workspaceID, topic: topic, type: "test.event", payload: "{}", requestID: nil),
                now: Date())
        }
    }

    private static func metric(_ fixture: AccessFixture) async throws -> String {
        try await fixture.client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
    }
}
