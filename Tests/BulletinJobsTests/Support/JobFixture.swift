import BulletinCore
import BulletinStore
import BulletinTestSupport
import Foundation
import Prometheus
import Synchronization
import Testing

@testable import BulletinJobs

/// A clock the test moves by hand: the store and the worker read "now" from it, so that
/// run-at times, back-offs, leases and cron ticks move only when the test says so.
final class ManualClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = JobFixture.start) {
        current = Mutex(start)
    }

    var wallClock: WallClock { WallClock { self.current.withLock { $0 } } }

    func now() -> Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// Databases, repositories and workers for the jobs tests.
enum JobFixture {
    /// 2030-01-01 12:00:30 UTC: whole seconds (both databases store them exactly), half a
    /// minute past a cron tick, and half a minute into an hour-long unique window.
    static let start = Date(timeIntervalSince1970: 1_893_499_230)
    /// The workspace the tests' jobs belong to (it exists), and that the admin calls act for.
    static let workspace = "ws_jobs"

    /// Runs `body` with a new, migrated database holding the test workspace, and its job repository.
    static func withRepository(
        _ dialect: SQLDialect, _ body: @Sendable (JobRepository, any Database) async throws -> Void
    ) async throws {
        try await TestDatabases.withDatabase(dialect) { database in
            try await Migrator().migrate(database)
            try await database.execute("INSERT INTO workspaces (id, name, created_at) VALUES (\(workspace), 'Jobs', \(start))")
            try await body(JobRepository(database: database), database)
        }
    }

    /// A worker configuration with short timings, so that tests finish quickly.
    static func configuration(_ configure: (inout WorkerConfiguration) -> Void = { _ in }) -> WorkerConfiguration {
        var configuration = WorkerConfiguration()
        configuration.heartbeatInterval = .milliseconds(50)
        configuration.pollInterval = .milliseconds(50)
        configuration.upkeepInterval = .milliseconds(50)
        configuration.shutdownGrace = .milliseconds(500)
        configure(&configuration)
        return configuration
    }

    /// A worker over a database (not yet running).
    static func makeWorker(
        _ database: any Database, registry: JobRegistry, clock: ManualClock, configuration: WorkerConfiguration
    ) -> JobWorker {
        JobWorker(
            database: database, registry: registry, configuration: configuration,
            metrics: JobMetrics(registry: PrometheusCollectorRegistry()), clock: clock.wallClock, logger: TestDatabases.logger)
    }

    /// Runs a worker while `body` runs, then shuts it down gracefully and waits for it.
    static func withWorker(
        _ database: any Database, registry: JobRegistry, clock: ManualClock,
        configure: (inout WorkerConfiguration) -> Void = { _ in },
        _ body: @Sendable (JobWorker) async throws -> Void
    ) async throws {
        let worker = makeWorker(database, registry: registry, clock: clock, configuration: configuration(configure))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.run() }
            do {
                try await body(worker)
            } catch {
                group.cancelAll()
                throw error
            }
            worker.beginShutdown()
            try await group.waitForAll()
        }
    }

    /// Runs a worker for one kind of job on a new database, with a clock moved by hand, while
    /// `body` runs; `body` gets the repository, the database, the clock and the worker.
    static func withWorker(
        _ dialect: SQLDialect, running handler: some JobHandler,
        configure: @escaping @Sendable (inout WorkerConfiguration) -> Void = { _ in },
        _ body: @Sendable (JobRepository, any Database, ManualClock, JobWorker) async throws -> Void
    ) async throws {
        var kinds = JobRegistry()
        kinds.register(handler)
        let registry = kinds
        try await withRepository(dialect) { repository, database in
            let clock = ManualClock()
            try await withWorker(database, registry: registry, clock: clock, configure: configure) { worker in
                try await body(repository, database, clock, worker)
            }
        }
    }

    /// How many jobs there are, in a state or in all.
    static func count(_ database: any Database, state: JobState? = nil) async throws -> Int {
        let statement: SQLStatement =
            if let state { "SELECT COUNT(*) AS n FROM jobs WHERE state = \(state.rawValue)" } else { "SELECT COUNT(*) AS n FROM jobs" }
        return try #require(try await database.query(statement).first).decode("n", as: Int.self)
    }

    /// A problem for failures recorded through the repository.
    static func problem(_ type: String = "job-failed") -> JobProblem {
        JobProblem(type: type, title: "The job failed", detail: "a test failure")
    }
}

extension JobRepository {
    /// A job that must exist, as an installation admin of the test workspace sees it (so the
    /// installation's own jobs too).
    func record(_ id: Int64) async throws -> JobRecord {
        try #require(try await job(id: id, workspaceID: JobFixture.workspace, includingInstallation: true))
    }

    /// Waits until a job is in a state.
    func waitFor(_ id: Int64, _ state: JobState, limit: Duration = .seconds(15)) async throws {
        try await waitUntil("job \(id) is \(state.rawValue)", limit: limit) { try await record(id).state == state }
    }
}

extension Date {
    func adding(_ seconds: TimeInterval) -> Date { addingTimeInterval(seconds) }
}

/// What the test handlers did, read by the tests.
final class Probe: Sendable {
    private struct State {
        var running = 0
        var maxRunning = 0
        var finished = 0
        var started: Set<Int64> = []
        var sawCancellation: Set<Int64> = []
        var calls: [Int64: Int] = [:]
    }

    private let state = Mutex(State())

    func enter(_ id: Int64) {
        state.withLock { state in
            state.running += 1
            state.maxRunning = max(state.maxRunning, state.running)
            state.started.insert(id)
        }
    }

    func leave() {
        state.withLock { state in
            state.running -= 1
            state.finished += 1
        }
    }

    /// Counts a call of a job's handler; returns how many there have been.
    func call(_ id: Int64) -> Int {
        state.withLock { state in
            state.calls[id, default: 0] += 1
            return state.calls[id]!
        }
    }

    func noteCancellation(_ id: Int64) {
        _ = state.withLock { $0.sawCancellation.insert(id) }
    }

    var running: Int { state.withLock { $0.running } }
    var maxRunning: Int { state.withLock { $0.maxRunning } }
    var finished: Int { state.withLock { $0.finished } }
    func hasStarted(_ id: Int64) -> Bool { state.withLock { $0.started.contains(id) } }
    func sawCancellation(_ id: Int64) -> Bool { state.withLock { $0.sawCancellation.contains(id) } }
    func calls(_ id: Int64) -> Int { state.withLock { $0.calls[id] ?? 0 } }
}

/// Holds handlers until opened; a waiting task that is cancelled goes on at once.
final class Gate: Sendable {
    private struct State {
        var isOpen = false
        var nextID = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    func open() {
        let waiters = state.withLock { state in
            state.isOpen = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    func wait() async {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let goOn = state.withLock { state in
                    if state.isOpen || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if goOn { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}

/// The payloads of a notification channel, as this process's listeners receive them.
final class NotificationLog: Sendable {
    private let received = Mutex<[String]>([])
    private let listener = Mutex<Task<Void, Never>?>(nil)

    struct NotListening: Error {}

    /// Starts listening, and returns once a notification sent now is received (PostgreSQL
    /// listens on a connection of its own, which may still be connecting).
    static func listening(to channel: String, on database: any Database) async throws -> NotificationLog {
        let log = NotificationLog()
        let stream = database.notifications.listen(to: channel)
        log.listener.withLock { $0 = Task { for await payload in stream { log.received.withLock { $0.append(payload) } } } }
        for attempt in 1...40 {
            let probe = "probe-\(attempt)"
            try await database.transaction { try await $0.notify(DatabaseNotification(channel: channel, payload: probe)) }
            do {
                try await waitUntil("the probe notification arrives", limit: .milliseconds(500)) { log.all.contains(probe) }
                return log
            } catch is DeadlinePassed {
                continue
            }
        }
        log.stop()
        throw NotListening()
    }

    /// Everything received, probes included.
    var all: [String] { received.withLock { $0 } }

    /// The payloads received, without probes and "may have missed some" wake-ups.
    var payloads: [String] { all.filter { !$0.isEmpty && !$0.hasPrefix("probe-") } }

    func stop() {
        listener.withLock { $0 }?.cancel()
    }
}

// MARK: - Handlers

struct NoArguments: Codable, Sendable, Hashable {}

struct Boom: Error, CustomStringConvertible {
    let description: String
}

/// Runs until its gate opens, counting how many run at once.
struct GatedJob: JobHandler {
    typealias Arguments = NoArguments
    static let kind = "test.gated"
    static var options: JobKindOptions { JobKindOptions(queue: "gated") }

    let probe: Probe
    let gate: Gate

    func run(_ arguments: NoArguments, context: JobContext) async throws {
        probe.enter(context.job.id)
        defer { probe.leave() }
        await gate.wait()
    }
}

/// Fails every attempt, with a back-off of 10 s then 20 s and no jitter.
struct FailingJob: JobHandler {
    typealias Arguments = NoArguments
    static let kind = "test.failing"
    static var options: JobKindOptions {
        JobKindOptions(queue: "failing", maxAttempts: 3, backoff: Backoff(initial: .seconds(10), factor: 2, jitter: 0))
    }

    let probe: Probe

    func run(_ arguments: NoArguments, context: JobContext) async throws {
        _ = probe.call(context.job.id)
        throw Boom(description: "attempt \(context.job.attempt) failed")
    }
}

/// Sleeps far longer than its kind's timeout.
struct SlowJob: JobHandler {
    typealias Arguments = NoArguments
    static let kind = "test.slow"
    static var options: JobKindOptions {
        JobKindOptions(
            queue: "slow", maxAttempts: 5, timeout: .milliseconds(200), backoff: Backoff(initial: .seconds(60), jitter: 0))
    }

    let probe: Probe

    func run(_ arguments: NoArguments, context: JobContext) async throws {
        probe.enter(context.job.id)
        defer { probe.leave() }
        try await Task.sleep(for: .seconds(60))
    }
}

/// Works until its task is cancelled, checking between steps as handlers should.
struct CancellableJob: JobHandler {
    typealias Arguments = NoArguments
    static let kind = "test.cancellable"
    static var options: JobKindOptions { JobKindOptions(queue: "cancellable") }

    let probe: Probe

    func run(_ arguments: NoArguments, context: JobContext) async throws {
        probe.enter(context.job.id)
        defer { probe.leave() }
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(10))
        }
        probe.noteCancellation(context.job.id)
    }
}

/// Does what its arguments say: complete with a result, discard, or snooze once.
struct ScriptJob: JobHandler {
    struct Arguments: Codable, Sendable, Hashable {
        var action: String
    }

    static let kind = "test.script"

    let probe: Probe

    func run(_ arguments: Arguments, context: JobContext) async throws {
        let call = probe.call(context.job.id)
        switch arguments.action {
        case "discard":
            throw JobError.discard("bad input")
        case "snooze" where call == 1:
            throw JobError.snooze(for: .seconds(30))
        default:
            try await context.reportProgress(0.5, "halfway")
            try context.setResult(["call": call])
        }
    }
}

/// Completes at once, echoing its name as the result.
struct EchoJob: JobHandler {
    struct Arguments: Codable, Sendable, Hashable {
        var name: String
    }

    static let kind = "test.echo"

    func run(_ arguments: Arguments, context: JobContext) async throws {
        try context.setResult(["echo": arguments.name])
    }
}
