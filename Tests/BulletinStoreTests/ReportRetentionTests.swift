import BulletinCore
import BulletinStore
import BulletinTestSupport
import Foundation
import Testing

@Suite("Report retention")
struct ReportRetentionTests {
    static let limits = ReportRunLimits(concurrentRuns: 100, runsPerDay: 1000)

    /// Starts a run of the project at `now` and ends it: ready with a new version, or failed.
    static func run(
        _ projectID: String, ready: Bool, runs: ReportRunRepository, audit: AuditScope, now: Date
    ) async throws -> ReportRun {
        let run = try await runs.start(projectID: projectID, limits: limits, audit: audit, audited: false, now: now).run
        _ = try await runs.begin(runID: run.id, workspaceID: audit.workspaceID, message: { _ in "Collecting." }, now: now)
        if ready {
            let report = NewReport(title: "Report", analysis: "{}", document: "{}", markdown: "# Report", html: "<h1>Report</h1>")
            _ = try await runs.finish(runID: run.id, with: report, now: now)
        } else {
            try await runs.fail(runID: run.id, problem: RunProblem(title: "Failed", detail: "On purpose."), now: now)
        }
        return run
    }

    @Test(
        "each project keeps its newest runs and versions; a run in progress and other projects are untouched",
        arguments: TestDatabases.dialects)
    func keepsNewest(dialect: SQLDialect) async throws {
        try await TestDatabases.withDatabase(dialect) { database in
            try await Migrator().migrate(database)
            let owner = try await IdentityRepository(database: database).createUser(
                email: EmailAddress("ada@example.com")!, passwordHash: "x", role: .owner, workspace: "Acme", createWorkspace: true)
            let audit = AuditScope(workspaceID: owner.workspace.id, context: .commandLine)
            let draft = ProjectDraft(name: "Notes", subject: Participant(name: "Inkwell"), peers: [Participant(name: "Bear")])
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            let (busy, quiet) = try await database.transaction { executor in
                let projects = ProjectRepository(database: executor)
                return (
                    try await projects.create(draft, id: "busy", audit: audit, now: start),
                    try await projects.create(draft, id: "quiet", audit: audit, now: start)
                )
            }
            let runs = ReportRunRepository(database: database)
            // Busy: six ready runs (versions 1–6) with a failed one between, then one in progress.
            var made: [ReportRun] = []
            for index in 0..<7 {
                made.append(
                    try await Self.run(
                        busy.id, ready: index != 3, runs: runs, audit: audit,
                        now: start.addingTimeInterval(Double(index) * 60)))
            }
            let active = try await runs.start(
                projectID: busy.id, limits: Self.limits, audit: audit, audited: false, now: start.addingTimeInterval(3600)
            ).run
            _ = try await Self.run(quiet.id, ready: true, runs: runs, audit: audit, now: start)

            let pruned = try await runs.prune(keepingPerProject: 3)
            // Busy keeps the active run and the two newest finished ones; versions 4–6.
            #expect(pruned.runs == 5 && pruned.versions == 3)
            let keptRuns = try await runs.runs(projectID: busy.id, workspaceID: audit.workspaceID, limit: 100).map(\.id)
            #expect(keptRuns == [active.id, made[6].id, made[5].id])
            let keptVersions = try await runs.versions(projectID: busy.id, workspaceID: audit.workspaceID, limit: 100)
            #expect(keptVersions.map(\.version) == [6, 5, 4])
            // Every kept run that is ready still finds its report.
            for run in try await runs.runs(projectID: busy.id, workspaceID: audit.workspaceID, limit: 100) {
                if let reportID = run.reportID {
                    #expect(try await runs.report(id: reportID, projectID: busy.id, workspaceID: audit.workspaceID) != nil)
                }
            }
            #expect(try await runs.versions(projectID: quiet.id, workspaceID: audit.workspaceID, limit: 100).count == 1)
            // A second prune finds nothing more.
            let again = try await runs.prune(keepingPerProject: 3)
            #expect(again.runs == 0 && again.versions == 0)
        }
    }
}
