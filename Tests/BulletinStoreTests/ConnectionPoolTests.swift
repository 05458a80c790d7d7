import Synchronization
import Testing

@testable import BulletinStore

@Suite("Connection pool")
struct ConnectionPoolTests {
    @Test("waiters are served in arrival order, except that an urgent one goes first")
    func urgentFirst() async throws {
        let pool = ConnectionPool(connections: [1], counters: PoolCounters(maximumConnections: 1))
        let order = Order()
        let holding = AsyncStream<Void>.makeStream()
        let release = AsyncStream<Void>.makeStream()
        // Hold the only connection until every waiter is queued.
        let holder = Task {
            try await pool.withConnection { _ in
                holding.continuation.yield()
                for await _ in release.stream { break }
            }
        }
        for await _ in holding.stream { break }
        var waiters: [Task<Void, any Error>] = []
        for (name, urgent) in [("first", false), ("second", false), ("urgent", true)] {
            waiters.append(Task { try await pool.withConnection(urgent: urgent) { _ in order.names.withLock { $0.append(name) } } })
            try await waitUntilWaiting(pool: pool, count: waiters.count)
        }
        release.continuation.yield()
        try await holder.value
        for waiter in waiters { try await waiter.value }
        #expect(order.names.withLock { $0 } == ["urgent", "first", "second"])
    }

    /// The order callers got the connection in.
    private final class Order: Sendable {
        let names = Mutex<[String]>([])
    }

    /// Waits until `count` callers wait for a connection.
    private func waitUntilWaiting(pool: ConnectionPool<Int>, count: Int) async throws {
        while pool.waiterCount < count { try await Task.sleep(for: .milliseconds(1)) }
    }
}
