import Synchronization

/// One subscriber's mailbox: the deliveries waiting for it, handed over all at once.
///
/// Written by hand rather than as an `AsyncStream`, because a subscriber that wakes takes
/// everything waiting in one go: under load, one write carries many events, instead of one
/// task switch and one system call each. The box holds at most ``capacity`` events; a
/// subscriber that falls that far behind is cut off by the broadcaster.
final class Subscription: Sendable {
    let topics: Set<String>
    let capacity: Int

    private struct Mailbox {
        var waiting: [Delivery] = []
        var reader: CheckedContinuation<[Delivery], Never>?
        var end: StreamEnd?
    }

    private let mailbox = Mutex(Mailbox())

    init(topics: Set<String>, capacity: Int) {
        self.topics = topics
        self.capacity = capacity
    }

    /// Why the subscription ended, or `nil` while it is open.
    var end: StreamEnd? { mailbox.withLock { $0.end } }

    /// Adds a delivery for the subscriber.
    /// - Returns: `false` when an event finds the mailbox full: the subscriber is too far behind.
    ///   A heartbeat is dropped then, since the events waiting keep the stream busy anyway.
    @discardableResult
    func offer(_ delivery: Delivery) -> Bool {
        let (accepted, reader, handed): (Bool, CheckedContinuation<[Delivery], Never>?, [Delivery]) = mailbox.withLock { box in
            guard box.end == nil else { return (true, nil, []) }
            if box.waiting.count >= capacity {
                if case .heartbeat = delivery { return (true, nil, []) }
                return (false, nil, [])
            }
            box.waiting.append(delivery)
            guard let reader = box.reader else { return (true, nil, []) }
            box.reader = nil
            defer { box.waiting = [] }
            return (true, reader, box.waiting)
        }
        reader?.resume(returning: handed)
        return accepted
    }

    /// Everything waiting, once there is something; empty when the subscription has ended
    /// (or the waiting task was cancelled).
    func next() async -> [Delivery] {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (reader: CheckedContinuation<[Delivery], Never>) in
                let ready: [Delivery]? = mailbox.withLock { box in
                    if box.end != nil { return [] }
                    if !box.waiting.isEmpty {
                        defer { box.waiting = [] }
                        return box.waiting
                    }
                    box.reader = reader
                    return nil
                }
                if let ready { reader.resume(returning: ready) }
            }
        } onCancel: {
            finish(.unsubscribed)
        }
    }

    /// Ends the subscription (the first reason given stands); what was waiting is dropped.
    func finish(_ reason: StreamEnd) {
        let reader = mailbox.withLock { box in
            if box.end == nil { box.end = reason }
            box.waiting = []
            defer { box.reader = nil }
            return box.reader
        }
        reader?.resume(returning: [])
    }
}
