import BulletinCore
import BulletinStore
import Foundation
import Logging
import Prometheus
import ServiceLifecycle
import Synchronization

/// What a subscriber's stream carries.
enum Delivery: Sendable {
    case event(EncodedEvent)
    /// Time for a keep-alive comment.
    case heartbeat
}

/// Why a subscriber's stream ended on the server's side.
enum StreamEnd: Sendable, Equatable {
    /// It fell more than ``EventBroadcaster/bufferCapacity`` events behind.
    case slowConsumer
    /// The server is shutting down.
    case shutdown
    /// The subscriber asked to stop, or its connection closed.
    case unsubscribed
}

/// One node's fan-out: reads the event log once, in ID order, and hands each event to the
/// local subscribers of its topic. Every 15 s it hands each subscriber a heartbeat, refreshes
/// the presence of this node's streams in one statement, and sweeps the presence a dead node's
/// streams left behind (any live node may; each row is removed once).
///
/// It wakes on the log's notification (after a commit on any node, through NOTIFY on
/// PostgreSQL) and polls every second as the fallback. Each subscriber has a bounded buffer;
/// one that falls ``bufferCapacity`` events behind is cut off with ``StreamEnd/slowConsumer``
/// (and resumes from its last ID) rather than slowing anyone else.
final class EventBroadcaster: Service, Sendable {
    /// This node's name in the presence table.
    let nodeID = RandomID.make()
    /// Events a subscriber may have waiting before it is cut off.
    static let bufferCapacity = 1000
    /// The most events read from the log at once.
    static let batchSize = 500
    /// How often every stream is handed a heartbeat (a keep-alive comment on a quiet event stream).
    static let heartbeatInterval = Duration.seconds(15)

    private struct State {
        /// The highest event ID handed out.
        var cursor: Int64 = 0
        var subscriptions: [Int: Subscription] = [:]
        /// The subscriptions of each topic, so an event finds its subscribers at once.
        var byTopic: [String: [Int: Subscription]] = [:]
        var nextID = 0
        var stopped = false

        mutating func add(_ subscription: Subscription, as id: Int) {
            subscriptions[id] = subscription
            for topic in subscription.topics { byTopic[topic, default: [:]][id] = subscription }
        }

        mutating func remove(_ id: Int) {
            guard let subscription = subscriptions.removeValue(forKey: id) else { return }
            for topic in subscription.topics {
                byTopic[topic]?[id] = nil
                if byTopic[topic]?.isEmpty == true { byTopic[topic] = nil }
            }
        }
    }

    private let database: any Database
    private let metrics: RealtimeMetrics
    private let clock: WallClock
    private let logger: Logger
    private let state = Mutex(State())
    /// Opened once the cursor is at the log's end, so no subscriber starts from an unknown point.
    private let started = OneShot<Void>()
    private let bell: AsyncStream<Void>
    private let ring: AsyncStream<Void>.Continuation

    init(database: any Database, metrics: RealtimeMetrics, clock: WallClock, logger: Logger) {
        self.database = database
        self.metrics = metrics
        self.clock = clock
        self.logger = logger
        (bell, ring) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// A new subscription, and the last event ID handed out when it began: events after that
    /// ID come through its mailbox, earlier ones from the log.
    struct Subscribed: Sendable {
        let subscription: Subscription
        let cursor: Int64
        let id: Int
    }

    /// Subscribes to topics.
    func subscribe(topics: Set<String>) async -> Subscribed {
        _ = await started.wait()
        let subscription = Subscription(topics: topics, capacity: Self.bufferCapacity)
        let (id, cursor, stopped) = state.withLock { state in
            state.nextID += 1
            if !state.stopped { state.add(subscription, as: state.nextID) }
            return (state.nextID, state.cursor, state.stopped)
        }
        if stopped { subscription.finish(.shutdown) }
        return Subscribed(subscription: subscription, cursor: cursor, id: id)
    }

    func unsubscribe(_ id: Int) {
        state.withLock { $0.remove(id) }
    }

    /// Reads and delivers until shutdown, then ends every stream.
    func run() async throws {
        let start = try await EventLog(database: database).latestID()
        state.withLock { $0.cursor = start }
        started.set(())
        let notifications = database.notifications.listen(to: EventLog.channel)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [ring] in
                for await _ in notifications { ring.yield() }
            }
            group.addTask { [ring] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(1))
                    ring.yield()
                }
            }
            group.addTask { await self.deliverLoop() }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: Self.heartbeatInterval)
                    self.heartbeat()
                }
            }
            group.addTask { [database, clock, logger, nodeID] in
                let presence = PresenceRepository(database: database)
                while (try? await Task.sleep(for: .seconds(15))) != nil {
                    do {
                        try await presence.touch(nodeID: nodeID, now: clock.now())
                        try await presence.sweep(now: clock.now())
                    } catch {
                        logger.warning("refreshing presence failed", metadata: ["error": "\(error)"])
                    }
                }
            }
            // Returns when graceful shutdown begins, or throws when the task is cancelled.
            try? await gracefulShutdown()
            self.stop()
            group.cancelAll()
        }
    }

    private func deliverLoop() async {
        for await _ in bell {
            if Task.isCancelled { return }
            do {
                while try await deliverNextBatch() == Self.batchSize {}
            } catch {
                logger.warning("reading the event log failed", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Reads the next events after the cursor and hands them out; returns how many.
    private func deliverNextBatch() async throws -> Int {
        let cursor = state.withLock { $0.cursor }
        let events = try await EventLog(database: database).events(after: cursor, limit: Self.batchSize)
        guard !events.isEmpty else { return 0 }
        let now = Date()
        var delivered = 0
        var wakeups = Wakeups()
        defer { wakeups.run() }
        state.withLock { state in
            for event in events {
                guard let subscribers = state.byTopic[event.topic] else { continue }
                let encoded = EncodedEvent(event)
                for (id, subscription) in subscribers {
                    if !subscription.offer(.event(encoded), telling: &wakeups) {
                        subscription.finish(.slowConsumer)
                        state.remove(id)
                        metrics.slowConsumers.increment()
                    } else {
                        delivered += 1
                    }
                }
            }
            state.cursor = events[events.count - 1].id
        }
        metrics.appended.increment(by: Int64(events.count))
        metrics.delivered.increment(by: Int64(delivered))
        if delivered > 0, let newest = events.last {
            metrics.lag.record(.milliseconds(max(0, Int64(now.timeIntervalSince(newest.createdAt) * 1000))))
        }
        return events.count
    }

    /// Hands every subscriber a heartbeat: one timer for all streams, not one each. A full
    /// buffer drops it; the events waiting there keep the stream busy anyway.
    private func heartbeat() {
        let subscriptions = state.withLock { Array($0.subscriptions.values) }
        var wakeups = Wakeups()
        for subscription in subscriptions { _ = subscription.offer(.heartbeat, telling: &wakeups) }
        wakeups.run()
    }

    /// Ends every stream, and any later subscription at once.
    private func stop() {
        let subscriptions = state.withLock { state in
            state.stopped = true
            defer { (state.subscriptions, state.byTopic) = ([:], [:]) }
            return Array(state.subscriptions.values)
        }
        for subscription in subscriptions { subscription.finish(.shutdown) }
    }
}
