import BulletinCore
import Foundation

extension ProjectRepository {
    /// Projects whose scheduled report is due at `now`, earliest first.
    public func dueSchedules(now: Date, limit: Int) async throws -> [StoredProject] {
        try await database.query(
            "SELECT * FROM projects WHERE next_report_at <= \(now) ORDER BY next_report_at, id LIMIT \(limit)"
        ).map(Self.project)
    }

    /// Moves a due project's next scheduled report to the schedule's next time after `now`,
    /// unless another node already did (it is no longer due).
    /// - Returns: Whether this call moved it: the caller that did starts the run, in the same
    ///   transaction, so a crash neither loses nor repeats it.
    public func advanceSchedule(of project: StoredProject, now: Date) async throws -> Bool {
        let next = project.draft.schedule?.nextRun(after: now)
        let rows = try await database.execute(
            "UPDATE projects SET next_report_at = \(next) WHERE id = \(project.id) AND next_report_at <= \(now) RETURNING id")
        return !rows.isEmpty
    }
}
