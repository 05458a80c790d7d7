import Foundation
import NIOHTTP1
import Synchronization

/// One of the operations of a board load test.
enum BoardOperation: String, Sendable, CaseIterable {
    case board
    case stats
    case move
}

/// One request of a load test: its operation, its latency from when it was due, and why it
/// failed, if it did.
struct LoadSample: Sendable {
    let operation: BoardOperation
    let milliseconds: Double
    /// Such as `status 500 internal-error: …` or `no answer: …`; `nil` when it succeeded.
    let failure: String?

    var failed: Bool { failure != nil }
}

/// What a load test measured.
struct LoadResult: Sendable {
    let samples: [LoadSample]
    /// From the first request's start to the last answer.
    let elapsed: Duration
}

/// Issues board reads, stats reads and moves on a fixed schedule (an open model): request `i`
/// is due at `start + i / rate` whatever the answers before it. At most `concurrency` are in
/// flight; a request that waits for a slot is still timed from when it was due, so that a slow
/// server is not hidden by the generator slowing down (coordinated omission).
struct BoardLoadGenerator: Sendable {
    let client: OperatorClient
    /// The board's day, `YYYY-MM-DD`.
    let date: String
    /// Requests per second.
    let rate: Double
    let count: Int
    let concurrency: Int
    let cards: KnownCards

    /// The mix, by request number modulo 10: 6 board reads, 3 stats reads, 1 move, spread out.
    static let mix: [BoardOperation] = [.board, .stats, .board, .move, .board, .stats, .board, .board, .stats, .board]

    func run() async -> LoadResult {
        let start = ContinuousClock.now
        var samples: [LoadSample] = []
        samples.reserveCapacity(count)
        await withTaskGroup(of: LoadSample.self) { group in
            var inFlight = 0
            for index in 0..<count {
                let due = start + .seconds(Double(index) / rate)
                if due > .now { try? await Task.sleep(until: due, clock: .continuous) }
                while inFlight >= concurrency, let sample = await group.next() {
                    samples.append(sample)
                    inFlight -= 1
                }
                let operation = Self.mix[index % Self.mix.count]
                group.addTask { await perform(operation, due: due) }
                inFlight += 1
            }
            for await sample in group { samples.append(sample) }
        }
        return LoadResult(samples: samples, elapsed: ContinuousClock.now - start)
    }

    private func perform(_ operation: BoardOperation, due: ContinuousClock.Instant) async -> LoadSample {
        let failure: String?
        do {
            failure =
                switch operation {
                case .board: try await read("/v1/board?date=\(date)")
                case .stats: try await read("/v1/board/stats?date=\(date)")
                case .move: try await move()
                }
        } catch {
            failure = "no answer: \(error)"
        }
        return LoadSample(operation: operation, milliseconds: BoardAPI.milliseconds(ContinuousClock.now - due), failure: failure)
    }

    /// Reads `path`; returns why the answer is wrong, or `nil`.
    private func read(_ path: String) async throws -> String? {
        let reply = try await client.send(.GET, path)
        return (200..<300).contains(reply.status) ? nil : reply.reason
    }

    /// Moves a random known card to a random column with the version last seen for it. A 409
    /// for a stale version (whose current version is noted) or a full column is not a failure.
    ///
    /// - Returns: Why the answer is wrong, or `nil`.
    private func move() async throws -> String? {
        guard let card = cards.random(), let status = BoardAPI.onBoard.randomElement() else { return "no card to move" }
        let (id, version) = card
        let reply = try await client.send(
            .POST, "/v1/appointments/\(id)/move", json: BoardAPI.moveBody(status: status), ifMatch: version)
        switch (reply.status, reply.problemType) {
        case (200..<300, _):
            if let moved = BoardAPI.version(reply.object?["version"]) { cards.update(id, to: moved) }
            return nil
        case (409, "appointment-version-conflict"):
            let current = reply.object?["current"] as? [String: Any]
            if let latest = BoardAPI.version(current?["version"]) { cards.update(id, to: latest) }
            return nil
        case (409, "wip-limit-reached"):
            return nil
        default:
            return reply.reason
        }
    }
}

/// The cards a load test moves, with the version last seen for each, shared by the requests
/// in flight.
final class KnownCards: Sendable {
    private let ids: [String]
    private let versions: Mutex<[String: String]>

    init(_ versions: [String: String]) {
        ids = versions.keys.sorted()
        self.versions = Mutex(versions)
    }

    /// A random card and its last seen version, or `nil` when there is none.
    func random() -> (id: String, version: String)? {
        guard let id = ids.randomElement(), let version = versions.withLock({ $0[id] }) else { return nil }
        return (id, version)
    }

    /// Notes a card's version, unless a later one was already seen.
    func update(_ id: String, to version: String) {
        versions.withLock { known in
            if let seen = known[id], BoardAPI.isLater(seen, than: version) { return }
            known[id] = version
        }
    }
}
