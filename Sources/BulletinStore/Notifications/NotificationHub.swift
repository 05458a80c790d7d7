import Synchronization

/// A wake-up sent after a transaction commits: a channel such as `jobs` and a short payload
/// such as a queue's name.
public struct DatabaseNotification: Sendable, Hashable {
    /// What kind of change it announces, such as `jobs`.
    public let channel: String
    /// Which one changed, such as the queue; empty when anything may have changed.
    public let payload: String

    /// Creates a notification.
    public init(channel: String, payload: String) {
        self.channel = channel
        self.payload = payload
    }
}

/// Delivers the database's notifications to this process's listeners.
///
/// Notifications are hints, not data: a listener wakes up and reads the database. They may be
/// coalesced or, when a listener falls behind or the connection to PostgreSQL drops, lost;
/// so listeners also poll, and after a reconnection every listener gets an empty payload,
/// meaning "anything may have changed".
public final class NotificationHub: Sendable {
    private struct Listener {
        let channel: String
        let continuation: AsyncStream<String>.Continuation
    }

    private let listeners = Mutex<[Int: Listener]>([:])
    private let nextID = Atomic(0)

    /// Creates a hub without listeners.
    public init() {}

    /// The payloads of notifications on a channel, from now until the stream is dropped. A
    /// listener that does not keep up keeps the newest few.
    public func listen(to channel: String) -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(64))
        let id = nextID.add(1, ordering: .relaxed).newValue
        listeners.withLock { $0[id] = Listener(channel: channel, continuation: continuation) }
        continuation.onTermination = { [weak self] _ in
            _ = self?.listeners.withLock { $0.removeValue(forKey: id) }
        }
        return stream
    }

    /// Hands a notification to the listeners of its channel.
    func deliver(_ notification: DatabaseNotification) {
        listeners.withLock { listeners in
            for listener in listeners.values where listener.channel == notification.channel {
                listener.continuation.yield(notification.payload)
            }
        }
    }

    /// Tells every listener that notifications may have been missed.
    func deliverResynchronise() {
        listeners.withLock { listeners in
            for listener in listeners.values { listener.continuation.yield("") }
        }
    }
}

/// Notifications raised inside a SQLite transaction, delivered only once it commits, so that
/// a listener never reads the database before the change is there (PostgreSQL's NOTIFY
/// behaves the same way).
final class PendingNotifications: Sendable {
    private let pending = Mutex<[DatabaseNotification]>([])

    func append(_ notification: DatabaseNotification) {
        pending.withLock { if !$0.contains(notification) { $0.append(notification) } }
    }

    func deliver(to hub: NotificationHub) {
        for notification in pending.withLock({ $0 }) { hub.deliver(notification) }
    }
}
