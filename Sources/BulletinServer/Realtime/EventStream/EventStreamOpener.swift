import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1

/// Answers the event-stream requests an ``EventStreamInterceptor`` takes off Hummingbird's
/// connection loop: through the router and all its middleware, as Hummingbird would, with
/// its `Date` header and its answer to an error nothing else handled (a bare 500).
///
/// Two tasks do it. The first runs the router (authentication, topic checks, subscribing)
/// and ends; the second writes the response and, for a stream, lives as long as it does.
/// Swift keeps a task's stack slabs until the task ends, so the long-lived task is a fresh
/// one, holding only what writing the stream needs rather than what the middleware grew.
struct EventStreamOpener: Sendable {
    let responder: any HTTPResponder<BulletinRequestContext>
    let logger: Logger

    /// Answers `head` through `writer`; returns at once.
    func open(_ head: HTTPRequestHead, writer: ChannelResponseWriter) {
        Task {
            let response = await respond(to: head, on: writer.channel)
            Task { await Self.write(response, to: writer) }
        }
    }

    private func respond(to head: HTTPRequestHead, on channel: any Channel) async -> Response {
        do {
            let request = Request(
                head: try HTTPRequest(head, secure: false, splitCookie: false), body: RequestBody(buffer: ByteBuffer()))
            let context = BulletinRequestContext(source: ApplicationRequestContextSource(channel: channel, logger: logger))
            return try await responder.respond(to: request, context: context)
        } catch {
            logger.debug("Unrecognised Error", metadata: ["error.type": "\(error)"])
            return Response(status: .internalServerError)
        }
    }

    private static func write(_ response: Response, to writer: ChannelResponseWriter) async {
        var head = response.head
        head.headerFields[.date] = httpDate(Date())
        head.headerFields[.connection] = "close"
        do {
            try await writer.writeHead(head)
            try await response.body.write(writer)
        } catch {
            // The connection failed; it closes below.
        }
        writer.close()
    }

    /// `date` as an HTTP date (RFC 9110, section 5.6.7): `Sun, 06 Nov 1994 08:49:37 GMT`.
    static func httpDate(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func twoDigits(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[Int(parts.tm_wday)]), \(twoDigits(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(twoDigits(parts.tm_hour)):\(twoDigits(parts.tm_min)):\(twoDigits(parts.tm_sec)) GMT"
    }
}
