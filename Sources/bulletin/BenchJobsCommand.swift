import ArgumentParser
import BulletinApp
import BulletinCore
import BulletinJobs
import BulletinServer
import BulletinStore
import Foundation
import Logging
import Prometheus
import ServiceLifecycle
import Synchronization

/// `bulletin bench`: benchmarks run against a real database.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure Bulletin on this machine and database.",
        subcommands: [BenchJobsCommand.self, BenchFlagsCommand.self, BenchDocumentsCommand.self, BenchFormsCommand.self])
}

/// `bulletin bench jobs`: inserts no-op jobs in batches, works them with the default worker
/// settings, and prints jobs/s and the enqueue→start latency of an idle queue (after `river bench`).
struct BenchJobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "Insert and work N no-op jobs; print jobs/s and enqueue→start latency p50/p99.",
        discussion: """
            Runs on the configured database (SQLite in the data folder, or --database-url) in a \
            throwaway queue that it deletes afterwards; other queues are not touched. The worker \
            runs as many jobs at once as --worker-concurrency gives the default queue (100 unless set).
            """)

    @Option(help: "How many jobs to insert and work.") var jobs = 20_000
    @Option(help: "How many one-at-a-time jobs measure the latency of an idle queue.") var latencySamples = 200
    @OptionGroup var settings: SettingsOptions

    func run() async throws {
        let jobs = max(1, self.jobs)
        let samples = max(1, latencySamples)
        try await withDatabase(settings) { database, configuration in
            try await Migrator().migrate(database)
            let report = try await JobsBenchmark(
                database: database, jobs: jobs, latencySamples: samples,
                concurrency: configuration.workerConcurrency["default"] ?? WorkerConfiguration().defaultConcurrency
            ).run()
            print(report)
        }
    }
}

/// The benchmark itself: a worker with default settings on a queue of its own.
private struct JobsBenchmark {
    let database: any Database
    let jobs: Int
    let latencySamples: Int
    /// Jobs at once: the default queue's, as `--worker-concurrency default=N` sets it.
    let concurrency: Int
    let queue = "bench-" + RandomID.make().lowercased()

    /// Runs on the worker: counts starts and signals the one a latency sample waits for. Its
    /// jobs go to the run's own queue; the kind's queue is one no real job uses, so the
    /// benchmark's worker never takes another's jobs.
    struct NoOp: JobHandler {
        struct Arguments: Codable, Sendable { var sample: Int? }
        static let kind = "bench.noop"
        static var options: JobKindOptions { JobKindOptions(queue: "bench") }
        let started: @Sendable (Int?) -> Void
        func run(_ arguments: Arguments, context: JobContext) async throws { started(arguments.sample) }
    }

    func run() async throws -> String {
        let repository = JobRepository(database: database)
        let worked = Atomic(0)
        let waiting = StartWaiters()
        var registry = JobRegistry()
        registry.register(
            NoOp { sample in
                worked.add(1, ordering: .relaxed)
                if let sample, let waiter = waiting.take(sample) {
                    waiter.resume(returning: .now)
                }
            })
        var configuration = WorkerConfiguration()
        configuration.concurrency[queue] = concurrency
        let logger = Logger(label: "bench") { JSONLogHandler(label: $0, level: .warning) }
        let metrics = JobMetrics(registry: PrometheusCollectorRegistry())
        let enqueuer = JobEnqueuer(metrics: metrics)
        let worker = JobWorker(database: database, registry: registry, configuration: configuration, metrics: metrics, logger: logger)

        // Insert every job first, in transactions of a thousand, while no worker runs.
        let insertStart = ContinuousClock.now
        for start in stride(from: 0, to: jobs, by: 1000) {
            let batch = try (start..<min(start + 1000, jobs)).map { _ in
                try NewJob(NoOp.self, arguments: .init(sample: nil), options: EnqueueOptions(queue: queue))
            }
            _ = try await enqueuer.enqueue(batch: batch, now: Date(), in: database)
        }
        let insertTime = ContinuousClock.now - insertStart

        let workers = ServiceGroup(services: [worker], logger: logger)
        let report = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await workers.run() }
            defer { group.cancelAll() }
            let workStart = ContinuousClock.now
            // Poll the handlers' count, which costs nothing, then the database until the last
            // completions are written.
            while worked.load(ordering: .relaxed) < jobs {
                try await Task.sleep(for: .milliseconds(5))
            }
            while try await completedCount() < jobs {
                try await Task.sleep(for: .milliseconds(50))
            }
            let workTime = ContinuousClock.now - workStart

            // The queue is idle now: enqueue one job at a time and time until it starts.
            var latencies: [Double] = []
            for sample in 0..<latencySamples {
                let job = try NewJob(NoOp.self, arguments: .init(sample: sample), options: EnqueueOptions(queue: queue))
                let enqueued = ContinuousClock.now
                let started = try await withCheckedThrowingContinuation { continuation in
                    waiting.add(sample, continuation)
                    Task {
                        do {
                            _ = try await repository.enqueue(job, now: Date())
                        } catch {
                            waiting.take(sample)?.resume(throwing: error)
                        }
                    }
                }
                latencies.append(Self.milliseconds(started - enqueued))
            }
            let latency = Percentiles(of: latencies)!
            await workers.triggerGracefulShutdown()
            try await group.next()
            return """
                database:        \(database.dialect.rawValue)
                jobs:            \(jobs) no-op jobs, worker settings as configured (\(concurrency) at once)
                insert:          \(Self.rate(jobs, insertTime)) jobs/s (batches of 1000)
                work:            \(Self.rate(jobs, workTime)) jobs/s (\(String(format: "%.2f", Self.milliseconds(workTime) / 1000)) s)
                enqueue→start:   p50 \(String(format: "%.2f", latency.p50)) ms, p99 \(String(format: "%.2f", latency.p99)) ms (\(latencySamples) jobs, idle queue)
                """
        }
        try await repository.deleteJobs(inQueue: queue)
        return report

        func completedCount() async throws -> Int {
            try await repository.counts(inQueue: queue)[.completed] ?? 0
        }
    }

    static func milliseconds(_ duration: Duration) -> Double {
        duration.timeInterval * 1000
    }

    static func rate(_ count: Int, _ duration: Duration) -> String {
        String(format: "%.0f", Double(count) / max(milliseconds(duration) / 1000, 1e-9))
    }
}

/// The latency samples waiting for their job to start, by sample number.
private final class StartWaiters: Sendable {
    private let waiters = Mutex<[Int: CheckedContinuation<ContinuousClock.Instant, any Error>]>([:])

    func add(_ sample: Int, _ continuation: CheckedContinuation<ContinuousClock.Instant, any Error>) {
        waiters.withLock { $0[sample] = continuation }
    }

    func take(_ sample: Int) -> CheckedContinuation<ContinuousClock.Instant, any Error>? {
        waiters.withLock { $0.removeValue(forKey: sample) }
    }
}
