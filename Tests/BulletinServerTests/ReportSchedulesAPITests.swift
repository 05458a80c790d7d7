import BulletinCore
import BulletinJobs
import BulletinReports
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import BulletinServer

/// A project's report schedule through the API: validated, shown with its next time, and
/// starting a run (triggered by `schedule`) when due — also when the time passed while no
/// node ran, since the next time is stored.
@Suite("Report schedules")
struct ReportSchedulesAPITests {
    @Test("a schedule is checked, shown with its next time, and starts one run when due", arguments: TestDatabases.dialects)
    func scheduledRun(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            let editor = fixture[.editor].accessToken
            var body = ProjectsAPITests.body()
            for (schedule, pointer) in [
                (["cron": "*/5 9 * * *", "timeZone": "Europe/Paris"], "/schedule/cron"),
                (["cron": "61 7 * * 1", "timeZone": "Europe/Paris"], "/schedule/cron"),
                (["cron": "0 7 * * 1", "timeZone": "Mars/Olympus"], "/schedule/timeZone"),
            ] {
                body["schedule"] = schedule
                let refused = try await fixture.call(.post, "/v1/projects", token: editor, json: body)
                #expect(refused.status == .unprocessableContent && refused.problemType == "validation-failed", "\(schedule)")
                #expect((refused.json["errors"] as? [[String: Any]])?.first?["pointer"] as? String == pointer, "\(refused.json)")
            }

            body["schedule"] = ["cron": "0 7 * * 1", "timeZone": "Europe/Paris"]
            let created = try await fixture.call(.post, "/v1/projects", token: editor, json: body)
            #expect(created.status == .created, "\(created.json)")
            let projectID = try #require(created.json["id"] as? String)
            #expect(created.json["schedule"] as? [String: String] == ["cron": "0 7 * * 1", "timeZone": "Europe/Paris"])
            let next = try #require(RFC3339.date(from: created.json["nextReportAt"] as? String ?? ""))
            let now = fixture.clock.wallClock.now()
            #expect(next > now && next < now.addingTimeInterval(8 * 86_400))
            var paris = Calendar(identifier: .gregorian)
            paris.timeZone = TimeZone(identifier: "Europe/Paris")!
            #expect(paris.dateComponents([.weekday, .hour, .minute], from: next) == DateComponents(hour: 7, minute: 0, weekday: 2))
            let first = try #require(created.json["latestRun"] as? [String: Any])
            #expect(first["trigger"] as? String == "project")
            _ = try await ReportsAPITests.waitForRun(fixture, first["id"] as? String ?? "", in: ["ready", "failed"])

            // The next time passed while no node looked: the stored time is due.
            fixture.clock.advance(by: 60)
            try await fixture.database.execute(
                "UPDATE projects SET next_report_at = \(now.addingTimeInterval(-120)) WHERE id = \(projectID)")
            try await Self.tick(fixture)
            let runs = try await fixture.call(.get, "/v1/projects/\(projectID)/runs", token: editor)
            let items = try #require(runs.json["items"] as? [[String: Any]])
            #expect(items.map { $0["trigger"] as? String } == ["schedule", "project"])
            let project = try await fixture.call(.get, "/v1/projects/\(projectID)", token: editor)
            let moved = try #require(RFC3339.date(from: project.json["nextReportAt"] as? String ?? ""))
            #expect(moved > now && paris.component(.hour, from: moved) == 7)

            // Not due any more: the next tick starts nothing.
            try await Self.tick(fixture)
            let again = try await fixture.call(.get, "/v1/projects/\(projectID)/runs", token: editor)
            #expect((again.json["items"] as? [[String: Any]])?.count == 2)

            // A replacement without a schedule removes it.
            body["schedule"] = nil
            let replaced = try await fixture.call(.put, "/v1/projects/\(projectID)", token: editor, json: body)
            #expect(replaced.status == .ok && replaced.json["schedule"] == nil && replaced.json["nextReportAt"] == nil)
        }
    }

    /// Runs the schedule's job once, as its cron entry does every minute, and waits for it.
    static func tick(_ fixture: AccessFixture) async throws {
        let jobs = JobRepository(database: fixture.database)
        let job = try await jobs.enqueue(try NewJob(StartScheduledReports.self, arguments: .init()), now: fixture.clock.wallClock.now())
        try await waitUntil("the schedule's job completes") {
            try await jobs.job(id: job.id, workspaceID: "", includingInstallation: true)?.state == .completed
        }
    }
}
