import BulletinCore
import BulletinStore
import BulletinTestSupport
import Foundation
import Testing

@testable import BulletinJobs

/// A live worker on each database, its clock moved by hand.
@Suite("Job worker")
struct JobWorkerTests {
    static let workspace = JobFixture.workspace

    @Test("a queue runs at most its concurrency at once, then every job completes", arguments: TestDatabases.dialects)
    func concurrency(dialect: SQLDialect) async throws {
        let probe = Probe()
        let gate = Gate()
        try await JobFixture.withWorker(dialect, running: GatedJob(probe: probe, gate: gate), configure: { $0.concurrency["gated"] = 2 }) {
            repository, database, clock, _ in
            let jobs = try (0..<5).map { _ in try NewJob(GatedJob.self, arguments: NoArguments()) }
            let ids = try await repository.enqueue(batch: jobs, now: clock.now()).map(\.id)
            try await waitUntil("two jobs run") { probe.running == 2 }
            // Two claimed, three left waiting, while the two hold their slots.
            #expect(try await JobFixture.count(database, state: .running) == 2)
            #expect(try await JobFixture.count(database, state: .available) == 3)
            gate.open()
            for id in ids { try await repository.waitFor(id, .completed) }
            #expect(probe.finished == 5)
            #expect(probe.maxRunning == 2)
        }
    }

    @Test("handlers complete with a result, discard at once, or snooze without using an attempt", arguments: TestDatabases.dialects)
    func handlerOutcomes(dialect: SQLDialect) async throws {
        let probe = Probe()
        try await JobFixture.withWorker(dialect, running: ScriptJob(probe: probe)) { repository, _, clock, _ in
            let now = clock.now()
            let complete = try await repository.enqueue(try NewJob(ScriptJob.self, arguments: .init(action: "complete")), now: now)
            let discard = try await repository.enqueue(try NewJob(ScriptJob.self, arguments: .init(action: "discard")), now: now)
            let snooze = try await repository.enqueue(try NewJob(ScriptJob.self, arguments: .init(action: "snooze")), now: now)
            let undecodable = try await repository.enqueue(
                NewJob(kind: ScriptJob.kind, arguments: #"{"unexpected":1}"#), now: now)
            let unknown = try await repository.enqueue(
                NewJob(kind: "test.nobody-runs-this", arguments: "{}", maxAttempts: 1), now: now)

            try await repository.waitFor(complete.id, .completed)
            let completed = try await repository.record(complete.id)
            #expect(completed.result == #"{"call":1}"#)
            #expect(completed.attempt == 1)
            #expect(completed.finalizedAt == now)

            try await repository.waitFor(discard.id, .discarded)
            let discarded = try await repository.record(discard.id)
            #expect(discarded.attempt == 1)
            #expect(discarded.maxAttempts == 20)
            let errors = try await repository.errors(ofJob: discard.id)
            #expect(errors.map(\.problem.type) == ["job-discarded"])
            #expect(errors.first?.problem.detail == "bad input")

            try await waitUntil("the snoozed job is scheduled") {
                try await repository.record(snooze.id).state == .scheduled && probe.calls(snooze.id) == 1
            }
            let snoozed = try await repository.record(snooze.id)
            #expect(snoozed.attempt == 0)
            #expect(snoozed.scheduledAt == now.adding(30))
            #expect(try await repository.errors(ofJob: snooze.id).isEmpty)

            try await repository.waitFor(undecodable.id, .discarded)
            #expect(try await repository.errors(ofJob: undecodable.id).map(\.problem.type) == ["job-discarded"])
            try await repository.waitFor(unknown.id, .discarded)
            #expect(try await repository.errors(ofJob: unknown.id).map(\.problem.type) == ["job-unknown-kind"])

            // Once its time comes, the snoozed job runs again as its first counted attempt.
            clock.advance(by: 30)
            try await repository.waitFor(snooze.id, .completed)
            let woken = try await repository.record(snooze.id)
            #expect(woken.attempt == 1)
            #expect(woken.result == #"{"call":2}"#)
        }
    }

    @Test(
        "a workspace job announces its claim, progress and outcome on its topic; an installation job does not",
        arguments: TestDatabases.dialects)
    func jobEvents(dialect: SQLDialect) async throws {
        let probe = Probe()
        try await JobFixture.withWorker(dialect, running: ScriptJob(probe: probe)) { repository, database, _, _ in
            var owned = try NewJob(ScriptJob.self, arguments: .init(action: "complete"))
            owned.workspaceID = JobFixture.workspace
            let job = try await repository.enqueue(owned, now: Date())
            let installation = try await repository.enqueue(
                try NewJob(ScriptJob.self, arguments: .init(action: "complete")), now: Date())
            var discarded = try NewJob(ScriptJob.self, arguments: .init(action: "discard"))
            discarded.workspaceID = JobFixture.workspace
            let failing = try await repository.enqueue(discarded, now: Date())
            for id in [job.id, installation.id] { try await repository.waitFor(id, .completed) }
            try await repository.waitFor(failing.id, .discarded)

            let events = try await EventLog(database: database).events(after: 0, topics: ["job:\(job.id)"], limit: 100)
            #expect(events.map(\.type) == ["job.running", "job.progress", "job.completed"])
            #expect(events.allSatisfy { $0.workspaceID == JobFixture.workspace })
            let progress = try #require(
                try JSONSerialization.jsonObject(with: Data(events[1].payload.utf8)) as? [String: Any])
            #expect(progress["progress"] as? Double == 0.5)
            #expect(progress["message"] as? String == "halfway")
            #expect(progress["jobId"] as? String == String(job.id))
            let failed = try await EventLog(database: database).events(after: 0, topics: ["job:\(failing.id)"], limit: 100)
            #expect(failed.map(\.type) == ["job.running", "job.discarded"])
            #expect(try await EventLog(database: database).events(after: 0, topics: ["job:\(installation.id)"], limit: 100).isEmpty)
        }
    }

    @Test("failed attempts retry after the back-off on the injected clock; the last one discards", arguments: TestDatabases.dialects)
    func backoff(dialect: SQLDialect) async throws {
        let probe = Probe()
        try await JobFixture.withWorker(dialect, running: FailingJob(probe: probe)) { repository, _, clock, _ in
            let t0 = clock.now()
            let job = try await repository.enqueue(try NewJob(FailingJob.self, arguments: NoArguments()), now: t0)

            try await waitUntil("the first attempt fails") {
                let record = try await repository.record(job.id)
                return record.state == .retryable && record.attempt == 1
            }
            #expect(try await repository.record(job.id).scheduledAt == t0.adding(10))
            #expect(try await repository.errors(ofJob: job.id).map(\.problem.detail) == ["attempt 1 failed"])
            // Not due yet: nothing claims it before its time.
            let early = try await repository.claim(
                queue: "failing", limit: 1, worker: "probe", now: t0.adding(9), leaseUntil: t0.adding(39))
            #expect(early.isEmpty)
            #expect(probe.calls(job.id) == 1)

            clock.advance(by: 10)
            try await waitUntil("the second attempt fails") {
                let record = try await repository.record(job.id)
                return record.state == .retryable && record.attempt == 2
            }
            // Twice the wait, from the second failure (t0 + 10).
            #expect(try await repository.record(job.id).scheduledAt == t0.adding(30))
            #expect(probe.calls(job.id) == 2)

            clock.advance(by: 20)
            try await repository.waitFor(job.id, .discarded)
            let discarded = try await repository.record(job.id)
            #expect(discarded.attempt == 3)
            #expect(discarded.finalizedAt == t0.adding(30))
            let errors = try await repository.errors(ofJob: job.id)
            #expect(errors.map(\.attempt) == [1, 2, 3])
            #expect(errors.map(\.problem.type) == ["job-failed", "job-failed", "job-failed"])
            #expect(errors.map(\.failedAt) == [t0, t0.adding(10), t0.adding(30)])
            #expect(probe.calls(job.id) == 3)
        }
    }

    @Test("an attempt that runs past its kind's timeout fails with job-timeout", arguments: TestDatabases.dialects)
    func timeout(dialect: SQLDialect) async throws {
        let probe = Probe()
        try await JobFixture.withWorker(dialect, running: SlowJob(probe: probe)) { repository, _, clock, _ in
            let t0 = clock.now()
            let retried = try await repository.enqueue(try NewJob(SlowJob.self, arguments: NoArguments()), now: t0)
            let single = try await repository.enqueue(
                try NewJob(SlowJob.self, arguments: NoArguments(), options: EnqueueOptions(maxAttempts: 1)), now: t0)

            try await repository.waitFor(retried.id, .retryable)
            let retryable = try await repository.record(retried.id)
            #expect(retryable.attempt == 1)
            #expect(retryable.scheduledAt == t0.adding(60))
            let errors = try await repository.errors(ofJob: retried.id)
            #expect(errors.map(\.problem.type) == ["job-timeout"])
            #expect(errors.map(\.attempt) == [1])

            try await repository.waitFor(single.id, .discarded)
            #expect(try await repository.errors(ofJob: single.id).map(\.problem.type) == ["job-timeout"])
            #expect(probe.hasStarted(retried.id))
            #expect(probe.hasStarted(single.id))
            // The handlers were cancelled, not left running.
            try await waitUntil("the slow handlers stop") { probe.running == 0 }
        }
    }

    @Test("cancelling a running job stops its handler, and the job ends cancelled", arguments: TestDatabases.dialects)
    func cancelRunning(dialect: SQLDialect) async throws {
        let probe = Probe()
        try await JobFixture.withWorker(dialect, running: CancellableJob(probe: probe)) { repository, _, clock, _ in
            let job = try await repository.enqueue(
                try NewJob(CancellableJob.self, arguments: NoArguments(), options: EnqueueOptions(workspaceID: Self.workspace)),
                now: clock.now())
            try await waitUntil("the handler starts") { probe.hasStarted(job.id) }

            let requested = try await repository.cancel(id: job.id, workspaceID: Self.workspace, now: clock.now())
            #expect(requested.state == .running)
            #expect(requested.cancelRequestedAt == clock.now())

            try await repository.waitFor(job.id, .cancelled)
            #expect(probe.sawCancellation(job.id))
            let cancelled = try await repository.record(job.id)
            #expect(cancelled.finalizedAt == clock.now())
            #expect(cancelled.attempt == 1)
            let errors = try await repository.errors(ofJob: job.id)
            #expect(errors.map(\.problem.type) == ["job-cancelled"])
            #expect(errors.map(\.attempt) == [1])
        }
    }

    @Test("a cancellation that was not announced is noticed by the heartbeat", arguments: TestDatabases.dialects)
    func cancelByHeartbeat(dialect: SQLDialect) async throws {
        let probe = Probe()
        try await JobFixture.withWorker(dialect, running: CancellableJob(probe: probe)) { repository, database, clock, _ in
            let job = try await repository.enqueue(try NewJob(CancellableJob.self, arguments: NoArguments()), now: clock.now())
            try await waitUntil("the handler starts") { probe.hasStarted(job.id) }
            // As if another node's notification were lost.
            try await database.execute("UPDATE jobs SET cancel_requested_at = \(clock.now()) WHERE id = \(job.id)")
            try await repository.waitFor(job.id, .cancelled)
            #expect(probe.sawCancellation(job.id))
            #expect(try await repository.errors(ofJob: job.id).map(\.problem.type) == ["job-cancelled"])
        }
    }

    @Test("a job rescued from this worker is stopped here and left to its new owner", arguments: TestDatabases.dialects)
    func leaseLost(dialect: SQLDialect) async throws {
        let probe = Probe()
        try await JobFixture.withWorker(dialect, running: CancellableJob(probe: probe)) { repository, _, clock, _ in
            let job = try await repository.enqueue(try NewJob(CancellableJob.self, arguments: NoArguments()), now: clock.now())
            try await waitUntil("the handler starts") { probe.hasStarted(job.id) }
            // Another node, an hour later by its clock, finds the lease lapsed.
            let upkeep = try await repository.upkeep(now: clock.now().adding(3600))
            #expect(upkeep.rescued == 1)
            try await waitUntil("the handler is stopped") { probe.sawCancellation(job.id) && probe.running == 0 }
            let rescued = try await repository.record(job.id)
            #expect(rescued.state == .retryable)
            #expect(try await repository.errors(ofJob: job.id).map(\.problem.type) == ["job-lease-expired"])
        }
    }

    @Test("an idle worker picks up a new job through the notification, not only by polling", arguments: TestDatabases.dialects)
    func notification(dialect: SQLDialect) async throws {
        try await JobFixture.withRepository(dialect) { repository, database in
            let clock = ManualClock()
            var registry = JobRegistry()
            registry.register(EchoJob())
            // Polling once a minute: only a notification finds the second job within the deadline.
            try await JobFixture.withWorker(
                database, registry: registry, clock: clock, configure: { $0.pollInterval = .seconds(60) }
            ) { worker in
                let first = try await repository.enqueue(try NewJob(EchoJob.self, arguments: .init(name: "first")), now: clock.now())
                try await repository.waitFor(first.id, .completed, limit: .seconds(30))
                try await waitUntil("the worker is idle") { worker.running.claims.isEmpty }

                let second = try await repository.enqueue(try NewJob(EchoJob.self, arguments: .init(name: "second")), now: clock.now())
                // Well under the minute a poll would take, with room for a loaded CI machine.
                try await repository.waitFor(second.id, .completed, limit: .seconds(30))
                #expect(try await repository.record(second.id).result == #"{"echo":"second"}"#)
            }
        }
    }

    @Test("shutting down releases running jobs without counting the attempt", arguments: TestDatabases.dialects)
    func shutdownReleases(dialect: SQLDialect) async throws {
        try await JobFixture.withRepository(dialect) { repository, database in
            let clock = ManualClock()
            let probe = Probe()
            let gate = Gate()
            var registry = JobRegistry()
            registry.register(GatedJob(probe: probe, gate: gate))
            let enqueued = try await repository.enqueue(try NewJob(GatedJob.self, arguments: NoArguments()), now: clock.now())
            let id = enqueued.id
            try await JobFixture.withWorker(
                database, registry: registry, clock: clock, configure: { $0.shutdownGrace = .milliseconds(100) }
            ) { _ in
                try await waitUntil("the handler starts") { probe.hasStarted(enqueued.id) }
            }
            // The worker returned: the gate never opened, so the grace period ended and the job went back.
            let released = try await repository.record(id)
            #expect(released.state == .available)
            #expect(released.attempt == 0)
            #expect(released.attemptedBy == nil)
            #expect(try await repository.errors(ofJob: id).isEmpty)
        }
    }

    @Test("the maintenance jobs prune finished jobs and events older than their retention", arguments: TestDatabases.dialects)
    func maintenance(dialect: SQLDialect) async throws {
        try await JobFixture.withRepository(dialect) { repository, database in
            let clock = ManualClock()
            var registry = JobRegistry()
            try registry.registerMaintenance(
                database: database, retention: Retention(jobs: .seconds(3600), events: .seconds(3600)), clock: clock.wallClock)
            #expect(registry.cronEntries.map(\.name) == [PruneFinishedJobs.kind, PruneEvents.kind])
            func appendEvent() async throws -> Int64 {
                try await database.transaction { executor in
                    try await EventLog(database: executor).append(
                        NewEvent(workspaceID: Self.workspace, topic: "t", type: "e", payload: "{}", requestID: nil),
                        now: clock.now())
                }
            }
            let oldEvent = try await appendEvent()
            let old = try await repository.enqueue(
                NewJob(kind: "old", arguments: "{}", queue: "elsewhere", workspaceID: Self.workspace), now: clock.now())
            _ = try await repository.cancel(id: old.id, workspaceID: Self.workspace, now: clock.now())
            // The old event, and the old job's job.cancelled.
            let oldEvents = try await EventLog(database: database).events(after: 0, limit: 10).map(\.id)
            #expect(oldEvents.count == 2 && oldEvents.first == oldEvent)
            clock.advance(by: 7200)
            let recent = try await repository.enqueue(
                NewJob(kind: "recent", arguments: "{}", queue: "elsewhere", workspaceID: Self.workspace), now: clock.now())
            _ = try await repository.cancel(id: recent.id, workspaceID: Self.workspace, now: clock.now())
            let recentEvent = try await appendEvent()

            try await JobFixture.withWorker(database, registry: registry, clock: clock) { _ in
                let prune = try await repository.enqueue(try NewJob(PruneFinishedJobs.self, arguments: .init()), now: clock.now())
                try await repository.waitFor(prune.id, .completed)
                #expect(try await repository.record(prune.id).result == #"{"deleted":1}"#)
                let events = try await repository.enqueue(try NewJob(PruneEvents.self, arguments: .init()), now: clock.now())
                try await repository.waitFor(events.id, .completed)
                #expect(try await repository.record(events.id).result == #"{"deleted":2}"#)
            }
            #expect(try await EventLog(database: database).prunedThrough() == oldEvents.last)
            let kept = try await EventLog(database: database).events(after: 0, limit: 10)
            #expect(kept.map(\.type) == ["job.cancelled", "e"] && kept.last?.id == recentEvent)
            #expect(try await repository.job(id: old.id, workspaceID: Self.workspace) == nil)
            #expect(try await repository.record(recent.id).state == .cancelled)
        }
    }
}
