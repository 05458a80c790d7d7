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

@Suite("Realtime: WebSocket")
struct WebSocketTests {
    static func url(_ fixture: AccessFixture, query: String = "") -> String {
        "ws://127.0.0.1:\(fixture.client.port!)/v1/ws" + (query.isEmpty ? "" : "?" + query)
    }

    /// A WebSocket opened with a bearer token, past its `ready` message.
    static func open(_ fixture: AccessFixture, token: String) async throws -> WebSocketTestClient {
        let socket = WebSocketTestClient(url(fixture), headers: [.authorization: "Bearer \(token)"])
        let ready = try await socket.next(1)
        #expect(ready.first?.type == "ready")
        return socket
    }

    static func subscribe(
        _ socket: WebSocketTestClient, id: String, topics: [String], since: Int64? = nil
    ) async throws -> [String: Any] {
        var message: [String: Any] = ["type": "subscribe", "id": id, "topics": topics]
        if let since { message["since"] = String(since) }
        try socket.send(message)
        return try #require(try await socket.next(1, only: ["subscribed", "error"]).first).json
    }

    /// The IDs of `event` messages.
    static func ids(_ messages: [ReceivedMessage]) -> [String] {
        messages.compactMap { ($0.json["event"] as? [String: Any])?["id"] as? String }
    }

    /// The next `count` events of one type (presence events on the same topics are skipped).
    static func events(_ socket: WebSocketTestClient, _ count: Int, type: String = "test.event") async throws -> [ReceivedMessage] {
        var found: [ReceivedMessage] = []
        while found.count < count {
            found += try await socket.next(1, only: ["event"]).filter {
                ($0.json["event"] as? [String: Any])?["type"] as? String == type
            }
        }
        return found
    }

    @Test("a WebSocket subscriber sees an invitation with the same ID and envelope as an event stream", arguments: TestDatabases.dialects)
    func invitationArrives(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect, live: true) { fixture in
            let viewer = fixture[.viewer].accessToken
            let topic = "workspace:\(fixture.workspaceID)"
            let socket = try await Self.open(fixture, token: viewer)
            let subscribed = try await Self.subscribe(socket, id: "ws", topics: [topic])
            #expect(subscribed["type"] as? String == "subscribed")
            #expect(subscribed["topics"] as? [String] == [topic])
            let stream = try await EventStreamClient.connect(
                RealtimeTests.url(fixture, topics: [topic]), headers: [("Authorization", "Bearer \(viewer)")])
            let invited = try await fixture.call(
                .post, "/v1/invitations", token: fixture[.admin].accessToken, json: ["email": "new@acme.test", "role": "viewer"])
            #expect(invited.status == .created)
            let overSocket = try #require(try await Self.events(socket, 1, type: "invitation.create").first)
            let overStream = try await stream.next(1, only: ["invitation.create"])
            #expect(overSocket.json["subscription"] as? String == "ws")
            let envelope = try #require(overSocket.json["event"] as? [String: Any])
            #expect(envelope["id"] as? String == overStream.first?.lastEventID)
            let streamed = try JSONSerialization.jsonObject(with: Data(try #require(overStream.first).data.utf8)) as? [String: Any]
            #expect(NSDictionary(dictionary: envelope).isEqual(to: try #require(streamed)))
            stream.close()
            socket.close()
            try await socket.waitUntilClosed()
        }
    }

    @Test("since replays exactly the later events, then the subscription continues live")
    func resume() async throws {
        try await AccessFixture.run(.sqlite, live: true) { fixture in
            let topic = "user:\(fixture[.viewer].id)"
            let ids = try await RealtimeTests.append(20, topic: topic, fixture: fixture)
            let socket = try await Self.open(fixture, token: fixture[.viewer].accessToken)
            for (index, cut) in [0, 7, 19].enumerated() {
                let since = cut == 0 ? ids[0] - 1 : ids[cut - 1]
                let subscribed = try await Self.subscribe(socket, id: "s\(index)", topics: [topic], since: since)
                #expect(subscribed["type"] as? String == "subscribed")
                let expected = ids.filter { $0 > since }.map(String.init)
                let replayed = try await Self.events(socket, expected.count)
                #expect(Self.ids(replayed) == expected, "resumed after \(since)")
                #expect(replayed.allSatisfy { $0.json["subscription"] as? String == "s\(index)" })
                try socket.send(["type": "unsubscribe", "id": "s\(index)"])
                #expect(try await socket.next(1, only: ["unsubscribed"]).first?.json["id"] as? String == "s\(index)")
            }
            _ = try await Self.subscribe(socket, id: "live", topics: [topic])
            let live = try await RealtimeTests.append(2, topic: topic, fixture: fixture)
            #expect(Self.ids(try await Self.events(socket, 2)) == live.map(String.init))
            socket.close()
        }
    }

    @Test("a since older than the retained log yields reset, then the subscription continues", arguments: TestDatabases.dialects)
    func reset(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect, live: true) { fixture in
            let topic = "user:\(fixture[.viewer].id)"
            let old = try await RealtimeTests.append(3, topic: topic, fixture: fixture)
            try await EventLog(database: fixture.database).prune(before: Date().addingTimeInterval(60))
            let socket = try await Self.open(fixture, token: fixture[.viewer].accessToken)
            _ = try await Self.subscribe(socket, id: "r", topics: [topic], since: old[0])
            let reset = try #require(try await socket.next(1, only: ["reset", "event"]).first)
            #expect(reset.type == "reset")
            #expect(reset.json["lastEventId"] as? String == String(old[0]))
            #expect(Int64(reset.json["id"] as? String ?? "") ?? 0 >= old[2])
            let live = try await RealtimeTests.append(1, topic: topic, fixture: fixture)
            #expect(Self.ids(try await Self.events(socket, 1)) == live.map(String.init))
            socket.close()
        }
    }

    @Test("a forbidden topic or a bad message gets a problem, and the connection stays open")
    func refusals() async throws {
        try await AccessFixture.run(.sqlite, live: true) { fixture in
            let socket = try await Self.open(fixture, token: fixture[.viewer].accessToken)
            func problem(after message: [String: Any]) async throws -> (id: String?, type: String?) {
                try socket.send(message)
                let error = try #require(try await socket.next(1, only: ["error"]).first).json
                let problem = error["problem"] as? [String: Any]
                #expect(problem?["requestId"] as? String != nil)
                return (error["id"] as? String, problemType(of: problem))
            }
            let forbidden = try await problem(after: ["type": "subscribe", "id": "a", "topics": ["workspace:ws_globex"]])
            #expect(forbidden.id == "a" && forbidden.type == "topic-forbidden")
            #expect(
                try await problem(after: ["type": "subscribe", "id": "b", "topics": ["user:\(fixture[.admin].id)"]]).type
                    == "topic-forbidden")
            #expect(try await problem(after: ["type": "subscribe", "id": "c", "topics": ["job:1"]]).type == "topic-forbidden")
            #expect(try await problem(after: ["type": "subscribe", "id": "d", "topics": ["nonsense"]]).type == "bad-request")
            #expect(try await problem(after: ["type": "subscribe", "id": "e", "topics": []]).type == "bad-request")
            #expect(try await problem(after: ["type": "subscribe", "topics": ["user:\(fixture[.viewer].id)"]]).type == "bad-request")
            #expect(try await problem(after: ["type": "dance"]).type == "bad-request")
            #expect(try await problem(after: ["type": "unsubscribe", "id": "never"]).type == "bad-request")
            socket.send(text: "not json")
            #expect(try await socket.next(1, only: ["error"]).count == 1)
            _ = try await Self.subscribe(socket, id: "mine", topics: ["user:\(fixture[.viewer].id)"])
            let twice = try await problem(after: ["type": "subscribe", "id": "mine", "topics": ["user:\(fixture[.viewer].id)"]])
            #expect(twice.type == "bad-request")
            let fifty = (0..<Topic.maximumPerStream).map { _ in "user:\(fixture[.viewer].id)" }
            #expect(try await problem(after: ["type": "subscribe", "id": "many", "topics": fifty]).type == "bad-request")
            try socket.send(["type": "ping", "id": "p1"])
            let pong = try #require(try await socket.next(1, only: ["pong"]).first)
            #expect(pong.json["id"] as? String == "p1")
            socket.close()
        }
    }

    @Test("a ticket opens one WebSocket, once; without credentials the socket says why and closes")
    func credentials() async throws {
        try await AccessFixture.run(.sqlite, live: true) { fixture in
            let viewer = fixture[.viewer]
            let issued = try await fixture.call(.post, "/v1/realtime/tickets", token: viewer.accessToken, json: [String: String]())
            let ticket = try #require(issued.json["ticket"] as? String)
            let first = WebSocketTestClient(Self.url(fixture, query: "ticket=\(ticket)"))
            let ready = try #require(try await first.next(1).first)
            #expect(ready.type == "ready")
            #expect(ready.json["userId"] as? String == viewer.id)
            first.close()
            try await first.waitUntilClosed()
            for query in ["ticket=\(ticket)", ""] {
                let refused = WebSocketTestClient(Self.url(fixture, query: query))
                let error = try #require(try await refused.next(1).first)
                #expect(error.type == "error")
                let problem = error.json["problem"] as? [String: Any]
                #expect((problem?["type"] as? String)?.hasSuffix("/unauthenticated") == true)
                #expect(problem?["status"] as? Int == 401)
                try await refused.waitUntilClosed()
                #expect(refused.closed?.code == 1008)
            }
        }
    }

    /// Runs `body` on a server that allows each user one realtime connection, with the
    /// viewer's event stream of their own topic open.
    private static func withOneConnectionEach(
        _ body: @escaping @Sendable (AccessFixture, _ token: String, _ topic: String, EventStreamClient) async throws -> Void
    ) async throws {
        try await AccessFixture.run(.sqlite, configure: { $0.realtimeConnectionsPerUser = 1 }, live: true) { fixture in
            let token = fixture[.viewer].accessToken
            let topic = "user:\(fixture[.viewer].id)"
            let stream = try await openStream(fixture, token: token, topic: topic)
            #expect(stream.status == 200)
            try await body(fixture, token, topic, stream)
        }
    }

    private static func openStream(_ fixture: AccessFixture, token: String, topic: String) async throws -> EventStreamClient {
        try await EventStreamClient.connect(RealtimeTests.url(fixture, topics: [topic]), headers: [("Authorization", "Bearer \(token)")])
    }

    @Test("a user's realtime connections are limited across both transports")
    func connectionLimit() async throws {
        try await Self.withOneConnectionEach { fixture, token, topic, stream in
            let second = try await fixture.call(.get, "/v1/events?topic=\(topic)", token: token)
            #expect(second.status == .tooManyRequests && second.problemType == "too-many-streams")
            let socket = WebSocketTestClient(Self.url(fixture), headers: [.authorization: "Bearer \(token)"])
            let refused = try #require(try await socket.next(1).first)
            #expect((refused.json["problem"] as? [String: Any])?["type"] as? String == ProblemType.tooManyStreams.uri)
            try await socket.waitUntilClosed()
            #expect(socket.closed?.code == 1013)
            // Another user is not affected.
            let other = try await Self.open(fixture, token: fixture[.editor].accessToken)
            other.close()
            stream.close()
        }
    }

    /// The first heartbeat, which would also notice the closed connection, comes 15 s after
    /// the server started; the place must be free well before it.
    @Test("an event stream whose client went away frees its place at once")
    func closedStreamFreesItsPlace() async throws {
        try await Self.withOneConnectionEach { fixture, token, topic, stream in
            stream.close()
            try await waitUntil("the closed stream's place is free", limit: .seconds(8)) {
                let next = try await Self.openStream(fixture, token: token, topic: topic)
                defer { next.close() }
                return next.status == 200
            }
        }
    }

    @Test("GET /v1/ws without an upgrade is answered 426 with a problem")
    func plainGet() async throws {
        try await AccessFixture.run(.sqlite, live: true) { fixture in
            let reply = try await fixture.call(.get, "/v1/ws", token: fixture[.viewer].accessToken)
            #expect(reply.status.code == 426)
            #expect(reply.problemType == "upgrade-required")
            #expect(reply.headers[.upgrade] == "websocket")
        }
    }

    @Test("open WebSockets are counted in their own gauge")
    func metrics() async throws {
        try await AccessFixture.run(.sqlite, live: true) { fixture in
            let socket = try await Self.open(fixture, token: fixture[.viewer].accessToken)
            func scrape() async throws -> String {
                try await fixture.client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
            }
            #expect(try await scrape().contains(#"bulletin_realtime_connections{transport="websocket"} 1"#))
            socket.close()
            try await socket.waitUntilClosed()
            try await waitUntil("the gauge drops") {
                try await scrape().contains(#"bulletin_realtime_connections{transport="websocket"} 0"#)
            }
        }
    }
}
