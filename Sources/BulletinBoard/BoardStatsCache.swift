import Synchronization

/// The stats of recent days, each kept with the day's change counter it was computed at: a
/// read whose counter matches is answered from memory; any change (on any node) advances the
/// counter in its transaction, so the next read recomputes. Bounded: the oldest entries go first.
final class BoardStatsCache: Sendable {
    private struct Key: Hashable {
        let workspaceID: String
        let day: String
    }

    private struct State {
        var entries: [Key: (changes: Int, stats: BoardStats)] = [:]
        var order: [Key] = []
    }

    private let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int = 1024) {
        self.capacity = capacity
    }

    /// The stats computed at `changes`, if kept.
    func stats(workspaceID: String, day: String, changes: Int) -> BoardStats? {
        state.withLock { state in
            guard let entry = state.entries[Key(workspaceID: workspaceID, day: day)], entry.changes == changes else { return nil }
            return entry.stats
        }
    }

    /// Keeps stats computed at `changes`.
    func keep(_ stats: BoardStats, workspaceID: String, changes: Int) {
        let key = Key(workspaceID: workspaceID, day: stats.day)
        state.withLock { state in
            if state.entries.updateValue((changes, stats), forKey: key) == nil { state.order.append(key) }
            while state.order.count > capacity { state.entries[state.order.removeFirst()] = nil }
        }
    }
}
