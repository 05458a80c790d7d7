import Synchronization

/// Lock-free counters of a connection pool, read by the metrics endpoint without waiting
/// for the pool.
final class PoolCounters: Sendable {
    let maximumConnections: Int
    private let inUse = Atomic<Int>(0)
    private let waiting = Atomic<Int>(0)

    init(maximumConnections: Int) {
        self.maximumConnections = maximumConnections
    }

    func didCheckOut() { inUse.add(1, ordering: .relaxed) }
    func didCheckIn() { inUse.subtract(1, ordering: .relaxed) }
    func didStartWaiting() { waiting.add(1, ordering: .relaxed) }
    func didStopWaiting(count: Int = 1) { waiting.subtract(count, ordering: .relaxed) }

    var statistics: PoolStatistics {
        PoolStatistics(
            maximumConnections: maximumConnections,
            connectionsInUse: inUse.load(ordering: .relaxed),
            waiters: waiting.load(ordering: .relaxed)
        )
    }
}
