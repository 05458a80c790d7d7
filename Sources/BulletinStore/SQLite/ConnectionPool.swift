import Synchronization

/// A fixed set of connections lent out one caller at a time, in arrival order.
///
/// SQLiteNIO opens single connections and has no pool; this one is written here because
/// SQLite needs two different pools (one writer, several readers) with the same rules. A
/// caller cancelled while it waits leaves the queue at once with `CancellationError`.
final class ConnectionPool<Connection: Sendable>: Sendable {
    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<Connection, any Error>
    }

    private struct State {
        var idle: [Connection]
        var waiters: [Waiter] = []
        var drainer: CheckedContinuation<Void, Never>?
        var nextWaiterID = 0
        var isClosed = false
    }

    private let state: Mutex<State>
    private let capacity: Int
    private let counters: PoolCounters

    init(connections: [Connection], counters: PoolCounters) {
        self.state = Mutex(State(idle: connections))
        self.capacity = connections.count
        self.counters = counters
    }

    /// Lends a connection to `body` and takes it back afterwards, even when `body` throws.
    func withConnection<Result: Sendable>(_ body: @Sendable (Connection) async throws -> Result) async throws -> Result {
        let connection = try await checkOut()
        defer { checkIn(connection) }
        return try await body(connection)
    }

    /// Refuses new callers, waits until every connection is back, and hands them all over
    /// for closing. Call it once.
    func drain() async -> [Connection] {
        let abandoned = state.withLock { state in
            state.isClosed = true
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        counters.didStopWaiting(count: abandoned.count)
        for waiter in abandoned { waiter.continuation.resume(throwing: DatabaseError.closed) }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let allBack = state.withLock { state in
                if state.idle.count == capacity { return true }
                state.drainer = continuation
                return false
            }
            if allBack { continuation.resume() }
        }
        return state.withLock { state in
            defer { state.idle.removeAll() }
            return state.idle
        }
    }

    private func checkOut() async throws -> Connection {
        let id = state.withLock { state in
            defer { state.nextWaiterID += 1 }
            return state.nextWaiterID
        }
        let connection = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Connection, any Error>) in
                let immediate: Result<Connection, any Error>? = state.withLock { state in
                    if state.isClosed { return .failure(DatabaseError.closed) }
                    if let connection = state.idle.popLast() { return .success(connection) }
                    if Task.isCancelled { return .failure(CancellationError()) }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    counters.didStartWaiting()
                    return nil
                }
                if let immediate { continuation.resume(with: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> Waiter? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                counters.didStopWaiting()
                return state.waiters.remove(at: index)
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
        counters.didCheckOut()
        return connection
    }

    private func checkIn(_ connection: Connection) {
        counters.didCheckIn()
        let (waiter, drainer) = state.withLock { state -> (Waiter?, CheckedContinuation<Void, Never>?) in
            if !state.isClosed, !state.waiters.isEmpty {
                counters.didStopWaiting()
                return (state.waiters.removeFirst(), nil)
            }
            state.idle.append(connection)
            guard state.isClosed, state.idle.count == capacity else { return (nil, nil) }
            defer { state.drainer = nil }
            return (nil, state.drainer)
        }
        waiter?.continuation.resume(returning: connection)
        drainer?.resume()
    }
}
