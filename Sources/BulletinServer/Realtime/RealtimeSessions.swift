import BulletinCore
import BulletinStore
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// What a feed hands its transport, in order.
enum FeedItem: Sendable {
    /// An event of the log.
    case event(EncodedEvent)
    /// Events after `lastEventID` were pruned (or the ID is not one this log gave): the
    /// client refetches state, and the feed continues after `resumeAt`.
    case reset(lastEventID: Int64, resumeAt: Int64)
    /// Time for a keep-alive.
    case heartbeat

    /// A live delivery as the feed sends it.
    init(_ delivery: Delivery) {
        switch delivery {
        case .event(let encoded): self = .event(encoded)
        case .heartbeat: self = .heartbeat
        }
    }
}

/// A transport's end of a feed: server-sent event frames on a response body, or JSON
/// messages on a WebSocket.
protocol FeedSink {
    /// Sends items in order; several at once when several were waiting.
    mutating func send(_ items: [FeedItem]) async throws
}

/// What server-sent events and WebSockets share: the limit on connections per user, topic
/// checks, presence, and playing a subscription (its replay or reset, then live events) into a
/// transport. Both transports therefore give the same events, IDs and refusals.
final class RealtimeSessions: Sendable {
    /// Realtime connections (streams or WebSockets) one user may have open on this node.
    let maximumConnectionsPerUser: Int

    /// A subscription to topics and its presence on them.
    struct Feed: Sendable {
        let subscribed: EventBroadcaster.Subscribed
        let connectionID: String
        var subscription: Subscription { subscribed.subscription }
    }

    let database: any Database
    let broadcaster: EventBroadcaster
    let metrics: RealtimeMetrics
    let clock: WallClock
    private let presence: PresenceRecorder
    private let openConnections = Mutex<[String: Int]>([:])

    init(
        database: any Database, broadcaster: EventBroadcaster, metrics: RealtimeMetrics, clock: WallClock, logger: Logger,
        maximumConnectionsPerUser: Int
    ) {
        presence = PresenceRecorder(database: database, nodeID: broadcaster.nodeID, clock: clock, logger: logger)
        self.maximumConnectionsPerUser = maximumConnectionsPerUser
        self.database = database
        self.broadcaster = broadcaster
        self.metrics = metrics
        self.clock = clock
    }

    /// Counts a new connection of the user.
    /// - Throws: ``APIError`` `too-many-streams` when the user has as many open as allowed.
    func openConnection(of user: String) throws {
        let opened = openConnections.withLock { connections in
            guard connections[user, default: 0] < maximumConnectionsPerUser else { return false }
            connections[user, default: 0] += 1
            return true
        }
        guard opened else {
            throw APIError(
                .tooManyStreams, detail: "Close one of your \(maximumConnectionsPerUser) open realtime connections first.")
        }
    }

    /// Uncounts a connection ``openConnection(of:)`` counted.
    func closeConnection(of user: String) {
        openConnections.withLock { connections in
            let remaining = connections[user, default: 1] - 1
            connections[user] = remaining > 0 ? remaining : nil
        }
    }

    /// The named topics, each parsed and checked against the principal.
    /// - Throws: ``APIError`` 400 for none, too many or malformed topics; 403
    ///   `topic-forbidden` for one the principal may not follow.
    func authorisedTopics(_ names: [String], for principal: Principal) async throws -> Set<String> {
        guard (1...Topic.maximumPerStream).contains(names.count) else {
            throw APIError(.badRequest, detail: "Name 1 to \(Topic.maximumPerStream) topics, each as kind:id.")
        }
        var topics: Set<String> = []
        for name in names {
            guard let topic = Topic(name) else {
                throw APIError(
                    .badRequest,
                    detail: "\(name) is not a topic: use workspace:ID, user:ID, project:ID, run:ID, export:ID, job:ID or board:YYYY-MM-DD.")
            }
            guard try await topic.isReadable(by: principal, database: database) else {
                throw APIError(.topicForbidden, detail: "You may not follow \(name).")
            }
            topics.insert(topic.publishedName(for: principal))
        }
        return topics
    }

    /// Subscribes to checked topics and records the principal's presence on them (beside
    /// the stream, not before it: see ``PresenceRecorder``; the subscriber's own
    /// `presence.join` events therefore reach its stream too).
    func subscribe(_ topics: Set<String>, principal: Principal) async -> Feed {
        let connectionID = RandomID.make()
        let subscribed = await broadcaster.subscribe(topics: topics)
        presence.record(
            .join(connectionID: connectionID, topics: topics.sorted(), workspaceID: principal.workspaceID, userID: principal.userID))
        return Feed(subscribed: subscribed, connectionID: connectionID)
    }

    /// Ends a feed's subscription and its presence.
    func end(_ feed: Feed) {
        broadcaster.unsubscribe(feed.subscribed.id)
        presence.record(.leave(connectionID: feed.connectionID))
    }

    /// Plays a feed into a sink until its subscription ends: its catch-up (see
    /// ``catchUp(_:after:into:)``), then live events, with no duplicates and no holes. Graceful
    /// shutdown ends the feed.
    ///
    /// - Returns: Why the server or the transport ended the subscription.
    func play<Sink: FeedSink>(_ feed: Feed, after lastEventID: Int64?, into sink: inout Sink) async throws -> StreamEnd? {
        var live = LiveEventFilter(after: try await catchUp(feed, after: lastEventID, into: &sink))
        let subscription = feed.subscription
        try await withGracefulShutdownHandler {
            while case let deliveries = await subscription.next(), !deliveries.isEmpty {
                let items = deliveries.filter { live.admits($0) }.map(FeedItem.init)
                if !items.isEmpty { try await sink.send(items) }
            }
        } onGracefulShutdown: {
            subscription.finish(.shutdown)
        }
        return subscription.end
    }

    /// Sends a feed's topics' events after `lastEventID` (or a reset when they were pruned)
    /// up to the point its subscription began; nothing without a `lastEventID`. Live events
    /// at or below the ID this returns are to be skipped: the subscription started before the
    /// replay, so together they have no duplicates and no holes.
    ///
    /// - Returns: The ID the client is now at.
    func catchUp<Sink: FeedSink>(_ feed: Feed, after lastEventID: Int64?, into sink: inout Sink) async throws -> Int64 {
        let cursor = feed.subscribed.cursor
        guard let lastEventID else { return cursor }
        return try await resume(after: lastEventID, through: cursor, topics: feed.subscription.topics, into: &sink)
    }

    /// Sends the topics' events after `lastEventID` up to `cursor`, or a reset when events after
    /// that ID were pruned (or the ID is not one this log gave).
    /// - Returns: The ID the client is now at: live events at or below it are not sent.
    private func resume<Sink: FeedSink>(
        after lastEventID: Int64, through cursor: Int64, topics: Set<String>, into sink: inout Sink
    ) async throws -> Int64 {
        let prunedThrough = try await EventLog(database: database).prunedThrough()
        let latest = max(cursor, prunedThrough, try await EventLog(database: database).latestID())
        if lastEventID < prunedThrough || lastEventID > latest {
            try await sink.send([.reset(lastEventID: lastEventID, resumeAt: latest)])
            return latest
        }
        var after = lastEventID
        while after < cursor {
            let events = try await EventLog(database: database).events(
                after: after, topics: topics, through: cursor, limit: EventBroadcaster.batchSize)
            if !events.isEmpty { try await sink.send(events.map { .event(EncodedEvent($0)) }) }
            guard events.count == EventBroadcaster.batchSize, let last = events.last else { break }
            after = last.id
        }
        return max(lastEventID, cursor)
    }
}
