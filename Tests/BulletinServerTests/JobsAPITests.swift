import BulletinCore
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import BulletinServer

/// The jobs dashboard's API: editors watch, admins cancel, retry, pause and resume; another
/// workspace's jobs do not exist.
@Suite("Jobs API")
struct JobsAPITests {
    static func enqueue(_ fixture: AccessFixture, kind: String = "report.run", workspaceID: String? = nil) async throws -> Int64 {
        try await JobRepository(database: fixture.database).enqueue(
            NewJob(kind: kind, arguments: #"{"project":"p1"}"#, workspaceID: workspaceID ?? fixture.workspaceID),
            now: fixture.clock.wallClock.now()
        ).id
    }

    @Test("a job's attempts show their errors; roles and workspaces are enforced", arguments: TestDatabases.dialects)
    func inspect(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            let id = try await Self.enqueue(fixture)
            let repository = JobRepository(database: fixture.database)
            let now = fixture.clock.wallClock.now()
            let claimed = try await repository.claim(
                queue: "default", limit: 1, worker: "w1", now: now, leaseUntil: now.addingTimeInterval(30))
            #expect(claimed.map(\.id) == [id])
            let claim = JobClaim(jobID: id, attempt: 1, worker: "w1")
            try await repository.fail(
                claim, problem: JobProblem(type: "job-failed", title: "The job failed", detail: "peer unreachable"),
                retryAt: now.addingTimeInterval(10), now: now)

            let reply = try await fixture.call(.get, "/v1/jobs/\(id)", token: fixture[.editor].accessToken)
            #expect(reply.status == .ok)
            let job = try #require(reply.json["job"] as? [String: Any])
            #expect(job["state"] as? String == "retryable")
            #expect(job["attempt"] as? Int == 1)
            #expect((job["arguments"] as? [String: Any])?["project"] as? String == "p1")
            let errors = try #require(reply.json["errors"] as? [[String: Any]])
            #expect(errors.count == 1)
            #expect(errors.first?["type"] as? String == "job-failed")
            #expect(errors.first?["detail"] as? String == "peer unreachable")

            let viewerRead = try await fixture.call(.get, "/v1/jobs/\(id)", token: fixture[.viewer].accessToken)
            #expect(viewerRead.status == .forbidden && viewerRead.problemType == "forbidden")
            let foreign = try await fixture.call(.get, "/v1/jobs/\(id)", token: fixture.outsider.accessToken)
            #expect(foreign.status == .notFound && foreign.problemType == "not-found")
            let foreignCancel = try await fixture.call(.post, "/v1/jobs/\(id)/cancel", token: fixture.outsider.accessToken)
            #expect(foreignCancel.status == .notFound && foreignCancel.problemType == "not-found")
            let unknown = try await fixture.call(.get, "/v1/jobs/nope", token: fixture[.editor].accessToken)
            #expect(unknown.status == .notFound && unknown.problemType == "not-found")
        }
    }

    @Test("cancel and retry move a job and refuse the states they cannot change", arguments: TestDatabases.dialects)
    func cancelAndRetry(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            let admin = fixture[.admin].accessToken
            let id = try await Self.enqueue(fixture)
            let notYet = try await fixture.call(.post, "/v1/jobs/\(id)/retry", token: admin)
            #expect(notYet.status == .conflict && notYet.problemType == "job-not-retryable")
            let editorCancel = try await fixture.call(.post, "/v1/jobs/\(id)/cancel", token: fixture[.editor].accessToken)
            #expect(editorCancel.status == .forbidden && editorCancel.problemType == "forbidden")

            let cancelled = try await fixture.call(.post, "/v1/jobs/\(id)/cancel", token: admin)
            #expect(cancelled.status == .ok)
            #expect(cancelled.json["state"] as? String == "cancelled")
            let twice = try await fixture.call(.post, "/v1/jobs/\(id)/cancel", token: admin)
            #expect(twice.status == .ok && twice.json["state"] as? String == "cancelled")

            let retried = try await fixture.call(.post, "/v1/jobs/\(id)/retry", token: admin)
            #expect(retried.status == .ok)
            #expect(retried.json["state"] as? String == "available")
            #expect(retried.json["finalizedAt"] == nil)

            // Completed: neither cancellable nor retryable.
            let repository = JobRepository(database: fixture.database)
            let now = fixture.clock.wallClock.now()
            _ = try await repository.claim(queue: "default", limit: 1, worker: "w1", now: now, leaseUntil: now.addingTimeInterval(30))
            try await repository.complete([(JobClaim(jobID: id, attempt: 1, worker: "w1"), nil)], now: now)
            let finished = try await fixture.call(.post, "/v1/jobs/\(id)/cancel", token: admin)
            #expect(finished.status == .conflict && finished.problemType == "job-not-cancellable")
        }
    }

    @Test("the list filters by state and kind and pages with a cursor", arguments: TestDatabases.dialects)
    func list(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            let editor = fixture[.editor].accessToken
            var ids: [Int64] = []
            for _ in 0..<3 { ids.append(try await Self.enqueue(fixture, kind: "report.run")) }
            let other = try await Self.enqueue(fixture, kind: "email.send")
            _ = try await Self.enqueue(fixture, kind: "report.run", workspaceID: "someone-else")
            _ = try await JobRepository(database: fixture.database).cancel(
                id: other, workspaceID: fixture.workspaceID, now: fixture.clock.wallClock.now())

            let first = try await fixture.call(.get, "/v1/jobs?kind=report.run&limit=2", token: editor)
            #expect(first.status == .ok)
            let page = try #require(first.json["items"] as? [[String: Any]])
            #expect(page.map { $0["id"] as? String } == [ids[2], ids[1]].map { String($0) })
            let cursor = try #require(first.json["nextCursor"] as? String)
            let second = try await fixture.call(.get, "/v1/jobs?kind=report.run&limit=2&cursor=\(cursor)", token: editor)
            #expect((second.json["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [String(ids[0])])
            #expect(second.json["nextCursor"] is NSNull)

            let cancelled = try await fixture.call(.get, "/v1/jobs?state=cancelled&state=discarded", token: editor)
            #expect((cancelled.json["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [String(other)])
            let badCursor = try await fixture.call(.get, "/v1/jobs?cursor=abc", token: editor)
            #expect(badCursor.status == .badRequest && badCursor.problemType == "bad-request")
            let badState = try await fixture.call(.get, "/v1/jobs?state=sleeping", token: editor)
            // A query parameter outside its declared values is a 400 naming it, as every query parameter is.
            #expect(badState.status == .badRequest && badState.problemType == "bad-request")
            #expect((badState.json["errors"] as? [[String: String]])?.first?["pointer"] == "#/query/state")
        }
    }

    @Test("queues show counts by state, and pause and resume", arguments: TestDatabases.dialects)
    func queues(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            let admin = fixture[.admin].accessToken
            _ = try await Self.enqueue(fixture)
            _ = try await Self.enqueue(fixture)
            let overview = try await fixture.call(.get, "/v1/queues", token: fixture[.editor].accessToken)
            #expect(overview.status == .ok)
            let queue = try #require((overview.json["items"] as? [[String: Any]])?.first { $0["name"] as? String == "default" })
            #expect((queue["counts"] as? [String: Any])?["available"] as? Int == 2)
            #expect(queue["paused"] as? Bool == false)

            let paused = try await fixture.call(.post, "/v1/queues/default/pause", token: admin)
            #expect(paused.status == .ok && paused.json["paused"] as? Bool == true)
            let now = fixture.clock.wallClock.now()
            let claimed = try await JobRepository(database: fixture.database).claim(
                queue: "default", limit: 10, worker: "w1", now: now, leaseUntil: now.addingTimeInterval(30))
            #expect(claimed.isEmpty)
            let resumed = try await fixture.call(.post, "/v1/queues/default/resume", token: admin)
            #expect(resumed.status == .ok && resumed.json["paused"] as? Bool == false)

            let badName = try await fixture.call(.post, "/v1/queues/bad%20name/pause", token: admin)
            #expect(badName.status == .badRequest && badName.problemType == "bad-request")
            let editorPause = try await fixture.call(.post, "/v1/queues/default/pause", token: fixture[.editor].accessToken)
            #expect(editorPause.status == .forbidden && editorPause.problemType == "forbidden")
            // Queues are paused per workspace: another workspace has no such queue here.
            let foreign = try await fixture.call(.post, "/v1/queues/default/pause", token: fixture.outsider.accessToken)
            #expect(foreign.status == .notFound && foreign.problemType == "not-found")
        }
    }
}
