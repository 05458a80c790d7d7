import NIOCore
import Synchronization

/// One subscriber's mailbox: the deliveries waiting for it, handed over all at once.
///
/// Written by hand rather than as an `AsyncStream`, because a subscriber takes everything
/// waiting in one go: under load, one write carries many events, instead of one task switch
/// and one system call each. It is read one of two ways: a task asks with ``next()`` (a
/// WebSocket connection), or a reader registered with ``whenWaiting(on:_:)`` is told that
/// something arrived and takes it with ``takeWaiting()`` (an event stream's channel, see
/// ``EventStreamChannel``), so no task wakes for a delivery. Such readers are told on their
/// event loop, and a broadcaster telling many at once gathers them (``Wakeups``): one hop per
/// event loop, not one per subscriber. The box holds at most
/// ``capacity`` events; a subscriber that falls that far behind is cut off by the broadcaster.
final class Subscription: Sendable {
    let topics: Set<String>
    let capacity: Int

    private struct Mailbox {
        var waiting: [Delivery] = []
        var reader: CheckedContinuation<[Delivery], Never>?
        /// Told once when deliveries arrive; told again only after ``takeWaiting()`` found none.
        var notify: (loop: any EventLoop, action: @Sendable () -> Void)?
        var notified = false
        var end: StreamEnd?
        var endWaiters: [CheckedContinuation<StreamEnd, Never>] = []
    }

    private let mailbox = Mutex(Mailbox())

    init(topics: Set<String>, capacity: Int) {
        self.topics = topics
        self.capacity = capacity
    }

    /// Why the subscription ended, or `nil` while it is open.
    var end: StreamEnd? { mailbox.withLock { $0.end } }

    /// Adds a delivery for the subscriber; a reader registered with ``whenWaiting(on:_:)`` that
    /// is to be told joins `wakeups`, for the caller to run when it has offered everything.
    /// - Returns: `false` when an event finds the mailbox full: the subscriber is too far behind.
    ///   A heartbeat is dropped then, since the events waiting keep the stream busy anyway.
    func offer(_ delivery: Delivery, telling wakeups: inout Wakeups) -> Bool {
        enum Wake {
            case none
            case reader(CheckedContinuation<[Delivery], Never>, [Delivery])
            case notify(any EventLoop, @Sendable () -> Void)
        }
        let (accepted, wake): (Bool, Wake) = mailbox.withLock { box in
            guard box.end == nil else { return (true, .none) }
            if box.waiting.count >= capacity {
                if case .heartbeat = delivery { return (true, .none) }
                return (false, .none)
            }
            box.waiting.append(delivery)
            if let reader = box.reader {
                box.reader = nil
                defer { box.waiting = [] }
                return (true, .reader(reader, box.waiting))
            }
            guard let notify = box.notify, !box.notified else { return (true, .none) }
            box.notified = true
            return (true, .notify(notify.loop, notify.action))
        }
        switch wake {
        case .none: break
        case .reader(let reader, let handed): reader.resume(returning: handed)
        case .notify(let loop, let action): wakeups.add(action, on: loop)
        }
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

    /// Registers the reader to tell, on `loop`, when deliveries arrive (straight away if some
    /// are waiting). It is told once, then not again until ``takeWaiting()`` has found the mailbox
    /// empty, so a reader that takes everything before it writes, and takes again after, sees
    /// every delivery once and in order.
    func whenWaiting(on loop: any EventLoop, _ notify: @escaping @Sendable () -> Void) {
        let tellNow = mailbox.withLock { box in
            // Once ended, nothing is kept: the reader would hold itself through this box.
            guard box.end == nil else { return false }
            box.notify = (loop, notify)
            guard !box.waiting.isEmpty, !box.notified else { return false }
            box.notified = true
            return true
        }
        if tellNow { loop.execute(notify) }
    }

    /// Everything waiting (nothing once the subscription has ended). Finding nothing re-arms
    /// the reader registered with ``whenWaiting(on:_:)``.
    func takeWaiting() -> [Delivery] {
        mailbox.withLock { box in
            guard box.end == nil, !box.waiting.isEmpty else {
                box.notified = false
                return []
            }
            defer { box.waiting = [] }
            return box.waiting
        }
    }

    /// Waits until the subscription ends, and says why; cancelling the waiting task ends it
    /// (``StreamEnd/unsubscribed``), as it does for ``next()``.
    func ended() async -> StreamEnd {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (waiter: CheckedContinuation<StreamEnd, Never>) in
                let end: StreamEnd? = mailbox.withLock { box in
                    if box.end == nil { box.endWaiters.append(waiter) }
                    return box.end
                }
                if let end { waiter.resume(returning: end) }
            }
        } onCancel: {
            finish(.unsubscribed)
        }
    }

    /// Ends the subscription (the first reason given stands); what was waiting is dropped.
    func finish(_ reason: StreamEnd) {
        let (reader, endWaiters, end) = mailbox.withLock { box in
            if box.end == nil { box.end = reason }
            box.waiting = []
            box.notify = nil
            defer {
                box.reader = nil
                box.endWaiters = []
            }
            return (box.reader, box.endWaiters, box.end!)
        }
        reader?.resume(returning: [])
        for waiter in endWaiters { waiter.resume(returning: end) }
    }
}

/// Readers to tell that deliveries arrived, gathered by event loop: telling a thousand streams
/// takes one task per event loop, each telling its streams in turn.
struct Wakeups {
    private var byLoop: [ObjectIdentifier: (loop: any EventLoop, actions: [@Sendable () -> Void])] = [:]

    mutating func add(_ action: @escaping @Sendable () -> Void, on loop: any EventLoop) {
        byLoop[ObjectIdentifier(loop), default: (loop, [])].actions.append(action)
    }

    /// Tells every reader gathered, each on its event loop.
    func run() {
        for (loop, actions) in byLoop.values {
            loop.execute { for action in actions { action() } }
        }
    }
}
