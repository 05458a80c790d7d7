import BulletinCore
import BulletinStore
import Foundation
import Logging
import Synchronization

/// Writes streams' presence (joins as they open, leaves as they close) beside the streams,
/// in order, several at a time.
///
/// A stream does not wait for its presence to be written: on SQLite that write queues behind
/// every other, and a stream opened just after a project was created would show its first
/// progress late. Changes that arrive while a batch is written go into the next batch, one
/// transaction each, so a burst of streams costs a few writes rather than one each, and no
/// task waits per stream.
final class PresenceRecorder: Sendable {
    /// A presence change of one stream.
    enum Change: Sendable {
        case join(connectionID: String, topics: [String], workspaceID: String, userID: String)
        case leave(connectionID: String)
    }

    private struct State {
        var waiting: [Change] = []
        var isWriting = false
    }

    private let database: any Database
    private let nodeID: String
    private let clock: WallClock
    private let logger: Logger
    private let state = Mutex(State())

    init(database: any Database, nodeID: String, clock: WallClock, logger: Logger) {
        self.database = database
        self.nodeID = nodeID
        self.clock = clock
        self.logger = logger
    }

    /// Queues a change; it is written after every change queued before it.
    func record(_ change: Change) {
        let startsWriting = state.withLock { state in
            state.waiting.append(change)
            defer { state.isWriting = true }
            return !state.isWriting
        }
        if startsWriting {
            Task { await writeWaiting() }
        }
    }

    private func writeWaiting() async {
        while true {
            let batch = state.withLock { state in
                defer { state.waiting.removeAll() }
                if state.waiting.isEmpty { state.isWriting = false }
                return state.waiting
            }
            guard !batch.isEmpty else { return }
            let now = clock.now()
            do {
                try await database.transaction { executor in
                    for change in batch { try await self.apply(change, now: now, in: executor) }
                }
            } catch {
                // One change that cannot be written must not lose the others: each alone.
                for change in batch {
                    do {
                        try await self.apply(change, now: now, in: database)
                    } catch DatabaseError.closed {
                        return
                    } catch {
                        logger.warning("presence not recorded", metadata: ["change": "\(change)", "error": "\(error)"])
                    }
                }
            }
        }
    }

    private func apply(_ change: Change, now: Date, in database: any SQLContext) async throws {
        let presence = PresenceRepository(database: database)
        switch change {
        case .join(let connectionID, let topics, let workspaceID, let userID):
            try await presence.join(
                connectionID: connectionID, nodeID: nodeID, topics: topics, workspaceID: workspaceID, userID: userID, now: now)
        case .leave(let connectionID):
            try await presence.leave(connectionID: connectionID, now: now)
        }
    }
}
