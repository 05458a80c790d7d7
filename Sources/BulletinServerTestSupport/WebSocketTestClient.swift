import BulletinTestSupport
import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOWebSocket
import Synchronization

/// A JSON message received on a WebSocket.
public struct ReceivedMessage: Sendable {
    public let text: String

    /// The message's members (empty when it is not a JSON object).
    public var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    /// The `type` member.
    public var type: String { json["type"] as? String ?? "" }
}

/// A WebSocket client for tests: connects, hands out the text messages received, and sends
/// what the test gives it.
public final class WebSocketTestClient: Sendable {
    private let messages: AsyncThrowingStream<ReceivedMessage, any Error>
    private let outgoing: AsyncStream<Outgoing>.Continuation
    private let connection: Task<Void, Never>
    private let closeFrame = CloseFrameBox()

    private final class CloseFrameBox: Sendable {
        let frame = Mutex<WebSocketCloseFrame?>(nil)
    }

    private enum Outgoing: Sendable {
        case text(String)
        case close
    }

    /// Opens `url` (ws://…) with the given headers; messages are read in the background.
    public init(_ url: String, headers: HTTPFields = [:]) {
        let (messages, received) = AsyncThrowingStream.makeStream(of: ReceivedMessage.self)
        let (outgoingStream, outgoing) = AsyncStream.makeStream(of: Outgoing.self)
        self.messages = messages
        self.outgoing = outgoing
        var configuration = WebSocketClientConfiguration()
        configuration.additionalHeaders = headers
        configuration.maxFrameSize = 1 << 20
        let closeFrame = self.closeFrame
        connection = Task {
            do {
                let frame = try await WebSocketClient.connect(
                    url: url, configuration: configuration, logger: Logger(label: "test.websocket")
                ) { inbound, outbound, _ in
                    let writer = Task {
                        for await message in outgoingStream {
                            switch message {
                            case .text(let text): try? await outbound.write(.text(text))
                            case .close: try? await outbound.close(.normalClosure, reason: nil)
                            }
                        }
                    }
                    defer { writer.cancel() }
                    for try await message in inbound.messages(maxSize: 1 << 20) {
                        if case .text(let text) = message { received.yield(ReceivedMessage(text: text)) }
                    }
                }
                closeFrame.frame.withLock { $0 = frame }
                received.finish()
            } catch {
                received.finish(throwing: error)
            }
        }
    }

    deinit {
        outgoing.finish()
        connection.cancel()
    }

    /// The server's close code and reason, once the connection has closed.
    public var closed: (code: Int, reason: String?)? {
        closeFrame.frame.withLock { frame in frame.map { (Int(UInt16(webSocketErrorCode: $0.closeCode)), $0.reason) } }
    }

    /// Sends a JSON object.
    public func send(_ object: [String: Any]) throws {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        outgoing.yield(.text(String(decoding: data, as: UTF8.self)))
    }

    /// Sends text as it is.
    public func send(text: String) {
        outgoing.yield(.text(text))
    }

    /// Closes the connection from the client's side.
    public func close() {
        outgoing.yield(.close)
    }

    /// Waits for the connection to end, within `limit`.
    public func waitUntilClosed(limit: Duration = .seconds(20)) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [connection] in await connection.value }
            group.addTask {
                try await Task.sleep(for: limit)
                throw DeadlinePassed(description: "the WebSocket did not close within \(limit)")
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    /// The next `count` messages (of the types `only` names, when given; others are skipped);
    /// fails if the connection ends first or `limit` passes.
    public func next(
        _ count: Int, only types: Set<String>? = nil, limit: Duration = .seconds(20)
    ) async throws
        -> [ReceivedMessage]
    {
        try await withThrowingTaskGroup(of: [ReceivedMessage].self) { group in
            group.addTask { [messages] in
                var received: [ReceivedMessage] = []
                var iterator = messages.makeAsyncIterator()
                while received.count < count, let message = try await iterator.next() {
                    if types?.contains(message.type) ?? true { received.append(message) }
                }
                guard received.count == count else {
                    throw DeadlinePassed(description: "the WebSocket closed after \(received.count) of \(count) messages")
                }
                return received
            }
            group.addTask {
                try await Task.sleep(for: limit)
                throw DeadlinePassed(description: "\(count) messages did not arrive within \(limit)")
            }
            defer { group.cancelAll() }
            return try await group.next() ?? []
        }
    }
}
