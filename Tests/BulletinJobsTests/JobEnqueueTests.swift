import BulletinCore
import BulletinStore
import BulletinTestSupport
import Foundation
import Testing

@testable import BulletinJobs

/// Enqueueing: unique keys and their windows, batches, and jobs that roll back with their transaction.
@Suite("Job repository: enqueueing")
struct JobEnqueueTests: JobRepositorySuite {
    // MARK: - Unique jobs

    @Test("a unique job returns the waiting or running job with its key, and frees the key when done", arguments: TestDatabases.dialects)
    func unique(dialect: SQLDialect) async throws {
        try await JobFixture.withRepository(dialect) { repository, database in
            var report = Self.job("report.run")
            report.uniqueKey = "ws1"
            let first = try await repository.enqueue(report, now: Self.t0)
            #expect(!first.isDuplicate)

            let waiting = try await repository.enqueue(report, now: Self.t0.adding(1))
            #expect(waiting.isDuplicate)
            #expect(waiting.id == first.id)
            #expect(waiting.state == .available)
            #expect(try await JobFixture.count(database) == 1)

            // The key is per kind: other keys and other kinds are other jobs.
            var otherKey = report
            otherKey.uniqueKey = "ws2"
            #expect(try await !repository.enqueue(otherKey, now: Self.t0).isDuplicate)
            var otherKind = report
            otherKind.kind = "report.other"
            #expect(try await !repository.enqueue(otherKind, now: Self.t0).isDuplicate)

            let claimed = try await Self.claim(repository, at: Self.t0.adding(2))
            #expect(claimed.map(\.id).contains(first.id))
            let running = try await repository.enqueue(report, now: Self.t0.adding(3))
            #expect(running.isDuplicate)
            #expect(running.id == first.id)
            #expect(running.state == .running)

            try await repository.complete([(JobClaim(jobID: first.id, attempt: 1, worker: "w1"), nil)], now: Self.t0.adding(4))
            let afterwards = try await repository.enqueue(report, now: Self.t0.adding(5))
            #expect(!afterwards.isDuplicate)
            #expect(afterwards.id != first.id)

            // Cancelling frees the key too.
            _ = try await repository.cancel(id: afterwards.id, workspaceID: JobFixture.workspace, now: Self.t0.adding(6))
            let third = try await repository.enqueue(report, now: Self.t0.adding(7))
            #expect(!third.isDuplicate)
            #expect(Set([first.id, afterwards.id, third.id]).count == 3)
            // Retrying the cancelled job would take the key another job holds.
            await #expect(throws: JobStoreError.uniqueKeyTaken(jobID: third.id)) {
                try await repository.retry(id: afterwards.id, workspaceID: JobFixture.workspace, now: Self.t0.adding(8))
            }
        }
    }

    @Test("with a unique window, a completed job holds its key until the window ends", arguments: TestDatabases.dialects)
    func uniqueWindow(dialect: SQLDialect) async throws {
        try await JobFixture.withRepository(dialect) { repository, _ in
            var digest = Self.job("digest.send")
            digest.uniqueKey = "ws1"
            digest.uniqueWindowSeconds = 3600
            let first = try await repository.enqueue(digest, now: Self.t0)
            #expect(!first.isDuplicate)
            _ = try await Self.claim(repository, at: Self.t0)
            try await repository.complete([(JobClaim(jobID: first.id, attempt: 1, worker: "w1"), nil)], now: Self.t0.adding(5))

            // 12:10:30, within the 12:00–13:00 window.
            let sameHour = try await repository.enqueue(digest, now: Self.t0.adding(600))
            #expect(sameHour.isDuplicate)
            #expect(sameHour.id == first.id)
            #expect(sameHour.state == .completed)

            // 13:00:30: the next window.
            let nextHour = try await repository.enqueue(digest, now: Self.t0.adding(3600))
            #expect(!nextHour.isDuplicate)
            #expect(nextHour.id != first.id)
            #expect(try await repository.enqueue(digest, now: Self.t0.adding(3601)).id == nextHour.id)
        }
    }

    @Test("a unique window under a second is no window: completion frees the key", arguments: TestDatabases.dialects)
    func uniqueWindowUnderASecond(dialect: SQLDialect) async throws {
        try await JobFixture.withRepository(dialect) { repository, _ in
            let job = try NewJob(
                EchoJob.self, arguments: .init(name: "x"), options: EnqueueOptions(uniqueKey: "k", uniqueWindow: .milliseconds(500)))
            let first = try await repository.enqueue(job, now: Self.t0)
            _ = try await Self.claim(repository, queue: job.queue, at: Self.t0)
            try await repository.complete([(JobClaim(jobID: first.id, attempt: 1, worker: "w1"), nil)], now: Self.t0)
            let next = try await repository.enqueue(job, now: Self.t0.adding(7 * 24 * 3600))
            #expect(!next.isDuplicate)
            #expect(next.id != first.id)
        }
    }

    @Test("a batch enqueue returns its jobs in order, duplicates included", arguments: TestDatabases.dialects)
    func batch(dialect: SQLDialect) async throws {
        try await JobFixture.withRepository(dialect) { repository, database in
            var unique = Self.job("u")
            unique.uniqueKey = "k"
            let kinds = ["a", "u", "b", "u", "c"]
            let results = try await repository.enqueue(
                batch: kinds.map { $0 == "u" ? unique : Self.job($0) } + (0..<600).map { Self.job("bulk-\($0)") }, now: Self.t0)
            #expect(results.count == 605)
            #expect(results.map(\.isDuplicate).prefix(5) == [false, false, false, true, false])
            #expect(results[3].id == results[1].id)
            for (index, kind) in kinds.enumerated() {
                #expect(try await repository.record(results[index].id).kind == kind)
            }
            for index in [5, 300, 504, 505, 604] {
                #expect(try await repository.record(results[index].id).kind == "bulk-\(index - 5)")
            }
            #expect(try await JobFixture.count(database) == 604)
        }
    }

    // MARK: - Transactions

    @Test("a job enqueued in a transaction that rolls back does not exist and is not announced", arguments: TestDatabases.dialects)
    func rollback(dialect: SQLDialect) async throws {
        struct Rollback: Error {}
        try await JobFixture.withRepository(dialect) { repository, database in
            let log = try await NotificationLog.listening(to: JobRepository.channel, on: database)
            defer { log.stop() }
            await #expect(throws: Rollback.self) {
                try await database.transaction { executor in
                    let enqueued = try await JobRepository(database: executor).enqueue(Self.job(), now: Self.t0)
                    // Visible inside its own transaction.
                    #expect(try await !executor.query("SELECT id FROM jobs WHERE id = \(enqueued.id)").isEmpty)
                    throw Rollback()
                }
            }
            #expect(try await JobFixture.count(database) == 0)
            #expect(try await Self.claim(repository, at: Self.t0).isEmpty)

            // A transaction that commits keeps its job, and announces it once committed.
            let kept = try await database.transaction { executor in
                try await JobRepository(database: executor).enqueue(Self.job(queue: "other"), now: Self.t0)
            }
            try await waitUntil("the committed job is announced", limit: .seconds(10)) { log.payloads.contains("other") }
            #expect(log.payloads == ["other"])
            #expect(try await repository.record(kept.id).queue == "other")
        }
    }
}
