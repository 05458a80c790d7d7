import BulletinStore
import BulletinTestSupport
import Foundation
import Testing

/// Jobs run by the built binary: a worker killed mid-job loses nothing, and the jobs API
/// cancels and retries on a live server.
@Suite("Jobs, end to end")
struct JobsEndToEndTests {
    static func sleepJob(milliseconds: Int, workspaceID: String? = nil) -> NewJob {
        NewJob(
            kind: "diagnostics.sleep", arguments: #"{"milliseconds":\#(milliseconds)}"#, queue: "diagnostics",
            maxAttempts: 5, workspaceID: workspaceID)
    }

    static func jobs(_ repository: JobRepository, in states: [JobState]) async throws -> [JobRecord] {
        var filter = JobFilter(workspaceID: "")
        filter.includesInstallationJobs = true  // the jobs are the installation's (no workspace)
        filter.states = states
        filter.kind = "diagnostics.sleep"  // not the installation's own cron jobs
        filter.limit = 1000
        return try await repository.list(filter)
    }

    @Test("a worker killed with SIGKILL mid-job: its jobs are rescued and completed, none lost", arguments: TestDatabases.dialects)
    func killedWorker(dialect: SQLDialect) async throws {
        try await TestDatabases.withEmptyDatabaseURL(dialect) { url in
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            let arguments = ["worker", "--port", "0", "--database-url", url, "--job-lease", "2"]
            let doomed = try BulletinProcess(arguments, in: folder.path)
            _ = try await doomed.waitUntilListening()

            let service = try await DatabaseService.open(
                location: try DatabaseLocation(url: url), poolSize: 2, logger: TestDatabases.logger)
            try await service.withRunning { database in
                let repository = JobRepository(database: database)
                let enqueued = try await repository.enqueue(
                    // Long enough that no job ends before the kill, however loaded the machine.
                    batch: (0..<20).map { _ in Self.sleepJob(milliseconds: 10_000) }, now: Date())
                try await waitUntil("the worker runs all 20 jobs") {
                    try await Self.jobs(repository, in: [.running]).count == 20
                }
                doomed.send(SIGKILL)
                _ = try await doomed.waitForExit()

                let rescuer = try BulletinProcess(arguments, in: folder.path)
                _ = try await rescuer.waitUntilListening()
                try await waitUntil("every job is rescued and completed", limit: .seconds(60)) {
                    try await Self.jobs(repository, in: [.completed]).count == 20
                }
                for job in try await Self.jobs(repository, in: [.completed]) {
                    #expect(job.attempt == 2, "job \(job.id) ran \(job.attempt) times")
                    let errors = try await repository.errors(ofJob: job.id)
                    #expect(errors.map(\.problem.type) == ["job-lease-expired"], "job \(job.id)")
                }
                #expect(Set(try await Self.jobs(repository, in: JobState.allCases).map(\.id)) == Set(enqueued.map(\.id)))
                rescuer.send(SIGTERM)
                #expect(try await rescuer.waitForExit() == 0)
                // A worker signs no tokens: it leaves no signing key behind.
                #expect(!FileManager.default.fileExists(atPath: folder.path + "/data/signing-key.pem"))
            }
        }
    }

    @Test("the jobs API cancels a running job and retries it on a live server")
    func cancelAndRetry() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let server = try BulletinProcess(["serve", "--port", "0", "--bcrypt-cost", "4"], in: folder.path)
        let client = NewUserWalkthroughTests.Client(base: try await server.waitUntilListening())
        let setupToken = try #require(try server.logLines().first { $0["setupToken"] != nil }?["setupToken"] as? String)
        let setup = try await client.call(
            "POST", "v1/setup",
            json: ["token": setupToken, "workspaceName": "Acme", "email": "ada@example.com", "password": "correct horse battery"])
        #expect(setup.status == 201)
        let login = try await client.call("POST", "v1/auth/login", json: ["email": "ada@example.com", "password": "correct horse battery"])
        let token = try #require(login.json["accessToken"] as? String)
        let workspaceID = try #require(try await client.call("GET", "v1/workspace", token: token).json["id"] as? String)

        let database = try await DatabaseService.open(
            location: try DatabaseLocation(url: "sqlite:" + folder.path + "/data/bulletin.sqlite"), poolSize: 1,
            logger: TestDatabases.logger)
        let job = try await database.withRunning { database in
            try await JobRepository(database: database).enqueue(Self.sleepJob(milliseconds: 60_000, workspaceID: workspaceID), now: Date())
        }
        func state() async throws -> (state: String?, attempt: Int?, errors: [String]) {
            let reply = try await client.call("GET", "v1/jobs/\(job.id)", token: token)
            let job = reply.json["job"] as? [String: Any]
            let errors = (reply.json["errors"] as? [[String: Any]])?.compactMap { $0["type"] as? String } ?? []
            return (job?["state"] as? String, job?["attempt"] as? Int, errors)
        }
        try await waitUntil("the server's worker starts the job") { try await state().state == "running" }

        let cancel = try await client.call("POST", "v1/jobs/\(job.id)/cancel", token: token)
        #expect(cancel.status == 200)
        #expect(cancel.json["cancelRequestedAt"] is String)
        try await waitUntil("the worker stops the job") { try await state().state == "cancelled" }
        #expect(try await state().errors == ["job-cancelled"])

        let retry = try await client.call("POST", "v1/jobs/\(job.id)/retry", token: token)
        #expect(retry.status == 200 && retry.json["state"] as? String == "available")
        try await waitUntil("the retried job runs again") {
            let now = try await state()
            return now.state == "running" && now.attempt == 2
        }
        #expect(try await client.call("POST", "v1/jobs/\(job.id)/cancel", token: token).status == 200)
        try await waitUntil("the worker stops it again") { try await state().state == "cancelled" }

        server.send(SIGTERM)
        #expect(try await server.waitForExit() == 0)
    }
}
