import BulletinApp
import BulletinCore
import BulletinReports
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import BulletinServer

/// Report runs through the API with real workers: a project's creation starts its report,
/// whose stages are announced in order, and the report reads as JSON, Markdown and HTML and
/// downloads as PDF, DOCX and LaTeX;
/// regenerating, cancelling mid-run, retrying, limits, and the immediate-reports flag.
@Suite("Reports API")
struct ReportsAPITests {
    /// A project comparing Inkwell with peers on the local site.
    static func project(
        _ site: String, name: String = "Note apps", peers: [String] = ["Bear", "Obsidian"], extra: [String] = []
    )
        -> [String: Any]
    {
        [
            "name": name,
            "subject": ["name": "Inkwell", "website": site + "/peer/Inkwell", "attributes": ["price": 8, "rating": 4.5]],
            "peers": peers.map { ["name": $0, "website": site + "/peer/\($0)", "attributes": ["price": 10]] as [String: Any] }
                + extra.map { ["name": "Broken \($0)", "website": site + $0] },
        ]
    }

    static func loopback(_ configuration: inout BulletinConfiguration) {
        configuration.fetchAllowsLoopback = true
    }

    /// Waits until the run is in one of `states` and returns it.
    static func waitForRun(_ fixture: AccessFixture, _ id: String, in states: Set<String>) async throws -> [String: Any] {
        var run: [String: Any] = [:]
        try await waitUntil("run \(id) reaches \(states)") {
            run = try await fixture.call(.get, "/v1/runs/\(id)", token: fixture[.viewer].accessToken).json
            return states.contains(run["state"] as? String ?? "")
        }
        return run
    }

    /// The report downloads as PDF, DOCX and LaTeX, by `format` or by `Accept`, named after the
    /// project, with an ETag that answers 304.
    static func checkDocuments(_ fixture: AccessFixture, path: String) async throws {
        let viewer = fixture[.viewer].accessToken
        let expected: [(format: String, type: String, start: String)] = [
            ("pdf", "application/pdf", "%PDF-1.7"),
            ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "PK"),
            ("tex", "application/x-tex", "% Written by Bulletin"),
        ]
        for (format, type, start) in expected {
            let byFormat = try await fixture.call(.get, path + "?format=\(format)", token: viewer)
            #expect(byFormat.status == .ok, "\(format): \(byFormat.json)")
            #expect(byFormat.headers[.contentType] == type)
            #expect(byFormat.text.hasPrefix(start), "\(format)")
            let disposition = byFormat.headers[.contentDisposition] ?? ""
            #expect(disposition.hasPrefix("attachment; filename=\"note-apps-2") && disposition.hasSuffix(".\(format)\""), "\(disposition)")
            let etag = try #require(byFormat.headers[.eTag])
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\"") && etag.count == 34, "\(etag)")

            let byAccept = try await fixture.call(.get, path, token: viewer, headers: [.accept: type])
            #expect(byAccept.status == .ok && byAccept.headers[.eTag] == etag, "\(format) by Accept")
            let unchanged = try await fixture.call(
                .get, path + "?format=\(format)", token: viewer, headers: [.ifNoneMatch: "W/\"x\", \(etag)"])
            #expect(unchanged.status == .notModified && unchanged.text.isEmpty && unchanged.headers[.eTag] == etag)
            let changed = try await fixture.call(.get, path + "?format=\(format)", token: viewer, headers: [.ifNoneMatch: "\"other\""])
            #expect(changed.status == .ok)
            let tooLong = try await fixture.call(
                .get, path + "?format=\(format)", token: viewer, headers: [.ifNoneMatch: String(repeating: "!", count: 1025)])
            #expect(tooLong.status == .badRequest && tooLong.problemType == "bad-request")
        }
    }

    @Test(
        "creating a project starts its report; stages are announced in order; the report reads in three formats and downloads in three more",
        arguments: TestDatabases.dialects)
    func immediateReport(dialect: SQLDialect) async throws {
        try await PeerSite.run { site in
            try await AccessFixture.run(dialect, configure: Self.loopback, live: true) { fixture in
                let editor = fixture[.editor].accessToken
                let created = try await fixture.call(
                    .post, "/v1/projects", token: editor, json: Self.project(site, extra: ["/broken", "/missing"]))
                #expect(created.status == .created, "\(created.json)")
                let projectID = try #require(created.json["id"] as? String)
                let started = try #require(created.json["latestRun"] as? [String: Any])
                let runID = try #require(started["id"] as? String)
                #expect(started["topic"] as? String == "run:\(runID)")
                #expect(started["jobId"] is String)

                let run = try await Self.waitForRun(fixture, runID, in: ["ready", "failed"])
                #expect(run["state"] as? String == "ready" && run["progress"] as? Double == 1)
                let reportID = try #require(run["reportId"] as? String)

                // Every change is announced on the run's topic and the project's, stages in order.
                let events = try await EventLog(database: fixture.database).events(after: 0, topics: ["run:\(runID)"], limit: 100)
                let states = events.compactMap { event in
                    (try? JSONSerialization.jsonObject(with: Data(event.payload.utf8)) as? [String: Any])?["state"] as? String
                }
                var stages: [String] = []
                for state in states where stages.last != state { stages.append(state) }
                #expect(stages == ["queued", "collecting", "analysing", "writing", "rendering", "ready"])
                #expect(events.first?.type == "run.queued" && events.last?.type == "run.ready")
                let progress = events.compactMap { event in
                    (try? JSONSerialization.jsonObject(with: Data(event.payload.utf8)) as? [String: Any])?["progress"] as? Double
                }
                #expect(progress == progress.sorted())
                let projectEvents = try await EventLog(database: fixture.database).events(
                    after: 0, topics: ["project:\(projectID)"], limit: 100)
                #expect(projectEvents.filter { $0.type.hasPrefix("run.") }.map(\.payload) == events.map(\.payload))

                let versions = try await fixture.call(.get, "/v1/projects/\(projectID)/reports", token: fixture[.viewer].accessToken)
                let items = try #require(versions.json["items"] as? [[String: Any]])
                #expect(items.count == 1 && items.first?["id"] as? String == reportID && items.first?["version"] as? Int == 1)

                let path = "/v1/projects/\(projectID)/reports/\(reportID)"
                let json = try await fixture.call(.get, path, token: fixture[.viewer].accessToken)
                #expect(json.status == .ok && json.headers[.contentType]?.hasPrefix("application/json") == true)
                let document = try #require(json.json["document"] as? [String: Any])
                #expect(document["title"] as? String == "Note apps")
                let notes = try #require(document["notes"] as? [String])
                #expect(notes.contains { $0.contains("Broken /missing") && $0.contains("404") }, "\(notes)")
                let analysis = try #require(json.json["analysis"] as? [String: Any])
                #expect(analysis["participants"] as? [String] == ["Inkwell", "Bear", "Obsidian", "Broken /broken", "Broken /missing"])

                let markdown = try await fixture.call(.get, path + "?format=markdown", token: fixture[.viewer].accessToken)
                #expect(markdown.headers[.contentType]?.hasPrefix("text/markdown") == true)
                #expect(markdown.text.hasPrefix("# Note apps"))
                // The broken page's list items were still read, by the HTML parser's recovery.
                #expect(markdown.text.contains("Markdown export") && markdown.text.contains("Sync"))

                let html = try await fixture.call(
                    .get, "/v1/projects/\(projectID)/reports/latest", token: fixture[.viewer].accessToken,
                    headers: [.accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"])
                #expect(html.headers[.contentType]?.hasPrefix("text/html") == true)
                for name in ["Inkwell", "Bear", "Obsidian"] { #expect(html.text.contains(name)) }
                #expect(html.text.contains("<svg"))
                #expect(html.headers[HTTPField.Name("Content-Security-Policy")!]?.hasPrefix("default-src 'none'") == true)

                // A frame cannot send Authorization: a single-use ticket in the URL stands in for it.
                let ticket = try #require(
                    try await fixture.call(.post, "/v1/realtime/tickets", token: fixture[.viewer].accessToken, json: [String: Any]())
                        .json["ticket"] as? String)
                let framed = try await fixture.call(.get, path + "?format=html&ticket=\(ticket)")
                #expect(framed.status == .ok && framed.text.contains("<svg"))
                let reusedTicket = try await fixture.call(.get, path + "?format=html&ticket=\(ticket)")
                #expect(reusedTicket.status == .unauthorized && reusedTicket.problemType == "unauthenticated")

                let refused = try await fixture.call(.get, path, token: fixture[.viewer].accessToken, headers: [.accept: "image/png"])
                #expect(refused.status == .notAcceptable && refused.problemType == "not-acceptable")
                let unknown = try await fixture.call(.get, path + "?format=odt", token: fixture[.viewer].accessToken)
                #expect(unknown.status == .badRequest && unknown.problemType == "bad-request")
                try await Self.checkDocuments(fixture, path: path)
                let foreignReport = try await fixture.call(.get, path, token: fixture.outsider.accessToken)
                #expect(foreignReport.status == .notFound && foreignReport.problemType == "not-found")
                let foreignRun = try await fixture.call(.get, "/v1/runs/\(runID)", token: fixture.outsider.accessToken)
                #expect(foreignRun.status == .notFound && foreignRun.problemType == "not-found")

                // The editor who started it is told, and nobody else.
                let told = try await fixture.call(.get, "/v1/notifications", token: editor)
                let notices = try #require(told.json["items"] as? [[String: Any]])
                #expect(
                    notices.first?["type"] as? String == "report.ready" && notices.first?["title"] as? String == "Report ready: Note apps")
                #expect(notices.first?["link"] as? String == "/v1/projects/\(projectID)/reports/\(reportID)")
                let others = try await fixture.call(.get, "/v1/notifications", token: fixture[.viewer].accessToken)
                #expect((others.json["items"] as? [Any])?.isEmpty == true)

                // The list shows each project's latest run.
                let list = try await fixture.call(.get, "/v1/projects", token: fixture[.viewer].accessToken)
                let listed = try #require((list.json["items"] as? [[String: Any]])?.first)
                #expect((listed["latestRun"] as? [String: Any])?["state"] as? String == "ready")
            }
        }
    }

    @Test(
        "regenerating compares with the previous report; a second regenerate returns the running run",
        arguments: TestDatabases.dialects)
    func regenerate(dialect: SQLDialect) async throws {
        try await PeerSite.run { site in
            try await AccessFixture.run(dialect, configure: Self.loopback, live: true) { fixture in
                let editor = fixture[.editor].accessToken
                let created = try await fixture.call(.post, "/v1/projects", token: editor, json: Self.project(site))
                let projectID = try #require(created.json["id"] as? String)
                let first = try #require((created.json["latestRun"] as? [String: Any])?["id"] as? String)
                _ = try await Self.waitForRun(fixture, first, in: ["ready"])

                var changed = Self.project(site, peers: ["Bear", "Obsidian", "Notion"])
                changed["version"] = 1
                #expect(try await fixture.call(.put, "/v1/projects/\(projectID)", token: editor, json: changed).status == .ok)
                let again = try await fixture.call(.post, "/v1/projects/\(projectID)/reports", token: editor, json: [String: Any]())
                #expect(again.status == .accepted, "\(again.json)")
                let second = try #require(again.json["id"] as? String)
                #expect(second != first)
                let run = try await Self.waitForRun(fixture, second, in: ["ready", "failed"])
                #expect(run["state"] as? String == "ready")

                let report = try await fixture.call(
                    .get, "/v1/projects/\(projectID)/reports/latest?format=json", token: fixture[.viewer].accessToken)
                #expect(report.json["version"] as? Int == 2)
                let changes = try #require((report.json["document"] as? [String: Any])?["changes"] as? [String])
                #expect(changes.contains { $0.contains("Notion") }, "\(changes)")
                let markdown = try await fixture.call(
                    .get, "/v1/projects/\(projectID)/reports/latest?format=markdown", token: fixture[.viewer].accessToken)
                #expect(markdown.text.contains("## Changes since the last report") && markdown.text.contains("Notion"))
            }
        }
    }

    @Test(
        "a run is cancelled mid-run, its job too; it is retried; a double submit starts one run",
        arguments: TestDatabases.dialects)
    func cancelAndRetry(dialect: SQLDialect) async throws {
        try await PeerSite.run { site in
            try await AccessFixture.run(dialect, configure: Self.loopback, live: true) { fixture in
                let editor = fixture[.editor].accessToken
                let created = try await fixture.call(
                    .post, "/v1/projects", token: editor, json: Self.project(site, extra: ["/slow"]))
                let projectID = try #require(created.json["id"] as? String)
                let runID = try #require((created.json["latestRun"] as? [String: Any])?["id"] as? String)
                // The slow page keeps the run collecting for 15 s, until the fetcher gives up.
                try await waitUntil("the run reads the slow page") {
                    try await fixture.call(.get, "/v1/runs/\(runID)", token: editor).json["state"] as? String == "collecting"
                }
                let twice = try await fixture.call(.post, "/v1/projects/\(projectID)/reports", token: editor, json: [String: Any]())
                #expect(twice.status == .ok && twice.json["id"] as? String == runID)
                let viewerCancel = try await fixture.call(.post, "/v1/runs/\(runID)/cancel", token: fixture[.viewer].accessToken)
                #expect(viewerCancel.status == .forbidden && viewerCancel.problemType == "forbidden")

                let cancelled = try await fixture.call(.post, "/v1/runs/\(runID)/cancel", token: editor, json: [String: Any]())
                #expect(cancelled.status == .ok && cancelled.json["state"] as? String == "cancelled")
                let jobID = try #require(Int64(cancelled.json["jobId"] as? String ?? ""))
                try await waitUntil("the run's job stops") {
                    try await JobRepository(database: fixture.database).job(id: jobID, workspaceID: fixture.workspaceID)?.state
                        == .cancelled
                }
                #expect(try await fixture.call(.post, "/v1/runs/\(runID)/cancel", token: editor, json: [String: Any]()).status == .ok)
                let events = try await EventLog(database: fixture.database).events(after: 0, topics: ["run:\(runID)"], limit: 100)
                #expect(events.last?.type == "run.cancelled")
                #expect(
                    try await ReportRunRepository(database: fixture.database).versions(
                        projectID: projectID, workspaceID: fixture.workspaceID, limit: 10
                    ).isEmpty)

                // Retried without the slow page, it runs to the end with a new job.
                var quick = Self.project(site)
                quick["version"] = 1
                #expect(try await fixture.call(.put, "/v1/projects/\(projectID)", token: editor, json: quick).status == .ok)
                let retried = try await fixture.call(.post, "/v1/runs/\(runID)/retry", token: editor, json: [String: Any]())
                #expect(retried.status == .accepted && retried.json["state"] as? String == "queued")
                #expect(retried.json["jobId"] as? String != String(jobID))
                #expect(try await Self.waitForRun(fixture, runID, in: ["ready", "failed"])["state"] as? String == "ready")
                let ended = try await fixture.call(.post, "/v1/runs/\(runID)/cancel", token: editor, json: [String: Any]())
                #expect(ended.status == .conflict && ended.problemType == "report-run-state-conflict")
                let notFailed = try await fixture.call(.post, "/v1/runs/\(runID)/retry", token: editor, json: [String: Any]())
                #expect(notFailed.status == .conflict && notFailed.problemType == "report-run-state-conflict")
            }
        }
    }

    @Test("a failed run shows its problem and is retried", arguments: TestDatabases.dialects)
    func failedRunRetried(dialect: SQLDialect) async throws {
        try await PeerSite.run { site in
            try await AccessFixture.run(dialect, configure: Self.loopback, live: true) { fixture in
                let editor = fixture[.editor].accessToken
                let created = try await fixture.call(.post, "/v1/projects", token: editor, json: Self.project(site))
                let runID = try #require((created.json["latestRun"] as? [String: Any])?["id"] as? String)
                _ = try await Self.waitForRun(fixture, runID, in: ["ready"])
                // A run that failed (as when its attempts ran out) …
                let runs = ReportRunRepository(database: fixture.database)
                try await fixture.database.transaction { executor in
                    try await executor.query(
                        "UPDATE report_runs SET state = 'collecting', active_project_id = project_id, report_id = NULL WHERE id = \(runID)")
                }
                try await runs.fail(
                    runID: runID, problem: RunProblem(title: "The report could not be produced", detail: "the writer is down"),
                    now: fixture.clock.wallClock.now())
                let failed = try await fixture.call(.get, "/v1/runs/\(runID)", token: fixture[.viewer].accessToken)
                #expect(failed.json["state"] as? String == "failed")
                let problem = try #require(failed.json["problem"] as? [String: Any])
                #expect(problem["type"] as? String == "https://bulletin.dev/problems/report-run-failed")
                #expect(problem["detail"] as? String == "the writer is down")
                // … is retried and produces the next version.
                let retried = try await fixture.call(.post, "/v1/runs/\(runID)/retry", token: editor, json: [String: Any]())
                #expect(retried.status == .accepted && retried.json["problem"] == nil)
                let run = try await Self.waitForRun(fixture, runID, in: ["ready", "failed"])
                #expect(run["state"] as? String == "ready")
                let versions = try await runs.versions(
                    projectID: run["projectId"] as? String ?? "", workspaceID: fixture.workspaceID, limit: 10)
                #expect(versions.map(\.version) == [2, 1])
            }
        }
    }

    @Test("a workspace's run limits answer 429 and create nothing", arguments: TestDatabases.dialects)
    func limits(dialect: SQLDialect) async throws {
        try await AccessFixture.run(
            dialect,
            configure: { configuration in
                configuration.runsWorkers = false
                configuration.reportRunLimits = ReportRunLimits(concurrentRuns: 1, runsPerDay: 2)
            }
        ) { fixture in
            let editor = fixture[.editor].accessToken
            let body = ProjectsAPITests.body()
            let first = try await fixture.call(.post, "/v1/projects", token: editor, json: body)
            let firstRun = try #require((first.json["latestRun"] as? [String: Any])?["id"] as? String)
            let busy = try await fixture.call(.post, "/v1/projects", token: editor, json: ProjectsAPITests.body(name: "Second"))
            #expect(busy.status == .tooManyRequests && busy.problemType == "report-limit-reached")
            #expect(busy.headers[.retryAfter] != nil)
            let listed = try await fixture.call(.get, "/v1/projects", token: editor)
            #expect((listed.json["items"] as? [Any])?.count == 1)

            #expect(try await fixture.call(.post, "/v1/runs/\(firstRun)/cancel", token: editor).status == .ok)
            let second = try await fixture.call(.post, "/v1/projects", token: editor, json: ProjectsAPITests.body(name: "Second"))
            #expect(second.status == .created)
            let secondRun = try #require((second.json["latestRun"] as? [String: Any])?["id"] as? String)
            #expect(try await fixture.call(.post, "/v1/runs/\(secondRun)/cancel", token: editor).status == .ok)
            let daily = try await fixture.call(.post, "/v1/runs/\(firstRun)/retry", token: editor)
            #expect(daily.status == .tooManyRequests && daily.problemType == "report-limit-reached")
            #expect(Int(daily.headers[.retryAfter] ?? "") ?? 0 > 80_000)
        }
    }

    @Test("a run whose job an admin cancelled fails when the project's next run starts", arguments: TestDatabases.dialects)
    func abandonedRun(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect, configure: { $0.runsWorkers = false }) { fixture in
            let editor = fixture[.editor].accessToken
            let created = try await fixture.call(.post, "/v1/projects", token: editor, json: ProjectsAPITests.body())
            let projectID = try #require(created.json["id"] as? String)
            let run = try #require(created.json["latestRun"] as? [String: Any])
            let jobID = try #require(run["jobId"] as? String)
            #expect(try await fixture.call(.post, "/v1/jobs/\(jobID)/cancel", token: fixture[.admin].accessToken).status == .ok)

            let next = try await fixture.call(.post, "/v1/projects/\(projectID)/reports", token: editor)
            #expect(next.status == .accepted && next.json["id"] as? String != run["id"] as? String)
            let old = try await fixture.call(.get, "/v1/runs/\(run["id"] as? String ?? "")", token: editor)
            #expect(old.json["state"] as? String == "failed")
            #expect((old.json["problem"] as? [String: Any])?["title"] as? String == "The run's job ended")
        }
    }

    @Test("with immediate reports off, creating a project starts nothing", arguments: TestDatabases.dialects)
    func immediateReportsOff(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect, configure: { $0.flagFallbacks = ["BULLETIN_FLAG_IMMEDIATE_REPORTS": "off"] }) { fixture in
            let created = try await fixture.call(.post, "/v1/projects", token: fixture[.editor].accessToken, json: ProjectsAPITests.body())
            #expect(created.status == .created && created.json["latestRun"] == nil)
            // (Only report jobs: a maintenance cron job may tick meanwhile, and admins see those too.)
            var reportJobs = JobFilter(workspaceID: fixture.workspaceID)
            reportJobs.kind = ReportRunJob.kind
            #expect(try await JobRepository(database: fixture.database).list(reportJobs).isEmpty)
        }
    }
}
