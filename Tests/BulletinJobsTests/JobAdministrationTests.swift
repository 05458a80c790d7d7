import BulletinCore
import BulletinStore
import BulletinTestSupport
import Foundation
import Testing

@testable import BulletinJobs

/// Cancelling and retrying jobs by hand, and who sees which jobs, through the repository.
@Suite("Job repository: cancelling, retrying, workspaces")
struct JobAdministrationTests: JobRepositorySuite {
    @Test("a waiting job that is cancelled is never claimed", arguments: TestDatabases.dialects)
    func cancelWaiting(dialect: SQLDialect) async throws {
        try await JobFixture.withRepository(dialect) { repository, _ in
            let available = try await repository.enqueue(Self.job(), now: Self.t0)
            let scheduled = try await repository.enqueue(Self.job(runAt: Self.t0.adding(60)), now: Self.t0)
            for id in [available.id, scheduled.id] {
                let cancelled = try await repository.cancel(id: id, workspaceID: JobFixture.workspace, now: Self.t0.adding(1))
                #expect(cancelled.state == .cancelled)
                #expect(cancelled.cancelRequestedAt == Self.t0.adding(1))
                #expect(cancelled.finalizedAt == Self.t0.adding(1))
            }
            #expect(try await repository.upkeep(now: Self.t0.adding(3600)).promoted == 0)
            #expect(try await Self.claim(repository, at: Self.t0.adding(3600)).isEmpty)
            // Cancelling a cancelled job changes nothing.
            let twice = try await repository.cancel(id: available.id, workspaceID: JobFixture.workspace, now: Self.t0.adding(5))
            #expect(twice.state == .cancelled)
            #expect(twice.finalizedAt == Self.t0.adding(1))
            #expect(try await repository.record(available.id).attempt == 0)
        }
    }

    @Test("a running job that is cancelled is asked to stop, then marked cancelled", arguments: TestDatabases.dialects)
    func cancelRunning(dialect: SQLDialect) async throws {
        try await JobFixture.withRepository(dialect) { repository, database in
            let enqueued = try await repository.enqueue(Self.job(), now: Self.t0)
            _ = try await Self.claim(repository, at: Self.t0)
            let held = JobClaim(jobID: enqueued.id, attempt: 1, worker: "w1")
            #expect(try await repository.renewLeases([held], until: Self.t0.adding(40)) == [held: false])
            // Another attempt's or another worker's claim is not renewed.
            let stranger = JobClaim(jobID: enqueued.id, attempt: 2, worker: "w1")
            #expect(try await repository.renewLeases([stranger], until: Self.t0.adding(40)).isEmpty)

            let log = try await NotificationLog.listening(to: JobRepository.cancelChannel, on: database)
            defer { log.stop() }
            let requested = try await repository.cancel(id: enqueued.id, workspaceID: JobFixture.workspace, now: Self.t0.adding(5))
            #expect(requested.state == .running)
            #expect(requested.cancelRequestedAt == Self.t0.adding(5))
            try await waitUntil("the cancellation is announced", limit: .seconds(10)) { log.payloads == [String(enqueued.id)] }
            // The heartbeat learns it too, without the notification.
            #expect(try await repository.renewLeases([held], until: Self.t0.adding(45)) == [held: true])

            let claim = JobClaim(jobID: enqueued.id, attempt: 1, worker: "w1")
            let marked = try await repository.markCancelled(claim, problem: JobFixture.problem("job-cancelled"), now: Self.t0.adding(6))
            #expect(marked == .cancelled)
            let cancelled = try await repository.record(enqueued.id)
            #expect(cancelled.state == .cancelled)
            #expect(cancelled.finalizedAt == Self.t0.adding(6))
            #expect(try await repository.errors(ofJob: enqueued.id).map(\.problem.type) == ["job-cancelled"])
            #expect(try await repository.renewLeases([held], until: Self.t0.adding(50)).isEmpty)
        }
    }

    @Test("a running job whose cancellation was asked is not retried when its attempt then fails", arguments: TestDatabases.dialects)
    func cancelThenFail(dialect: SQLDialect) async throws {
        try await JobFixture.withRepository(dialect) { repository, _ in
            let enqueued = try await repository.enqueue(Self.job(), now: Self.t0)
            _ = try await Self.claim(repository, at: Self.t0)
            _ = try await repository.cancel(id: enqueued.id, workspaceID: JobFixture.workspace, now: Self.t0.adding(1))
            // The handler failed before its worker heard of the cancellation.
            let claim = JobClaim(jobID: enqueued.id, attempt: 1, worker: "w1")
            try await repository.fail(claim, problem: JobFixture.problem(), retryAt: Self.t0.adding(10), now: Self.t0.adding(2))
            let state = try await repository.record(enqueued.id).state
            let claimable = try await Self.claim(repository, at: Self.t0.adding(10))
            #expect(state == .cancelled)
            #expect(claimable.isEmpty)
        }
    }

    @Test("cancelled and discarded jobs can be retried by hand; finished ones cannot be cancelled", arguments: TestDatabases.dialects)
    func retryByHand(dialect: SQLDialect) async throws {
        try await JobFixture.withRepository(dialect) { repository, _ in
            let workspace = JobFixture.workspace
            // Discarded on its last attempt: the retry grants one more.
            let discarded = try await repository.enqueue(Self.job(maxAttempts: 1), now: Self.t0)
            _ = try await Self.claim(repository, at: Self.t0)
            try await repository.fail(
                JobClaim(jobID: discarded.id, attempt: 1, worker: "w1"), problem: JobFixture.problem(), retryAt: nil, now: Self.t0)
            let retried = try await repository.retry(id: discarded.id, workspaceID: workspace, now: Self.t0.adding(10))
            #expect(retried.state == .available)
            #expect(retried.scheduledAt == Self.t0.adding(10))
            #expect(retried.finalizedAt == nil)
            #expect(retried.maxAttempts == 2)
            #expect(try await repository.errors(ofJob: discarded.id).count == 1)
            let reclaimed = try await Self.claim(repository, at: Self.t0.adding(10))
            #expect(reclaimed.map(\.id) == [discarded.id])
            #expect(reclaimed.first?.attempt == 2)

            let cancelled = try await repository.enqueue(Self.job(queue: "other"), now: Self.t0)
            _ = try await repository.cancel(id: cancelled.id, workspaceID: workspace, now: Self.t0)
            let revived = try await repository.retry(id: cancelled.id, workspaceID: workspace, now: Self.t0.adding(10))
            #expect(revived.state == .available)
            #expect(revived.cancelRequestedAt == nil)
            #expect(try await Self.claim(repository, queue: "other", at: Self.t0.adding(10)).map(\.id) == [cancelled.id])

            let completed = try await repository.enqueue(Self.job(queue: "third"), now: Self.t0)
            _ = try await Self.claim(repository, queue: "third", at: Self.t0)
            try await repository.complete([(JobClaim(jobID: completed.id, attempt: 1, worker: "w1"), nil)], now: Self.t0)
            await #expect(throws: JobStoreError.notRetryable(.completed)) {
                try await repository.retry(id: completed.id, workspaceID: workspace, now: Self.t0)
            }
            await #expect(throws: JobStoreError.notCancellable(.completed)) {
                try await repository.cancel(id: completed.id, workspaceID: workspace, now: Self.t0)
            }
            // A job still waiting or running is not retried either.
            let waiting = try await repository.enqueue(Self.job(queue: "fourth"), now: Self.t0)
            await #expect(throws: JobStoreError.notRetryable(.available)) {
                try await repository.retry(id: waiting.id, workspaceID: workspace, now: Self.t0)
            }
            await #expect(throws: JobStoreError.notRetryable(.running)) {
                try await repository.retry(id: discarded.id, workspaceID: workspace, now: Self.t0)
            }
            await #expect(throws: JobStoreError.notFound) {
                try await repository.retry(id: 999_999, workspaceID: workspace, now: Self.t0)
            }
            await #expect(throws: JobStoreError.notFound) {
                try await repository.cancel(id: 999_999, workspaceID: workspace, now: Self.t0)
            }
        }
    }

    @Test(
        "another workspace's job is not seen or changed; the installation's only by installation admins", arguments: TestDatabases.dialects)
    func workspaces(dialect: SQLDialect) async throws {
        try await JobFixture.withRepository(dialect) { repository, _ in
            var theirs = Self.job()
            theirs.workspaceID = "ws_other"
            let enqueued = try await repository.enqueue(theirs, now: Self.t0)
            #expect(try await repository.job(id: enqueued.id, workspaceID: JobFixture.workspace) == nil)
            #expect(try await repository.job(id: enqueued.id, workspaceID: "ws_other")?.workspaceID == "ws_other")
            await #expect(throws: JobStoreError.notFound) {
                try await repository.cancel(id: enqueued.id, workspaceID: JobFixture.workspace, now: Self.t0)
            }
            #expect(try await repository.list(JobFilter(workspaceID: JobFixture.workspace)).isEmpty)
            #expect(try await repository.list(JobFilter(workspaceID: "ws_other")).map(\.id) == [enqueued.id])

            var installation = Self.job("installation")
            installation.workspaceID = nil
            let own = try await repository.enqueue(installation, now: Self.t0)
            // A workspace's members as such neither see nor change it...
            #expect(try await repository.job(id: own.id, workspaceID: JobFixture.workspace) == nil)
            #expect(try await repository.list(JobFilter(workspaceID: JobFixture.workspace)).isEmpty)
            #expect(try await repository.queues(workspaceID: JobFixture.workspace, now: Self.t0).isEmpty)
            await #expect(throws: JobStoreError.notFound) {
                try await repository.cancel(id: own.id, workspaceID: JobFixture.workspace, now: Self.t0)
            }
            #expect(try await repository.record(own.id).state == .available)
            // ...an installation admin does, beside their own workspace's, and never another's.
            #expect(
                try await repository.job(id: own.id, workspaceID: JobFixture.workspace, includingInstallation: true)?.kind == "installation"
            )
            #expect(try await repository.job(id: enqueued.id, workspaceID: JobFixture.workspace, includingInstallation: true) == nil)
            var adminFilter = JobFilter(workspaceID: JobFixture.workspace)
            adminFilter.includesInstallationJobs = true
            #expect(try await repository.list(adminFilter).map(\.id) == [own.id])
            #expect(
                try await repository.queues(workspaceID: JobFixture.workspace, includingInstallation: true, now: Self.t0).map(\.name) == [
                    installation.queue
                ])
            let cancelled = try await repository.cancel(
                id: own.id, workspaceID: JobFixture.workspace, includingInstallation: true, now: Self.t0)
            #expect(cancelled.state == .cancelled)
            await #expect(throws: JobStoreError.notFound) {
                try await repository.retry(id: own.id, workspaceID: JobFixture.workspace, now: Self.t0)
            }
            let retried = try await repository.retry(
                id: own.id, workspaceID: JobFixture.workspace, includingInstallation: true, now: Self.t0)
            #expect(retried.state == .available)
        }
    }
}
