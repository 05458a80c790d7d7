import Foundation

extension ReportRunRepository {
    /// What one prune deleted.
    public struct Pruned: Sendable, Hashable {
        /// Finished runs deleted.
        public let runs: Int
        /// Report versions deleted.
        public let versions: Int
    }

    /// Keeps each project's newest `keep` runs and newest `keep` report versions, and deletes
    /// the rest. A run still queued or in progress is never deleted. A kept run's report is
    /// always kept: each ready run made one version, so a project's newest `keep` runs made at
    /// most its newest `keep` versions.
    public func prune(keepingPerProject keep: Int) async throws -> Pruned {
        precondition(keep >= 1, "a project keeps at least its newest run and version")
        return try await database.transaction { executor in
            let runs = try await executor.query(
                """
                DELETE FROM report_runs WHERE active_project_id IS NULL AND id IN (
                    SELECT id FROM (
                        SELECT id, ROW_NUMBER() OVER (PARTITION BY project_id ORDER BY created_at DESC, id DESC) AS newness
                        FROM report_runs) ranked
                    WHERE newness > \(keep))
                RETURNING id
                """)
            let versions = try await executor.query(
                """
                DELETE FROM reports WHERE id IN (
                    SELECT id FROM (
                        SELECT id, ROW_NUMBER() OVER (PARTITION BY project_id ORDER BY version DESC) AS newness
                        FROM reports) ranked
                    WHERE newness > \(keep))
                RETURNING id
                """)
            return Pruned(runs: runs.count, versions: versions.count)
        }
    }
}
