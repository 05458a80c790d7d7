import AsyncHTTPClient
import BulletinTestSupport
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// One event of a `text/event-stream`, as EventSource dispatches it.
public struct StreamedEvent: Sendable, Hashable {
    /// `message` unless the frame named another type.
    public var type: String
    public var data: String
    /// The last event ID in force when it was dispatched.
    public var lastEventID: String

    public init(type: String, data: String, lastEventID: String) {
        self.type = type
        self.data = data
        self.lastEventID = lastEventID
    }
}

/// The HTML Standard's event-stream parser ("Interpreting an event stream"): UTF-8, one
/// leading BOM stripped, CR, LF and CRLF line ends (also split across chunks), comments,
/// `field: value` with one leading space removed, `data` accumulated and dispatched on a blank
/// line, `event` reset after each dispatch, `id` persisting (ignored when it contains NUL),
/// and a final block without its blank line discarded.
public struct EventStreamParser: Sendable {
    private var pending: [UInt8] = []
    private var lastWasCR = false
    private var atStart = true
    private var type = ""
    private var data = ""
    private var sawData = false
    private var lastEventID = ""
    /// The last `retry` value in milliseconds, if any.
    public private(set) var retry: Int?

    public init() {}

    /// Feeds bytes; returns the events they complete.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [StreamedEvent] {
        var events: [StreamedEvent] = []
        for byte in bytes {
            if byte == 0x0A, lastWasCR {
                lastWasCR = false
                continue
            }
            lastWasCR = byte == 0x0D
            if byte == 0x0A || byte == 0x0D {
                if let event = line(pending) { events.append(event) }
                pending.removeAll(keepingCapacity: true)
            } else {
                pending.append(byte)
            }
        }
        return events
    }

    private mutating func line(_ bytes: [UInt8]) -> StreamedEvent? {
        var text = String(decoding: bytes, as: UTF8.self)
        if atStart {
            atStart = false
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        }
        if text.isEmpty { return dispatch() }
        if text.hasPrefix(":") { return nil }
        let field: Substring
        var value: Substring
        if let colon = text.firstIndex(of: ":") {
            field = text[..<colon]
            value = text[text.index(after: colon)...]
            if value.first == " " { value = value.dropFirst() }
        } else {
            field = Substring(text)
            value = ""
        }
        switch field {
        case "event": type = String(value)
        case "data":
            data += value + "\n"
            sawData = true
        case "id" where !value.contains("\u{0}"): lastEventID = String(value)
        case "retry" where !value.isEmpty && value.allSatisfy({ $0.isASCII && $0.isNumber }): retry = Int(value)
        default: break
        }
        return nil
    }

    private mutating func dispatch() -> StreamedEvent? {
        defer {
            type = ""
            data = ""
            sawData = false
        }
        guard sawData else { return nil }
        if data.hasSuffix("\n") { data.removeLast() }
        return StreamedEvent(type: type.isEmpty ? "message" : type, data: data, lastEventID: lastEventID)
    }
}

/// A client of Bulletin's event stream for tests: connects, then hands out events as they come.
public final class EventStreamClient: Sendable {
    public let status: Int
    public let contentType: String?
    private let events: AsyncThrowingStream<StreamedEvent, any Error>
    private let reader: Task<Void, Never>
    private let log = ByteLog()

    /// Every byte received so far, as sent.
    public var received: [UInt8] { log.bytes.withLock { $0 } }

    private final class ByteLog: Sendable {
        let bytes = Mutex<[UInt8]>([])
    }

    /// Opens `url` with the given headers; the stream is read in the background.
    public static func connect(_ url: String, headers: [(String, String)] = []) async throws -> EventStreamClient {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "text/event-stream")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        return EventStreamClient(response: response)
    }

    private init(response: HTTPClientResponse) {
        status = Int(response.status.code)
        contentType = response.headers.first(name: "Content-Type")
        let (events, continuation) = AsyncThrowingStream.makeStream(of: StreamedEvent.self)
        self.events = events
        reader = Task { [log] in
            var parser = EventStreamParser()
            do {
                for try await buffer in response.body {
                    log.bytes.withLock { $0.append(contentsOf: buffer.readableBytesView) }
                    for event in parser.feed(buffer.readableBytesView) { continuation.yield(event) }
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
    }

    deinit { reader.cancel() }

    /// The next `count` events (of the types `only` names, when given; others are skipped);
    /// fails if the stream ends first or `limit` passes.
    public func next(_ count: Int, only types: Set<String>? = nil, limit: Duration = .seconds(20)) async throws -> [StreamedEvent] {
        try await withThrowingTaskGroup(of: [StreamedEvent].self) { group in
            group.addTask { [events] in
                var received: [StreamedEvent] = []
                var iterator = events.makeAsyncIterator()
                while received.count < count, let event = try await iterator.next() {
                    if types?.contains(event.type) ?? true { received.append(event) }
                }
                return received
            }
            group.addTask {
                try await Task.sleep(for: limit)
                throw DeadlinePassed(description: "\(count) events did not arrive within \(limit)")
            }
            defer { group.cancelAll() }
            return try await group.next() ?? []
        }
    }

    /// Stops reading; the server sees the connection close.
    public func close() {
        reader.cancel()
    }
}
