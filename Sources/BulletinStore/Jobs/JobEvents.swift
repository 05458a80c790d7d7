import Foundation

/// A workspace job's changes, announced on its `job:ID` topic in the transaction that makes
/// them: `job.running` when a worker claims it, `job.progress` when its handler reports,
/// `job.completed`, `job.retryable`, `job.discarded`, `job.cancelled`, `job.scheduled`
/// (snoozed) and `job.available` (released at shutdown, or retried). Installation jobs, which
/// belong to no workspace, announce nothing.
enum JobEvents {
    /// What every job event carries; `progress` and `message` only on `job.progress`.
    private struct Payload: Encodable {
        let jobId: String
        let state: String
        let attempt: Int
        var progress: Double?
        var message: String?
    }

    /// Announces that a job is now in `state`.
    static func state(
        _ state: JobState, jobID: Int64, workspaceID: String?, attempt: Int, now: Date, in executor: any SQLExecutor
    ) async throws {
        guard let workspaceID else { return }
        try await EventLog(database: executor).append(try event(state, jobID: jobID, workspaceID: workspaceID, attempt: attempt), now: now)
    }

    /// Announces how far a running job has got.
    static func progress(
        _ fraction: Double, message: String?, jobID: Int64, workspaceID: String?, attempt: Int, now: Date,
        in executor: any SQLExecutor
    ) async throws {
        let payload = Payload(
            jobId: String(jobID), state: JobState.running.rawValue, attempt: attempt, progress: fraction, message: message)
        try await append("job.progress", payload, jobID: jobID, workspaceID: workspaceID, now: now, in: executor)
    }

    /// Announces the state of each job of rows holding `id`, `workspace_id`, `attempt` and `state`.
    static func states(of rows: [SQLRow], now: Date, in executor: any SQLExecutor) async throws {
        var events: [NewEvent] = []
        for row in rows {
            guard let workspaceID = try row.decodeIfPresent("workspace_id", as: String.self),
                let state = JobState(rawValue: try row.decode("state"))
            else { continue }
            events.append(try event(state, jobID: try row.decode("id"), workspaceID: workspaceID, attempt: try row.decode("attempt")))
        }
        try await EventLog(database: executor).append(batch: events, now: now)
    }

    /// Announces that claimed jobs are running, in one statement.
    static func running(_ jobs: [JobRecord], now: Date, in executor: any SQLExecutor) async throws {
        let events = try jobs.compactMap { job in
            try job.workspaceID.map { try event(.running, jobID: job.id, workspaceID: $0, attempt: job.attempt) }
        }
        try await EventLog(database: executor).append(batch: events, now: now)
    }

    private static func event(_ state: JobState, jobID: Int64, workspaceID: String, attempt: Int) throws -> NewEvent {
        NewEvent(
            workspaceID: workspaceID, topic: "job:\(jobID)", type: "job.\(state.rawValue)",
            payload: try JSONText.encode(Payload(jobId: String(jobID), state: state.rawValue, attempt: attempt)), requestID: nil)
    }

    private static func append(
        _ type: String, _ payload: Payload, jobID: Int64, workspaceID: String?, now: Date, in executor: any SQLExecutor
    ) async throws {
        guard let workspaceID else { return }
        _ = try await EventLog(database: executor).append(
            NewEvent(
                workspaceID: workspaceID, topic: "job:\(jobID)", type: type, payload: try JSONText.encode(payload),
                requestID: nil),
            now: now)
    }
}
