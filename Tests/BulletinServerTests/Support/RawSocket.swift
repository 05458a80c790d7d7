import BulletinTestSupport
import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A TCP connection that sends bytes as they are and keeps every byte that comes back: for
/// requests no HTTP encoder would write (malformed, oversized, pipelined).
final class RawSocket: Sendable {
    /// The connection.
    let channel: any Channel
    private let collector: Collector

    /// Connects to `127.0.0.1:port`.
    static func connect(port: Int) async throws -> RawSocket {
        let collector = Collector()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(collector) }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return RawSocket(channel: channel, collector: collector)
    }

    private init(channel: any Channel, collector: Collector) {
        self.channel = channel
        self.collector = collector
    }

    /// Sends `text` as it is.
    func send(_ text: String) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text))
    }

    /// Waits until the server has closed the connection. After `limit`, closes it from this
    /// side (so that the server's shutdown does not wait for it) and throws.
    func waitUntilClosed(limit: Duration = .seconds(20)) async throws {
        do {
            try await waitUntil("the server closes the connection", limit: limit) { !channel.isActive }
        } catch {
            try? await channel.close()
            throw error
        }
    }

    /// Every byte received so far.
    var received: [UInt8] { collector.bytes.withLock { $0 } }

    /// The complete responses received so far, in order (bodies framed by `Content-Length`).
    var responses: [RawResponse] { RawResponse.parse(received) }

    private final class Collector: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let bytes = Mutex<[UInt8]>([])

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            bytes.withLock { $0.append(contentsOf: buffer.readableBytesView) }
        }
    }
}

/// One HTTP/1.1 response read off a ``RawSocket``.
struct RawResponse: Sendable {
    let status: Int
    /// Header fields by lower-cased name; repeated fields joined with ", ".
    let headers: [String: String]
    let body: [UInt8]

    /// The body as a JSON object.
    var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] }

    /// The responses in `bytes`, up to the first incomplete one.
    static func parse(_ bytes: [UInt8]) -> [RawResponse] {
        var responses: [RawResponse] = []
        var rest = bytes[...]
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        while let end = rest.firstRange(of: separator) {
            let lines = String(decoding: rest[rest.startIndex..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
            guard let status = lines.first?.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { break }
            var headers: [String: String] = [:]
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let name = line[..<colon].lowercased()
                let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                headers[name] = headers[name].map { $0 + ", " + value } ?? value
            }
            let length = headers["content-length"].flatMap { Int($0) } ?? 0
            guard rest[end.upperBound...].count >= length else { break }
            let body = Array(rest[end.upperBound..<end.upperBound + length])
            responses.append(RawResponse(status: status, headers: headers, body: body))
            rest = rest[(end.upperBound + length)...]
        }
        return responses
    }
}
