import BulletinCore
import BulletinStore
import BulletinTestSupport
import Foundation
import Testing

@testable import BulletinJobs

/// The job table's life cycle through the repository, with times given by hand.
@Suite("Job repository")
struct JobRepositoryTests: JobRepositorySuite {
    // MARK: - State transitions

    @Test("a job goes from available to running to completed", arguments: TestDatabases.dialects)
    func completes(dialect: SQLDialect) async throws {
        try await JobFixture.withRepository(dialect) { repository, _ in
            let enqueued = try await repository.enqueue(Self.job(), now: Self.t0)
            #expect(enqueued.state == .available)
            #expect(!enqueued.isDuplicate)
            let waiting = try await repository.record(enqueued.id)
            #expect(waiting.attempt == 0)
            #expect(waiting.scheduledAt == Self.t0)
            #expect(waiting.createdAt == Self.t0)

            let claimed = try await Self.claim(repository, at: Self.t0.adding(1))
            #expect(claimed.map(\.id) == [enqueued.id])
            let running = try #require(claimed.first)
            #expect(running.state == .running)
            #expect(running.attempt == 1)
            #expect(running.attemptedBy == "w1")
            #expect(running.attemptedAt == Self.t0.adding(1))
            #expect(running.leaseExpiresAt == Self.t0.adding(31))
            // A running job is nobody else's to claim.
            #expect(try await Self.claim(repository, worker: "w2", at: Self.t0.adding(2)).isEmpty)

            let claim = JobClaim(jobID: enqueued.id, attempt: 1, worker: "w1")
            try await repository.reportProgress(claim, fraction: 0.25, message: "a quarter", now: Date())
            #expect(try await repository.record(enqueued.id).progress == 0.25)
            #expect(try await repository.record(enqueued.id).progressMessage == "a quarter")
            // Another worker's claim is not held, so its completion is ignored.
            #expect(try await repository.complete([(JobClaim(jobID: enqueued.id, attempt: 1, worker: "w2"), nil)], now: Self.t0) == 0)

            #expect(try await repository.complete([(claim, #"{"ok":true}"#)], now: Self.t0.adding(2)) == 1)
            let completed = try await repository.record(enqueued.id)
            #expect(completed.state == .completed)
            #expect(completed.finalizedAt == Self.t0.adding(2))
            #expect(completed.result == #"{"ok":true}"#)
            #expect(completed.progress == 1)
            #expect(completed.leaseExpiresAt == nil)
            // Completing twice changes nothing.
            #expect(try await repository.complete([(claim, nil)], now: Self.t0.adding(3)) == 0)
            #expect(try await repository.errors(ofJob: enqueued.id).isEmpty)
        }
    }

    @Test("one batch renews and completes jobs on different attempts, and leaves a stale claim alone", arguments: TestDatabases.dialects)
    func batchOfAttempts(dialect: SQLDialect) async throws {
        try await JobFixture.withRepository(dialect) { repository, _ in
            let first = try await repository.enqueue(Self.job(), now: Self.t0)
            let retried = try await repository.enqueue(Self.job(), now: Self.t0)
            let third = try await repository.enqueue(Self.job(), now: Self.t0)
            #expect(try await Self.claim(repository, at: Self.t0.adding(1)).count == 3)
            let problem = JobProblem(type: "job-failed", title: "The job failed", detail: "once")
            try await repository.fail(
                JobClaim(jobID: retried.id, attempt: 1, worker: "w1"), problem: problem, retryAt: Self.t0.adding(2), now: Self.t0.adding(2))
            #expect(try await Self.claim(repository, at: Self.t0.adding(3)).map(\.attempt) == [2])

            let held = [
                JobClaim(jobID: first.id, attempt: 1, worker: "w1"), JobClaim(jobID: retried.id, attempt: 2, worker: "w1"),
            ]
            let stale = JobClaim(jobID: third.id, attempt: 2, worker: "w1")
            let leases = try await repository.renewLeases(held + [stale], until: Self.t0.adding(60))
            #expect(Set(leases.keys) == Set(held))
            #expect(try await repository.record(third.id).leaseExpiresAt == Self.t0.adding(31))

            #expect(try await repository.complete((held + [stale]).map { ($0, nil) }, now: Self.t0.adding(4)) == 2)
            #expect(try await repository.record(first.id).state == .completed)
            #expect(try await repository.record(retried.id).state == .completed)
            #expect(try await repository.record(third.id).state == .running)
        }
    }

    @Test("a job scheduled for later is not claimable until due, then upkeep promotes it", arguments: TestDatabases.dialects)
    func scheduled(dialect: SQLDialect) async throws {
        try await JobFixture.withRepository(dialect) { repository, _ in
            let enqueued = try await repository.enqueue(Self.job(runAt: Self.t0.adding(60)), now: Self.t0)
            #expect(enqueued.state == .scheduled)
            #expect(try await Self.claim(repository, at: Self.t0).isEmpty)
            #expect(try await Self.claim(repository, at: Self.t0.adding(59)).isEmpty)

            let early = try await repository.upkeep(now: Self.t0.adding(59))
            #expect(early.promoted == 0)
            #expect(try await repository.record(enqueued.id).state == .scheduled)

            let due = try await repository.upkeep(now: Self.t0.adding(60))
            #expect(due.promoted == 1)
            #expect(due.queues == ["q"])
            #expect(try await repository.record(enqueued.id).state == .available)
            #expect(try await Self.claim(repository, at: Self.t0.adding(60)).map(\.id) == [enqueued.id])
        }
    }

    @Test("a failed attempt is retryable, claimable again when due, and the last one discards", arguments: TestDatabases.dialects)
    func retryable(dialect: SQLDialect) async throws {
        try await JobFixture.withRepository(dialect) { repository, _ in
            let enqueued = try await repository.enqueue(Self.job(maxAttempts: 2), now: Self.t0)
            _ = try await Self.claim(repository, at: Self.t0)
            let first = JobClaim(jobID: enqueued.id, attempt: 1, worker: "w1")
            let failed = try await repository.fail(
                first, problem: JobFixture.problem(), retryAt: Self.t0.adding(30), now: Self.t0.adding(1))
            #expect(failed == .retryable)
            let retryable = try await repository.record(enqueued.id)
            #expect(retryable.state == .retryable)
            #expect(retryable.attempt == 1)
            #expect(retryable.scheduledAt == Self.t0.adding(30))
            #expect(retryable.attemptedBy == nil)
            #expect(retryable.leaseExpiresAt == nil)
            #expect(retryable.finalizedAt == nil)
            let errors = try await repository.errors(ofJob: enqueued.id)
            #expect(errors.map(\.attempt) == [1])
            #expect(errors.first?.problem == JobFixture.problem())
            #expect(errors.first?.failedAt == Self.t0.adding(1))
            // The stale claim no longer holds.
            #expect(try await repository.fail(first, problem: JobFixture.problem(), retryAt: nil, now: Self.t0.adding(2)) == nil)

            #expect(try await Self.claim(repository, at: Self.t0.adding(29)).isEmpty)
            let again = try await Self.claim(repository, at: Self.t0.adding(30))
            #expect(again.map(\.id) == [enqueued.id])
            #expect(again.first?.attempt == 2)

            let second = JobClaim(jobID: enqueued.id, attempt: 2, worker: "w1")
            #expect(try await repository.fail(second, problem: JobFixture.problem(), retryAt: nil, now: Self.t0.adding(31)) == .discarded)
            let discarded = try await repository.record(enqueued.id)
            #expect(discarded.state == .discarded)
            #expect(discarded.finalizedAt == Self.t0.adding(31))
            #expect(try await repository.errors(ofJob: enqueued.id).map(\.attempt) == [1, 2])
            #expect(try await Self.claim(repository, at: Self.t0.adding(3600)).isEmpty)
        }
    }

    @Test("a snoozed job is scheduled again without counting the attempt", arguments: TestDatabases.dialects)
    func snoozes(dialect: SQLDialect) async throws {
        try await JobFixture.withRepository(dialect) { repository, _ in
            let enqueued = try await repository.enqueue(Self.job(), now: Self.t0)
            _ = try await Self.claim(repository, at: Self.t0)
            let claim = JobClaim(jobID: enqueued.id, attempt: 1, worker: "w1")
            #expect(try await repository.snooze(claim, until: Self.t0.adding(120), now: Self.t0) == .scheduled)
            let snoozed = try await repository.record(enqueued.id)
            #expect(snoozed.state == .scheduled)
            #expect(snoozed.attempt == 0)
            #expect(snoozed.scheduledAt == Self.t0.adding(120))
            #expect(snoozed.attemptedBy == nil)
            #expect(try await repository.errors(ofJob: enqueued.id).isEmpty)
            #expect(try await repository.snooze(claim, until: Self.t0.adding(240), now: Self.t0) == nil)

            #expect(try await Self.claim(repository, at: Self.t0.adding(119)).isEmpty)
            #expect(try await repository.upkeep(now: Self.t0.adding(120)).promoted == 1)
            let again = try await Self.claim(repository, at: Self.t0.adding(120))
            #expect(again.first?.attempt == 1)
        }
    }

    // MARK: - Ordering

    @Test("claims take the lowest priority number first, then the earliest run-at", arguments: TestDatabases.dialects)
    func ordering(dialect: SQLDialect) async throws {
        try await JobFixture.withRepository(dialect) { repository, _ in
            let t0 = Self.t0
            let jobs = [
                ("a", 5, t0.adding(-10)), ("b", 1, t0.adding(-5)), ("c", 1, t0.adding(-20)),
                ("d", 9, t0.adding(-100)), ("e", 5, t0.adding(-30)), ("f", 0, t0.adding(10)),
            ]
            let enqueued = try await repository.enqueue(
                batch: jobs.map { Self.job($0.0, priority: $0.1, runAt: $0.2) } + [Self.job("elsewhere", queue: "other", priority: 0)],
                now: t0)
            #expect(enqueued.map(\.state) == [.available, .available, .available, .available, .available, .scheduled, .available])

            let firstTwo = try await Self.claim(repository, limit: 2, at: t0)
            #expect(firstTwo.map(\.kind) == ["c", "b"])
            let rest = try await Self.claim(repository, limit: 10, at: t0)
            #expect(rest.map(\.kind) == ["e", "a", "d"])
            // Priority 0 runs first, but only once due.
            #expect(try await Self.claim(repository, limit: 10, at: t0.adding(10)).map(\.kind) == ["f"])
        }
    }

    @Test("a paused queue is not claimed until resumed", arguments: TestDatabases.dialects)
    func pause(dialect: SQLDialect) async throws {
        try await JobFixture.withRepository(dialect) { repository, _ in
            let enqueued = try await repository.enqueue(Self.job(), now: Self.t0)
            try await repository.pause(queue: "q", workspaceID: JobFixture.workspace, by: "user:ada", now: Self.t0)
            #expect(try await Self.claim(repository, at: Self.t0).isEmpty)
            let paused = try await repository.queues(workspaceID: JobFixture.workspace, now: Self.t0)
            #expect(paused.map(\.name) == ["q"])
            #expect(paused.first?.isPaused == true)
            #expect(paused.first?.counts == [.available: 1])
            // Pausing is the workspace's own: another tenant's jobs in the queue still run.
            var theirs = Self.job()
            theirs.workspaceID = "ws_other"
            let other = try await repository.enqueue(theirs, now: Self.t0)
            #expect(try await Self.claim(repository, at: Self.t0).map(\.id) == [other.id])

            try await repository.resume(queue: "q", workspaceID: JobFixture.workspace, now: Self.t0)
            #expect(try await Self.claim(repository, at: Self.t0).map(\.id) == [enqueued.id])
        }
    }

    // MARK: - Upkeep

    @Test("upkeep rescues jobs whose lease lapsed: retryable, or discarded when attempts are used up", arguments: TestDatabases.dialects)
    func rescue(dialect: SQLDialect) async throws {
        try await JobFixture.withRepository(dialect) { repository, _ in
            let t0 = Self.t0
            let retrying = try await repository.enqueue(Self.job("retrying", maxAttempts: 3), now: t0)
            let lastAttempt = try await repository.enqueue(Self.job("last", maxAttempts: 1), now: t0)
            let cancelling = try await repository.enqueue(Self.job("cancelling"), now: t0)
            #expect(try await Self.claim(repository, worker: "dead", at: t0).count == 3)
            _ = try await repository.cancel(id: cancelling.id, workspaceID: JobFixture.workspace, now: t0)
            let alive = try await repository.enqueue(Self.job("alive"), now: t0)
            _ = try await repository.claim(queue: "q", limit: 10, worker: "alive", now: t0, leaseUntil: t0.adding(120))

            // The leases run to t0 + 30.
            #expect(try await repository.upkeep(now: t0.adding(30)).rescued == 0)
            let upkeep = try await repository.upkeep(now: t0.adding(31))
            #expect(upkeep.rescued == 3)
            #expect(upkeep.queues == ["q"])

            let rescued = try await repository.record(retrying.id)
            #expect(rescued.state == .retryable)
            #expect(rescued.scheduledAt == t0.adding(31))
            #expect(rescued.attemptedBy == nil)
            #expect(rescued.leaseExpiresAt == nil)
            let errors = try await repository.errors(ofJob: retrying.id)
            #expect(errors.map(\.problem.type) == ["job-lease-expired"])
            #expect(errors.map(\.attempt) == [1])
            #expect(errors.first?.failedAt == t0.adding(31))

            let discarded = try await repository.record(lastAttempt.id)
            #expect(discarded.state == .discarded)
            #expect(discarded.finalizedAt == t0.adding(31))
            #expect(try await repository.errors(ofJob: lastAttempt.id).map(\.problem.type) == ["job-lease-expired"])
            #expect(try await repository.record(cancelling.id).state == .cancelled)
            #expect(try await repository.record(alive.id).state == .running)

            // Another worker takes the rescued job; the dead worker's late word changes nothing.
            let taken = try await repository.claim(queue: "q", limit: 10, worker: "alive", now: t0.adding(31), leaseUntil: t0.adding(61))
            #expect(taken.map(\.id) == [retrying.id])
            #expect(taken.first?.attempt == 2)
            let stale = JobClaim(jobID: retrying.id, attempt: 1, worker: "dead")
            #expect(try await repository.complete([(stale, nil)], now: t0.adding(32)) == 0)
            #expect(try await repository.fail(stale, problem: JobFixture.problem(), retryAt: nil, now: t0.adding(32)) == nil)
            #expect(try await repository.record(retrying.id).state == .running)
            #expect(try await repository.renewLeases([stale], until: t0.adding(90)).isEmpty)
        }
    }

    @Test("pruning deletes jobs finished before the cutoff, and keeps newer and unfinished ones", arguments: TestDatabases.dialects)
    func prune(dialect: SQLDialect) async throws {
        try await JobFixture.withRepository(dialect) { repository, database in
            let t0 = Self.t0
            func finish(_ kind: String, _ outcome: (JobClaim) async throws -> Void) async throws -> Int64 {
                let enqueued = try await repository.enqueue(Self.job(kind, queue: kind), now: t0)
                _ = try await Self.claim(repository, queue: kind, at: t0)
                try await outcome(JobClaim(jobID: enqueued.id, attempt: 1, worker: "w1"))
                return enqueued.id
            }
            let oldCompleted = try await finish("old-completed") { try await repository.complete([($0, nil)], now: t0.adding(10)) }
            let oldDiscarded = try await finish("old-discarded") {
                try await repository.fail($0, problem: JobFixture.problem(), retryAt: nil, now: t0.adding(10))
            }
            let oldCancelled = try await repository.enqueue(Self.job("old-cancelled"), now: t0).id
            _ = try await repository.cancel(id: oldCancelled, workspaceID: JobFixture.workspace, now: t0.adding(10))
            let newCompleted = try await finish("new-completed") { try await repository.complete([($0, nil)], now: t0.adding(100)) }
            let retryable = try await finish("retryable") {
                try await repository.fail($0, problem: JobFixture.problem(), retryAt: t0.adding(10), now: t0.adding(10))
            }
            let running = try await finish("running") { _ in }
            let waiting = try await repository.enqueue(Self.job("waiting"), now: t0).id
            let oldTick = try #require(try await repository.fireCronTick(entry: "e", tick: t0.adding(-30), job: Self.job("tick"), now: t0))
            let newTick = try #require(try await repository.fireCronTick(entry: "e", tick: t0.adding(90), job: Self.job("tick"), now: t0))

            #expect(try await repository.prune(finishedBefore: t0.adding(50)) == 3)
            let remaining = Set(try await database.query("SELECT id FROM jobs").map { try $0.decode("id", as: Int64.self) })
            #expect(remaining == [newCompleted, retryable, running, waiting, oldTick.id, newTick.id])
            #expect(remaining.isDisjoint(with: [oldCompleted, oldDiscarded, oldCancelled]))
            // The errors of deleted jobs go with them.
            #expect(try await repository.errors(ofJob: oldDiscarded).isEmpty)
            #expect(try await repository.errors(ofJob: retryable).count == 1)
            let ticks = try await database.query("SELECT tick_at FROM cron_ticks").map { try $0.decode("tick_at", as: Date.self) }
            #expect(ticks == [t0.adding(90)])
            #expect(try await repository.prune(finishedBefore: t0.adding(50)) == 0)
        }
    }
}
