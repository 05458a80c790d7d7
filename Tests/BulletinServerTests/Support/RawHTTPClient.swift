import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A plain NIO HTTP/1.1 client on one connection, for tests that need what URLSession hides:
/// when a response ends, several requests on one connection, a client that stops reading.
final class RawHTTPClient: Sendable {
    /// The connection.
    let channel: any Channel
    private let collector: ResponseCollector

    /// Connects to `127.0.0.1:port`; with `reading: false` nothing is read until ``resumeReading()``.
    static func connect(port: Int, reading: Bool = true, receiveBuffer: Int? = nil) async throws -> RawHTTPClient {
        let collector = ResponseCollector()
        var bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).channelOption(.autoRead, value: reading)
        if let receiveBuffer {
            bootstrap = bootstrap.channelOption(.socketOption(.so_rcvbuf), value: SocketOptionValue(receiveBuffer))
        }
        let channel = try await bootstrap.channelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHTTPClientHandlers()
                try channel.pipeline.syncOperations.addHandler(collector)
            }
        }.connect(host: "127.0.0.1", port: port).get()
        return RawHTTPClient(channel: channel, collector: collector)
    }

    private init(channel: any Channel, collector: ResponseCollector) {
        self.channel = channel
        self.collector = collector
    }

    /// Sends a `GET`, with a bearer token when given.
    func get(_ uri: String, token: String? = nil) async throws {
        try await send(.GET, uri, token: token)
    }

    /// Sends a request without a body, with a bearer token and other headers when given.
    func send(_ method: HTTPMethod, _ uri: String, token: String? = nil, headers: [(String, String)] = []) async throws {
        var head = HTTPRequestHead(version: .http1_1, method: method, uri: uri)
        head.headers.add(name: "Host", value: "127.0.0.1")
        head.headers.add(name: "Accept", value: uri.hasPrefix("/v1/events") ? "text/event-stream" : "application/json")
        if let token { head.headers.add(name: "Authorization", value: "Bearer \(token)") }
        head.headers.add(contentsOf: headers)
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        try await channel.writeAndFlush(HTTPClientRequestPart.end(nil))
    }

    /// Starts reading what a client made with `reading: false` held back.
    func resumeReading() {
        channel.setOption(ChannelOptions.autoRead, value: true).whenSuccess { [channel] in channel.read() }
    }

    /// The last response's status.
    var status: Int? { collector.status.withLock { $0 } }
    /// Every response's body bytes so far, one after another.
    var body: [UInt8] { collector.body.withLock { $0 } }
    /// How many responses have ended.
    var ended: Int { collector.ended.withLock { $0 } }
    /// The last response's headers.
    var headers: HTTPHeaders? { collector.headers.withLock { $0 } }

    /// Keeps each response's status, headers, body bytes and end.
    private final class ResponseCollector: ChannelInboundHandler, Sendable {
        typealias InboundIn = HTTPClientResponsePart
        let status = Mutex<Int?>(nil)
        let headers = Mutex<HTTPHeaders?>(nil)
        let body = Mutex<[UInt8]>([])
        let ended = Mutex(0)

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                status.withLock { $0 = Int(head.status.code) }
                headers.withLock { $0 = head.headers }
            case .body(let buffer): body.withLock { $0.append(contentsOf: buffer.readableBytesView) }
            case .end: ended.withLock { $0 += 1 }
            }
        }
    }
}
