import BulletinCore
import BulletinStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus
import Synchronization

/// `GET /v1/events?topic=…&topic=…`: the event log as server-sent events.
///
/// Authorisation is the access middleware's (a bearer token, or a `ticket` in the query for
/// browsers' EventSource); each topic is then checked, and one the caller may not follow is
/// refused with `403 topic-forbidden` before anything streams.
///
/// **HEAD** runs the same checks and answers the stream's headers without subscribing, so it
/// takes none of the user's realtime connections (Hummingbird's automatic HEAD would run the
/// whole GET, subscription included, and drop the body).
///
/// **Resuming.** With `Last-Event-ID` (the header EventSource sends when it reconnects, or a
/// `lastEventId` query parameter), the stream first replays the topics' events after that ID,
/// then continues live, with no duplicates and no holes (see ``RealtimeSessions/play(_:after:into:)``).
/// When the ID is older than the log's retention (or unknown), a `reset` event comes first:
/// events were missed, refetch state, then continue from its ID.
///
/// **The path of a stream** (this folder; drawn in docs/realtime.md, "How it works"): a
/// connection whose first request opens a stream is taken off Hummingbird's loop by the
/// ``EventStreamInterceptor`` and answered by an ``EventStreamOpener``; on a connection that
/// served other requests, Hummingbird answers it through a ``StreamOpeningResponder``. Either
/// way the request goes through the router and its middleware to this route, which checks
/// the topics and subscribes; the catch-up goes through the response's body writer, then an
/// ``EventStreamChannel`` writes live events on the connection's event loop.
struct EventStreamRoute: Sendable {
    /// Where the stream is served.
    static let path = "/v1/events"
    let sessions: RealtimeSessions
    /// How long a client cut off as a slow consumer has to read why, before its connection
    /// closes (`--realtime-slow-consumer-grace`).
    let slowConsumerGrace: Duration

    func register(on router: Router<BulletinRequestContext>) {
        router.get(RouterPath(stringLiteral: Self.path)) { request, context in try await stream(request, channel: context.channel) }
        router.head(RouterPath(stringLiteral: Self.path)) { request, _ in try await head(request) }
    }

    /// What a GET would check, and the headers it would send, with no stream behind them.
    private func head(_ request: Request) async throws -> Response {
        _ = try await sessions.authorisedTopics(request.uri.queryParameters.getAll("topic"), for: try RequestScope.principal())
        _ = try Self.lastEventID(request)
        // A body of unknown length, as a stream's: its head says chunked, as a GET's would.
        return Response(status: .ok, headers: Self.headers, body: ResponseBody { writer in try await writer.finish(nil) })
    }

    /// The headers of a stream's response.
    private static let headers: HTTPFields = [
        .contentType: "text/event-stream", .cacheControl: "no-store", HTTPField.Name("X-Accel-Buffering")!: "no",
    ]

    private func stream(_ request: Request, channel: any Channel) async throws -> Response {
        let principal = try RequestScope.principal()
        let topics = try await sessions.authorisedTopics(request.uri.queryParameters.getAll("topic"), for: principal)
        let lastEventID = try Self.lastEventID(request)
        let user = principal.userID
        try sessions.openConnection(of: user)
        let feed = await sessions.subscribe(topics, principal: principal)
        let connections = sessions.metrics.connections("sse")
        connections.increment()
        let release = OnlyOnce { [sessions] in
            sessions.end(feed)
            sessions.closeConnection(of: user)
            connections.decrement()
        }
        // A client that went away ends its stream (and frees its place among the user's
        // connections) now, not at the next heartbeat; and so does one that left before the
        // body began.
        channel.closeFuture.whenComplete { _ in
            feed.subscription.finish(.unsubscribed)
            release.run()
        }
        let body = ResponseBody { [sessions] writer in
            try await writer.write(ServerSentEvents.opening())
            var sink = ServerSentEventSink(writer: writer)
            let outcome: Result<StreamEnd, any Error>
            do {
                let lastSent = try await sessions.catchUp(feed, after: lastEventID, into: &sink)
                let live = try await EventStreamChannel.open(channel: channel, subscription: feed.subscription, after: lastSent)
                outcome = .success(await live.run())
            } catch {
                outcome = .failure(error)
            }
            release.run()
            guard try outcome.get() == .slowConsumer else {
                try await sink.writer.finish(nil)
                return
            }
            // A client too slow for its events may be reading nothing at all: it has a while
            // to read why its stream ended, then its connection closes.
            let deadline = channel.eventLoop.scheduleTask(in: TimeAmount(slowConsumerGrace)) { channel.close(promise: nil) }
            defer { deadline.cancel() }
            try await sink.writer.write(ServerSentEvents.problem(.slowConsumer))
            try await sink.writer.finish(nil)
        }
        return Response(status: .ok, headers: Self.headers, body: body)
    }

    /// `Last-Event-ID`, or the `lastEventId` query parameter; `nil` when neither is given.
    private static func lastEventID(_ request: Request) throws -> Int64? {
        guard let text = request.headers[HTTPField.Name("Last-Event-ID")!] ?? request.uri.queryParameters.get("lastEventId")
        else { return nil }
        guard let id = Int64(text), id >= 0 else {
            throw APIError(.badRequest, detail: "Last-Event-ID must be an event ID this server sent.")
        }
        return id
    }
}

/// Writes a feed as server-sent event frames, all the items of one call in one write.
struct ServerSentEventSink: FeedSink {
    var writer: any ResponseBodyWriter

    mutating func send(_ items: [FeedItem]) async throws {
        guard items.count > 1 else {
            if let item = items.first { try await writer.write(Self.frame(item)) }
            return
        }
        var combined = ByteBuffer()
        for item in items {
            var frame = Self.frame(item)
            combined.writeBuffer(&frame)
        }
        try await writer.write(combined)
    }

    private static func frame(_ item: FeedItem) -> ByteBuffer {
        switch item {
        case .event(let encoded):
            return encoded.frame
        case .reset(let lastEventID, let resumeAt):
            let data = #"{"reason":"\#(ServerSentEvents.resetReason)","lastEventId":"\#(lastEventID)"}"#
            return ServerSentEvents.frame(id: String(resumeAt), name: "reset", data: data)
        case .heartbeat:
            return ServerSentEvents.heartbeat()
        }
    }
}

/// Work done once, by whichever of several paths reaches it first.
private final class OnlyOnce: Sendable {
    private let done = Atomic(false)
    private let work: @Sendable () -> Void

    init(_ work: @escaping @Sendable () -> Void) {
        self.work = work
    }

    func run() {
        if !done.exchange(true, ordering: .acquiringAndReleasing) { work() }
    }
}
