import BulletinStore
import Foundation
import NIOCore

/// An event of the log with its wire forms, encoded once however many subscribers receive it.
struct EncodedEvent: Sendable {
    let event: LoggedEvent
    /// The JSON object both transports carry.
    let envelope: String
    /// Its server-sent event frame.
    let frame: ByteBuffer
    /// The frame as one chunk of a chunked HTTP/1.1 response body (see ``EventStreamChannel``).
    let chunk: ByteBuffer

    init(_ event: LoggedEvent) {
        self.event = event
        envelope = ServerSentEvents.envelope(event)
        frame = ServerSentEvents.frame(id: String(event.id), name: event.type, data: envelope)
        chunk = ServerSentEvents.chunk(frame)
    }
}

/// Frames of a `text/event-stream` (the HTML standard's server-sent events), written by hand
/// because none of the server packages here encodes them for a Hummingbird response.
enum ServerSentEvents {
    /// Tells the browser to wait this long before reconnecting after a drop.
    static let retryMilliseconds = 2000

    /// The stream's opening: the reconnection delay and a comment, so proxies flush headers.
    static func opening() -> ByteBuffer {
        ByteBuffer(string: "retry: \(retryMilliseconds)\n: connected\n\n")
    }

    /// ``heartbeat()`` as one chunk of a chunked HTTP/1.1 response body.
    static let heartbeatChunk = chunk(heartbeat())

    /// What a `reset` tells the client.
    static let resetReason = "events were missed; refetch state"

    /// A keep-alive comment.
    static func heartbeat() -> ByteBuffer {
        ByteBuffer(string: ": heartbeat\n\n")
    }

    /// An event as the JSON object both transports send: its ID, topic, type, time, request
    /// ID, the client's correlation ID when it sent one, and payload.
    static func envelope(_ event: LoggedEvent) -> String {
        let payload = event.payload.isEmpty ? "{}" : event.payload
        var envelope = #"{"id":"\#(event.id)","topic":\#(json(event.topic)),"type":\#(json(event.type)),"#
        envelope += #""time":\#(json(event.createdAt.formatted(.iso8601))),"#
        if let requestID = event.requestID { envelope += #""requestId":\#(json(requestID)),"# }
        if let correlationID = event.correlationID { envelope += #""correlationId":\#(json(correlationID)),"# }
        return envelope + #""payload":\#(payload)}"#
    }

    /// An `error` event carrying a problem's type and title, sent before the server closes a stream.
    static func problem(_ type: ProblemType) -> ByteBuffer {
        frame(id: nil, name: "error", data: #"{"type":"\#(type.uri)","title":\#(json(type.title))}"#)
    }

    /// A frame with an optional ID and name; data with line breaks becomes several `data:` lines.
    static func frame(id: String?, name: String, data: String) -> ByteBuffer {
        var text = ""
        if let id { text += "id: \(id)\n" }
        text += "event: \(name.filter { $0 != "\n" && $0 != "\r" })\n"
        for line in data.split(separator: "\n", omittingEmptySubsequences: false) {
            text += "data: \(line.filter { $0 != "\r" })\n"
        }
        return ByteBuffer(string: text + "\n")
    }

    /// Bytes as one chunk of a chunked HTTP/1.1 body (RFC 9112 §7.1): size in hex, CRLF, the
    /// bytes, CRLF.
    static func chunk(_ bytes: ByteBuffer) -> ByteBuffer {
        var chunk = ByteBuffer()
        chunk.reserveCapacity(bytes.readableBytes + 12)
        chunk.writeString(String(bytes.readableBytes, radix: 16))
        chunk.writeStaticString("\r\n")
        chunk.writeImmutableBuffer(bytes)
        chunk.writeStaticString("\r\n")
        return chunk
    }

    /// A JSON string literal.
    static func json(_ text: String) -> String {
        (try? JSONText.encode(text)) ?? #""""#
    }
}
