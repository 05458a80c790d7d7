import BulletinCore
import BulletinServerTestSupport
import BulletinStore
import BulletinTestSupport
import Foundation
import HummingbirdTesting
import NIOCore
import NIOHTTP1
import Synchronization
import Testing

@testable import BulletinServer

/// What a connection may send before the router sees a request: heads beyond the limits,
/// malformed HTTP, requests to switch protocols, and nothing at all at shutdown.
@Suite("Front door: connections", .timeLimit(.minutes(2)))
struct FrontDoorConnectionTests {
    /// A request line and headers, with one header field of `size` bytes.
    static func head(_ target: String = "/healthz", fieldOf size: Int) -> String {
        "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: \(String(repeating: "a", count: size))\r\n\r\n"
    }

    /// A problem answer: its status, media type and type, and the body's request ID is the
    /// `X-Request-ID` header's.
    static func expectProblem(_ response: RawResponse?, status: Int, type: ProblemType) throws {
        let response = try #require(response)
        #expect(response.status == status)
        #expect(response.headers["content-type"] == "application/problem+json")
        let json = try #require(response.json)
        #expect(json["type"] as? String == type.uri)
        #expect(json["requestId"] as? String == response.headers["x-request-id"])
        #expect(response.headers["x-request-id"] != nil)
    }

    @Test("a head beyond the limits on a connection's first request gets a 431 problem, and the connection closes")
    func oversizedFirstHead() async throws {
        try await withTestApplication(.sqlite, live: true) { client, _ in
            let socket = try await RawSocket.connect(port: client.port!)
            defer { socket.channel.close(promise: nil) }
            try await socket.send(Self.head(fieldOf: 20 * 1024))
            try await socket.waitUntilClosed()
            #expect(socket.responses.count == 1)
            try Self.expectProblem(socket.responses.first, status: 431, type: .headersTooLarge)
            #expect(socket.responses.first?.headers["connection"] == "close")
        }
    }

    @Test("a head beyond the limits on a later request gets a 431 problem, not a bare 400")
    func oversizedLaterHead() async throws {
        try await withTestApplication(.sqlite, live: true) { client, _ in
            let socket = try await RawSocket.connect(port: client.port!)
            defer { socket.channel.close(promise: nil) }
            try await socket.send(Self.head(fieldOf: 10))
            try await waitUntil("the first response arrives") { socket.responses.count == 1 }
            #expect(socket.responses.first?.status == 200)
            try await socket.send(Self.head(fieldOf: 20 * 1024))
            try await socket.waitUntilClosed()
            #expect(socket.responses.count == 2)
            try Self.expectProblem(socket.responses.last, status: 431, type: .headersTooLarge)
        }
    }

    @Test("malformed HTTP gets a 400 problem, and the connection closes")
    func malformedHead() async throws {
        try await withTestApplication(.sqlite, live: true) { client, _ in
            let socket = try await RawSocket.connect(port: client.port!)
            defer { socket.channel.close(promise: nil) }
            try await socket.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nNo colon here\r\n\r\n")
            try await socket.waitUntilClosed()
            try Self.expectProblem(socket.responses.first, status: 400, type: .badRequest)
        }
    }

    @Test("a body the decoder cannot read is a 400 problem, not a 500, and the connection closes")
    func malformedChunkedBody() async throws {
        try await withTestApplication(.sqlite, live: true) { client, _ in
            let socket = try await RawSocket.connect(port: client.port!)
            defer { socket.channel.close(promise: nil) }
            try await socket.send(
                "POST /v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n2\r\n{\"\r\nzz\r\n")
            try await socket.waitUntilClosed()
            #expect(socket.responses.count == 1)
            try Self.expectProblem(socket.responses.first, status: 400, type: .badRequest)
        }
    }

    /// NIO's decoder parses nothing after a request that asks to switch protocols, and kept
    /// what followed in memory without bound; its upgrade handler dropped a request for a
    /// protocol it has no upgrader for, unanswered. The server answers the request as if
    /// plain, reads no further, and closes.
    @Test("a request to switch to a protocol the server does not speak is answered, then the connection closes")
    func unswitchedUpgrade() async throws {
        try await withTestApplication(.sqlite, live: true) { client, _ in
            let socket = try await RawSocket.connect(port: client.port!)
            defer { socket.channel.close(promise: nil) }
            let pipelined = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            try await socket.send(
                "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n"
                    + String(repeating: pipelined, count: 1000))
            try await socket.waitUntilClosed()
            #expect(socket.responses.count == 1)
            #expect(socket.responses.first?.status == 200)
            #expect(socket.responses.first?.headers["connection"] == "close")
        }
    }

    /// Requests that ask for a WebSocket the server will not open reach the router: a
    /// malformed handshake at /v1/ws (NIO's upgrader refused it, and Hummingbird answered with
    /// a redirect to the same address), and a handshake to another method or path (a bare
    /// 400 from Hummingbird).
    @Test(
        "a refused WebSocket upgrade gets a problem with its request ID",
        arguments: [
            ("GET", "/v1/ws", "8", 426, ProblemType.upgradeRequired),
            ("POST", "/v1/ws", "13", 405, ProblemType.methodNotAllowed),
            ("GET", "/v1/no-such-socket", "13", 404, ProblemType.notFound),
        ])
    func refusedUpgrade(method: String, path: String, version: String, status: Int, type: ProblemType) async throws {
        try await AccessFixture.run(.sqlite, live: true) { fixture in
            let socket = try await RawSocket.connect(port: fixture.client.port!)
            defer { socket.channel.close(promise: nil) }
            try await socket.send(
                "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(fixture[.viewer].accessToken)\r\n"
                    + "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: \(version)\r\n\r\n")
            try await socket.waitUntilClosed()
            try Self.expectProblem(socket.responses.first, status: status, type: type)
            if status == 426 {
                #expect(socket.responses.first?.headers["sec-websocket-version"] == "13")
            }
        }
    }

    /// The guard holds reads while a switch is decided and leaves at the `101`: the switch's
    /// answer must still reach the client without anything more from it (it once waited for a
    /// flush that came after the guard had gone, and the upgrade never finished).
    @Test("an accepted WebSocket handshake is answered 101, and the socket's first message follows unasked")
    func acceptedUpgrade() async throws {
        try await AccessFixture.run(.sqlite, live: true) { fixture in
            let socket = try await RawSocket.connect(port: fixture.client.port!)
            defer { socket.channel.close(promise: nil) }
            try await socket.send(
                "GET /v1/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(fixture[.viewer].accessToken)\r\n"
                    + "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n")
            try await waitUntil("the ready message arrives", limit: .seconds(20)) {
                String(decoding: socket.received, as: UTF8.self).contains(#""type":"ready""#)
            }
            let switched = try #require(socket.responses.first)
            #expect(switched.status == 101)
            #expect(switched.headers["sec-websocket-accept"] == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
        }
    }

    @Test("a connection that sent no request is closed at shutdown, and the server stops")
    func idleConnectionAtShutdown() async throws {
        let idle = SendableBox<RawSocket>()
        try await RunningServer.run { server in
            let client = try await RawSocket.connect(port: server.port)
            defer { client.channel.close(promise: nil) }
            idle.set(client)
            // A request on a second connection, accepted after the first, shows the server serving.
            let probe = try await RawHTTPClient.connect(port: server.port)
            defer { probe.channel.close(promise: nil) }
            try await probe.get("/healthz")
            try await waitUntil("the probe is answered") { probe.ended == 1 }
            await server.shutDown()
            // Closed from this side if the server does not, which would wait for it forever.
            try await client.waitUntilClosed()
        }
        #expect(idle.value?.responses.isEmpty == true)
    }
}

/// A value set once by a test's body and read after it.
final class SendableBox<Value: Sendable>: Sendable {
    private let stored = Mutex<Value?>(nil)
    func set(_ value: Value) { stored.withLock { $0 = value } }
    var value: Value? { stored.withLock { $0 } }
}
