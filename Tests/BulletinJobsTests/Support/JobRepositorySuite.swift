import BulletinStore
import Foundation

@testable import BulletinJobs

/// What the suites of the job repository share: the start time, a plain job, and a claim.
protocol JobRepositorySuite {}

extension JobRepositorySuite {
    /// The time the tests start at.
    static var t0: Date { JobFixture.start }

    /// A job of the test workspace, on queue `q` unless told otherwise.
    static func job(
        _ kind: String = "test.plain", queue: String = "q", priority: Int = 5, maxAttempts: Int = 20, runAt: Date? = nil
    ) -> NewJob {
        NewJob(
            kind: kind, arguments: "{}", queue: queue, priority: priority, maxAttempts: maxAttempts, runAt: runAt,
            workspaceID: JobFixture.workspace)
    }

    /// Claims every due job of the queue as worker `w1` with a 30-second lease.
    static func claim(
        _ repository: JobRepository, queue: String = "q", limit: Int = 10, worker: String = "w1", at now: Date
    ) async throws -> [JobRecord] {
        try await repository.claim(queue: queue, limit: limit, worker: worker, now: now, leaseUntil: now.adding(30))
    }
}
