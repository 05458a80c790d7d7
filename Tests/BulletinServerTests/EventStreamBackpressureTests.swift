import BulletinApp
import BulletinCore
import BulletinServerTestSupport
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import BulletinServer

@Suite("Realtime: an event stream whose client stops reading", .serialized)
struct EventStreamBackpressureTests {
    @Test("it is cut off as a slow consumer: what it was sent arrives in order, then the reason, then the end")
    func stalledClient() async throws {
        try await AccessFixture.run(.sqlite, live: true) { fixture in
            let viewer = fixture[.viewer]
            let topic = "user:\(viewer.id)"
            // A client that reads nothing until told to, with a small receive window.
            let client = try await RawHTTPClient.connect(port: fixture.client.port!, reading: false, receiveBuffer: 4096)
            try await client.get("/v1/events?topic=\(topic)", token: viewer.accessToken)
            try await waitUntil("the stream is open") { try await Self.metric(fixture).contains(#"transport="sse"} 1"#) }

            let appended = try await Self.stallUntilCutOff(fixture, topic: topic)

            // Now read everything the server sent.
            client.resumeReading()
            try await waitUntil("the response ends", limit: .seconds(30)) { client.ended == 1 }
            #expect(client.status == 200)
            var parser = EventStreamParser()
            let events = parser.feed(client.body)
            let numbers = try events.filter { $0.type == "test.event" }.map { event in
                let payload = try #require(try JSONSerialization.jsonObject(with: Data(event.data.utf8)) as? [String: Any])
                return try #require((payload["payload"] as? [String: Any])?["n"] as? Int)
            }
            #expect(!numbers.isEmpty)
            #expect(numbers == Array(0..<numbers.count), "events arrive in order, without holes or repeats, up to the cut")
            #expect(numbers.count < appended, "what waited behind the stalled write was dropped, not sent")
            let last = try #require(events.last)
            #expect(last.type == "error")
            #expect(last.data.contains(ProblemType.slowConsumer.uri))
            try await waitUntil("the stream is closed") { try await Self.metric(fixture).contains(#"transport="sse"} 0"#) }
            // A connection that opened with its stream serves only it: the server closes it.
            try await client.channel.closeFuture.get()
        }
    }

    @Test("one that reads nothing more is disconnected once it has had a while to read why", .timeLimit(.minutes(5)))
    func clientThatNeverReads() async throws {
        let grace = Duration.seconds(1)
        try await AccessFixture.run(.sqlite, configure: { $0.realtimeSlowConsumerGrace = grace }, live: true) { fixture in
            let viewer = fixture[.viewer]
            let client = try await RawHTTPClient.connect(port: fixture.client.port!, reading: false, receiveBuffer: 4096)
            try await client.get("/v1/events?topic=user:\(viewer.id)", token: viewer.accessToken)
            try await waitUntil("the stream is open") { try await Self.metric(fixture).contains(#"transport="sse"} 1"#) }
            _ = try await Self.stallUntilCutOff(fixture, topic: "user:\(viewer.id)")
            // Past the grace, whatever the client reads next, the server has closed.
            try await Task.sleep(for: grace * 1.5)
            client.resumeReading()
            try await client.channel.closeFuture.get()
            #expect(client.ended == 0, "the server closed the connection without ending the response")
        }
    }

    /// Appends large events to a stream whose client reads nothing until the server gives up
    /// on it: the socket's buffers fill, the connection stops being writable, and the mailbox
    /// behind it overflows.
    /// - Returns: How many events were appended.
    private static func stallUntilCutOff(_ fixture: AccessFixture, topic: String) async throws -> Int {
        let padding = String(repeating: "x", count: 16_000)
        var appended = 0
        while !(try await metric(fixture).contains("bulletin_realtime_slow_consumer_disconnects_total 1")) {
            try #require(appended < 20 * EventBroadcaster.bufferCapacity, "the stream was never cut off")
            let first = appended
            try await fixture.database.transaction { executor in
                for index in first..<first + 200 {
                    _ = try await EventLog(database: executor).append(
                        NewEvent(
                            workspaceID: fixture.workspaceID, topic: topic, type: "test.event",
                            payload: #"{"n":\#(index),"padding":"\#(padding)"}"#, requestID: nil),
                        now: Date())
                }
            }
            appended += 200
        }
        return appended
    }

    private static func metric(_ fixture: AccessFixture) async throws -> String {
        try await fixture.client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
    }
}
