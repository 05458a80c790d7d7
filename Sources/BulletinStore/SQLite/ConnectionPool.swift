/// A fixed set of connections lent out one caller at a time, in arrival order.
///
/// SQLiteNIO opens single connections and has no pool; this one is written here because
/// SQLite needs two different pools (one writer, several readers) with the same rules.
actor ConnectionPool<Connection: Sendable> {
    private var idle: [Connection]
    private var waiters: [CheckedContinuation<Connection, any Error>] = []
    private var isClosed = false
    private let capacity: Int
    private let counters: PoolCounters

    init(connections: [Connection], counters: PoolCounters) {
        self.idle = connections
        self.capacity = connections.count
        self.counters = counters
    }

    /// Lends a connection to `body` and takes it back afterwards, even when `body` throws.
    nonisolated func withConnection<Result: Sendable>(
        _ body: @Sendable (Connection) async throws -> Result
    ) async throws -> Result {
        let connection = try await checkOut()
        do {
            let result = try await body(connection)
            await checkIn(connection)
            return result
        } catch {
            await checkIn(connection)
            throw error
        }
    }

    /// Waits until every connection is back, then hands them all over for closing.
    func drain() async -> [Connection] {
        isClosed = true
        for waiter in waiters { waiter.resume(throwing: DatabaseError.closed) }
        waiters.removeAll()
        var drained: [Connection] = []
        while drained.count < capacity {
            if let connection = idle.popLast() {
                drained.append(connection)
            } else {
                // Only this continuation can be waiting now, and check-in never fails it.
                drained.append(try! await withCheckedThrowingContinuation { waiters.append($0) })
            }
        }
        return drained
    }

    private func checkOut() async throws -> Connection {
        if let connection = idle.popLast() {
            counters.didCheckOut()
            return connection
        }
        guard !isClosed else { throw DatabaseError.closed }
        counters.didStartWaiting()
        let connection = try await withCheckedThrowingContinuation { waiters.append($0) }
        counters.didStopWaiting()
        counters.didCheckOut()
        return connection
    }

    private func checkIn(_ connection: Connection) {
        counters.didCheckIn()
        if waiters.isEmpty {
            idle.append(connection)
        } else {
            waiters.removeFirst().resume(returning: connection)
        }
    }
}
