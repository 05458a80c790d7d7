import Foundation

/// A report version as listed: without its contents.
public struct ReportVersion: Sendable, Hashable {
    public let id: String
    public let projectID: String
    public let runID: String
    public let version: Int
    public let title: String
    public let createdAt: Date
}

extension ReportRunRepository {
    /// The most runs or versions one list returns.
    public static let maximumPageSize = 100

    /// One of the workspace's runs, or `nil`.
    public func run(id: String, workspaceID: String) async throws -> ReportRun? {
        try await database.query("SELECT * FROM report_runs WHERE id = \(id) AND workspace_id = \(workspaceID)")
            .first.map(ReportRun.init(row:))
    }

    /// A project's runs, newest first.
    public func runs(projectID: String, workspaceID: String, limit: Int) async throws -> [ReportRun] {
        try await database.query(
            """
            SELECT * FROM report_runs WHERE project_id = \(projectID) AND workspace_id = \(workspaceID)
            ORDER BY created_at DESC, id DESC LIMIT \(limit)
            """
        ).map(ReportRun.init(row:))
    }

    /// The newest run of each of the projects that has one, by project ID.
    public func latestRuns(projectIDs: [String], workspaceID: String) async throws -> [String: ReportRun] {
        guard !projectIDs.isEmpty else { return [:] }
        var statement: SQLStatement = "SELECT * FROM report_runs WHERE workspace_id = \(workspaceID) AND project_id IN "
        statement.append(.list(projectIDs))
        statement.append(
            """
             AND created_at = (SELECT MAX(latest.created_at) FROM report_runs latest WHERE latest.project_id = report_runs.project_id)
            ORDER BY created_at, id
            """)
        var latest: [String: ReportRun] = [:]
        for run in try await database.query(statement).map(ReportRun.init(row:)) { latest[run.projectID] = run }
        return latest
    }

    /// A project's report versions, newest first.
    public func versions(projectID: String, workspaceID: String, limit: Int) async throws -> [ReportVersion] {
        try await database.query(
            """
            SELECT id, project_id, run_id, version, title, created_at FROM reports
            WHERE project_id = \(projectID) AND workspace_id = \(workspaceID) ORDER BY version DESC LIMIT \(limit)
            """
        ).map {
            ReportVersion(
                id: try $0.decode("id"), projectID: try $0.decode("project_id"), runID: try $0.decode("run_id"),
                version: try $0.decode("version"), title: try $0.decode("title"), createdAt: try $0.decode("created_at"))
        }
    }

    /// One of a project's reports, or its newest when `id` is `nil`.
    public func report(id: String?, projectID: String, workspaceID: String) async throws -> StoredReport? {
        var statement: SQLStatement = "SELECT * FROM reports WHERE project_id = \(projectID) AND workspace_id = \(workspaceID)"
        if let id { statement.append(" AND id = \(id)") }
        statement.append(" ORDER BY version DESC LIMIT 1")
        return try await database.query(statement).first.map(StoredReport.init(row:))
    }

    /// The analysis of a project's newest report, which the next one compares with.
    public func latestAnalysis(projectID: String) async throws -> String? {
        try await database.query(
            "SELECT analysis FROM reports WHERE project_id = \(projectID) ORDER BY version DESC LIMIT 1"
        ).first?.decode("analysis")
    }
}
