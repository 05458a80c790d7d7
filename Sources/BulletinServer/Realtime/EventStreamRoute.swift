import BulletinCore
import BulletinStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus
import ServiceLifecycle
import Synchronization

/// `GET /v1/events?topic=…&topic=…`: the event log as server-sent events.
///
/// Authorisation is the access middleware's (a bearer token, or a `ticket` in the query for
/// browsers' EventSource); each topic is then checked, and one the caller may not follow is
/// refused with `403 topic-forbidden` before anything streams.
///
/// **Resuming.** With `Last-Event-ID` (the header EventSource sends when it reconnects, or a
/// `lastEventId` query parameter), the stream first replays the topics' events after that ID,
/// then continues live, with no duplicates and no holes: the subscription starts before the
/// replay and takes only events after the point the replay stops. When the ID is older than
/// the log's retention (or unknown), a `reset` event comes first: events were missed, refetch
/// state, then continue from its ID.
final class EventStreamRoute: Sendable {
    /// Streams one user may have open on this node.
    static let maximumStreamsPerUser = 20
    /// How often a keep-alive comment is sent on a quiet stream.
    static let heartbeatInterval = Duration.seconds(15)

    let database: any Database
    let broadcaster: EventBroadcaster
    let metrics: RealtimeMetrics
    let clock: WallClock
    /// Open streams per user on this node.
    let openStreams = Mutex<[String: Int]>([:])

    init(database: any Database, broadcaster: EventBroadcaster, metrics: RealtimeMetrics, clock: WallClock) {
        self.database = database
        self.broadcaster = broadcaster
        self.metrics = metrics
        self.clock = clock
    }

    func register(on router: Router<BulletinRequestContext>) {
        router.get("/v1/events") { request, _ in try await self.stream(request) }
    }

    private func stream(_ request: Request) async throws -> Response {
        let principal = try RequestScope.principal()
        let topics = try await authorisedTopics(request.uri.queryParameters.getAll("topic"), for: principal)
        let lastEventID = try Self.lastEventID(request)
        let user = principal.userID
        let opened = openStreams.withLock { streams in
            guard streams[user, default: 0] < Self.maximumStreamsPerUser else { return false }
            streams[user, default: 0] += 1
            return true
        }
        guard opened else {
            throw APIError(.tooManyStreams, detail: "Close one of your \(Self.maximumStreamsPerUser) open streams first.")
        }
        let names = Set(topics.map(\.name))
        let connectionID = RandomID.make()
        let presence = PresenceRepository(database: database)
        do {
            try await presence.join(
                connectionID: connectionID, nodeID: broadcaster.nodeID, topics: names.sorted(),
                workspaceID: principal.workspaceID, userID: user,
                now: clock.now())
        } catch {
            closeStream(of: user)
            throw error
        }
        let subscribed = await broadcaster.subscribe(topics: names)
        let heartbeat = Task { [continuation = subscribed.subscription.continuation] in
            while !Task.isCancelled {
                try await Task.sleep(for: Self.heartbeatInterval)
                continuation.yield(.heartbeat)
            }
        }
        let connections = metrics.connections("sse")
        connections.increment()
        let body = ResponseBody { [self] writer in
            let outcome: Result<Void, any Error>
            do {
                try await send(subscribed, after: lastEventID, to: &writer)
                outcome = .success(())
            } catch {
                outcome = .failure(error)
            }
            heartbeat.cancel()
            broadcaster.unsubscribe(subscribed.id)
            closeStream(of: user)
            connections.decrement()
            try? await presence.leave(connectionID: connectionID, now: clock.now())
            try outcome.get()
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("X-Accel-Buffering")!] = "no"
        return Response(status: .ok, headers: headers, body: body)
    }

    /// Writes the stream: the opening, the replay or reset, then live events and heartbeats
    /// until the subscription ends.
    private func send(
        _ subscribed: EventBroadcaster.Subscribed, after lastEventID: Int64?, to writer: inout any ResponseBodyWriter
    ) async throws {
        try await writer.write(ServerSentEvents.opening())
        // Events up to `lastSent` reached the client (or are covered by a reset); live
        // events at or below it, which a lagging broadcaster may still hand out, are skipped.
        var lastSent = subscribed.cursor
        if let lastEventID {
            lastSent = try await Self.resume(
                after: lastEventID, through: subscribed.cursor, topics: subscribed.subscription.topics, database: database,
                to: &writer)
        }
        // The server waits for requests in flight when it shuts down: end the stream then.
        try await withGracefulShutdownHandler {
            for await delivery in subscribed.stream {
                switch delivery {
                case .event(let event) where event.id > lastSent:
                    try await writer.write(ServerSentEvents.frame(event))
                    lastSent = event.id
                case .event: continue
                case .heartbeat: try await writer.write(ServerSentEvents.heartbeat())
                }
            }
        } onGracefulShutdown: {
            subscribed.subscription.finish(.shutdown)
        }
        if subscribed.subscription.end == .slowConsumer {
            let problem = ProblemType.slowConsumer
            try await writer.write(
                ServerSentEvents.frame(
                    id: nil, name: "error",
                    data: #"{"type":"\#(problem.uri)","title":\#(ServerSentEvents.json(problem.title))}"#))
        }
        try await writer.finish(nil)
    }

    private func closeStream(of user: String) {
        openStreams.withLock { streams in
            let remaining = streams[user, default: 1] - 1
            streams[user] = remaining > 0 ? remaining : nil
        }
    }

    /// Writes the topics' events after `lastEventID` up to `cursor`, or a `reset` when events
    /// after that ID were pruned (or the ID is not one this log gave).
    /// - Returns: The ID the client is now at: live events at or below it are not sent.
    private static func resume(
        after lastEventID: Int64, through cursor: Int64, topics: Set<String>, database: any Database,
        to writer: inout any ResponseBodyWriter
    ) async throws -> Int64 {
        let prunedThrough = try await EventLog.prunedThrough(database: database)
        let latest = max(cursor, prunedThrough, try await EventLog.latestID(database: database))
        if lastEventID < prunedThrough || lastEventID > latest {
            let data = #"{"reason":"events were missed; refetch state","lastEventId":"\#(lastEventID)"}"#
            try await writer.write(ServerSentEvents.frame(id: String(latest), name: "reset", data: data))
            return latest
        }
        var after = lastEventID
        while after < cursor {
            let events = try await EventLog.events(
                after: after, topics: topics, through: cursor, limit: EventBroadcaster.batchSize, database: database)
            for event in events { try await writer.write(ServerSentEvents.frame(event)) }
            guard events.count == EventBroadcaster.batchSize, let last = events.last else { break }
            after = last.id
        }
        return max(lastEventID, cursor)
    }

    /// The requested topics, each parsed and checked; 400 for none, too many or malformed ones.
    private func authorisedTopics(_ names: [String], for principal: Principal) async throws -> [Topic] {
        guard (1...Topic.maximumPerStream).contains(names.count) else {
            throw APIError(.badRequest, detail: "Name 1 to \(Topic.maximumPerStream) topics with ?topic=kind:id.")
        }
        var topics: [Topic] = []
        for name in names {
            guard let topic = Topic(name) else {
                throw APIError(.badRequest, detail: "\(name) is not a topic: use workspace:ID, user:ID or job:ID.")
            }
            guard try await topic.isReadable(by: principal, database: database) else {
                throw APIError(.topicForbidden, detail: "You may not follow \(name).")
            }
            topics.append(topic)
        }
        return topics
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
