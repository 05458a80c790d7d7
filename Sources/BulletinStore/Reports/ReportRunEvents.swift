import Foundation

/// A run's changes, announced on its own topic `run:ID` and on its project's `project:ID`:
/// `run.queued`, `run.progress` (a stage begins or moves on), `run.ready`, `run.failed` and
/// `run.cancelled`. Every event carries the run's state, overall progress and message, so a
/// client can draw the run from any one of them. While language models write, `run.text`
/// (on the run's topic only) carries a part's text so far.
enum ReportRunEvents {
    private struct Payload: Encodable {
        let runId: String
        let projectId: String
        let state: String
        let progress: Double
        let message: String?
        let reportId: String?
        let version: Int?
        let problem: RunProblem?
    }

    static func announce(
        _ type: String, _ run: ReportRun, version: Int? = nil, requestID: String?, correlationID: String? = nil, now: Date,
        in executor: any SQLExecutor
    ) async throws {
        let payload = try JSONText.encode(
            Payload(
                runId: run.id, projectId: run.projectID, state: run.state.rawValue, progress: run.progress,
                message: run.message, reportId: run.reportID, version: version, problem: run.problem))
        let events = [run.topic, "project:\(run.projectID)"].map {
            NewEvent(
                workspaceID: run.workspaceID, topic: $0, type: type, payload: payload, requestID: requestID,
                correlationID: correlationID)
        }
        try await EventLog(database: executor).append(batch: events, now: now)
    }

    private struct Text: Encodable {
        let runId: String
        let projectId: String
        let part: String
        let text: String
    }

    /// `run.text` on the run's topic only: a part's text so far, as a model writes it.
    static func announceText(_ run: ReportRun, part: String, text: String, now: Date, in executor: any SQLExecutor) async throws {
        let payload = try JSONText.encode(Text(runId: run.id, projectId: run.projectID, part: part, text: text))
        try await EventLog(database: executor).append(
            batch: [NewEvent(workspaceID: run.workspaceID, topic: run.topic, type: "run.text", payload: payload, requestID: nil)], now: now)
    }
}
