import BulletinStore

/// Which live deliveries a feed still owes its client once its catch-up is sent: events newer
/// than the last one sent, and every heartbeat.
///
/// A feed subscribes before its catch-up reads the log, so that nothing falls between the
/// two; the first live events may then repeat what the catch-up sent. Both transports' live
/// paths (``RealtimeSessions/play(_:after:into:)`` and ``EventStreamChannel``) skip those
/// repeats here, so a client sees each event once and in order.
struct LiveEventFilter: Sendable {
    /// The newest event ID sent.
    private(set) var lastSent: Int64

    /// A filter for a feed whose client has events up to `lastSent`.
    init(after lastSent: Int64) {
        self.lastSent = lastSent
    }

    /// Whether a delivery is to be sent; an event that is moves the filter past it.
    mutating func admits(_ delivery: Delivery) -> Bool {
        guard case .event(let encoded) = delivery else { return true }
        guard encoded.event.id > lastSent else { return false }
        lastSent = encoded.event.id
        return true
    }
}
