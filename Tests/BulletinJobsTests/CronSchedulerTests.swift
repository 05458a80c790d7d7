import BulletinCore
import BulletinStore
import BulletinTestSupport
import Foundation
import Testing

@testable import BulletinJobs

/// Cron entries fire once per tick however many nodes look.
@Suite("Cron scheduler")
struct CronSchedulerTests {
    static let entry = "test.every-minute"

    /// Lets every worker look for due ticks at once; returns the jobs they enqueued.
    static func fireAll(_ workers: [JobWorker]) async -> [EnqueuedJob] {
        await withTaskGroup(of: [EnqueuedJob].self) { group in
            for worker in workers {
                group.addTask { await worker.cron.fireDueTicks() }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
    }

    @Test("two workers on one database fire each tick exactly once", arguments: TestDatabases.dialects)
    func oncePerTick(dialect: SQLDialect) async throws {
        try await JobFixture.withRepository(dialect) { repository, database in
            let clock = ManualClock()
            var registry = JobRegistry()
            registry.register(EchoJob())
            registry.schedule(
                try CronEntry(name: Self.entry, schedule: try CronSchedule("* * * * *"), EchoJob.self, arguments: .init(name: "tick")))
            let workers = ["node-a", "node-b"].map { id in
                JobFixture.makeWorker(
                    database, registry: registry, clock: clock, configuration: JobFixture.configuration { $0.workerID = id })
            }
            let t0 = clock.now()

            // 12:00:30: the first look reaches back a minute, to the 12:00 tick.
            let first = await Self.fireAll(workers)
            #expect(first.count == 1)
            #expect(try await JobFixture.count(database) == 1)

            // Past the minute boundary: the 12:01 tick, once.
            clock.advance(by: 40)
            let second = await Self.fireAll(workers)
            #expect(second.count == 1)
            #expect(try await JobFixture.count(database) == 2)

            // Later in the same minute: nothing new.
            clock.advance(by: 5)
            #expect(await Self.fireAll(workers).isEmpty)

            // On to 12:03:45: of the missed 12:02 and 12:03 ticks, only the latest fires.
            clock.advance(by: 150)
            let third = await Self.fireAll(workers)
            #expect(third.count == 1)

            let ticks = try await database.query("SELECT tick_at, job_id FROM cron_ticks WHERE name = \(Self.entry) ORDER BY tick_at")
            #expect(try ticks.map { try $0.decode("tick_at", as: Date.self) } == [t0.adding(-30), t0.adding(30), t0.adding(150)])
            let tickJobs = try ticks.map { try $0.decode("job_id", as: Int64.self) }
            #expect(tickJobs == (first + second + third).map(\.id))
            for id in tickJobs {
                let job = try await repository.record(id)
                #expect(job.kind == EchoJob.kind)
                #expect(job.state == .available)
                #expect(job.enqueuedBy == "cron:" + Self.entry)
                #expect(job.arguments == #"{"name":"tick"}"#)
            }
            #expect(try await JobFixture.count(database) == 3)
        }
    }

    @Test("many schedulers racing on one tick enqueue one job", arguments: TestDatabases.dialects)
    func race(dialect: SQLDialect) async throws {
        try await JobFixture.withRepository(dialect) { _, database in
            let clock = ManualClock()
            var registry = JobRegistry()
            registry.register(EchoJob())
            registry.schedule(
                try CronEntry(name: Self.entry, schedule: try CronSchedule("* * * * *"), EchoJob.self, arguments: .init(name: "tick")))
            for round in 1...5 {
                // New nodes each round, all starting at the same moment.
                let workers = (1...6).map { node in
                    JobFixture.makeWorker(
                        database, registry: registry, clock: clock,
                        configuration: JobFixture.configuration { $0.workerID = "node-\(round)-\(node)" })
                }
                #expect(await Self.fireAll(workers).count == 1)
                #expect(try await JobFixture.count(database) == round)
                clock.advance(by: 60)
            }
        }
    }
}
