import BulletinCore
import BulletinOpenAPI
import BulletinStore
import Foundation
import OpenAPIRuntime

extension Components.Schemas.Job {
    init(_ job: JobRecord) {
        self.init(
            id: String(job.id), queue: job.queue, kind: job.kind, arguments: Self.json(job.arguments),
            priority: job.priority, state: .init(job.state), attempt: job.attempt, maxAttempts: job.maxAttempts,
            scheduledAt: job.scheduledAt, attemptedAt: job.attemptedAt, attemptedBy: job.attemptedBy,
            cancelRequestedAt: job.cancelRequestedAt, progress: job.progress, progressMessage: job.progressMessage,
            result: job.result.map(Self.json), uniqueKey: job.uniqueKey, enqueuedBy: job.enqueuedBy,
            requestId: job.requestID, correlationId: job.correlationID, createdAt: job.createdAt, finalizedAt: job.finalizedAt)
    }

    /// Stored JSON as a value of the document; text that is not JSON (never written by
    /// Bulletin) is shown as a string rather than lost.
    private static func json(_ text: String) -> OpenAPIValueContainer {
        (try? JSONDecoder().decode(OpenAPIValueContainer.self, from: Data(text.utf8))) ?? OpenAPIValueContainer(stringLiteral: text)
    }
}

extension Components.Schemas.JobState {
    init(_ state: JobState) {
        self = Self(rawValue: state.rawValue) ?? .available
    }
}

extension JobState {
    init(_ state: Components.Schemas.JobState) {
        self = JobState(rawValue: state.rawValue) ?? .available
    }
}

extension Components.Schemas.JobAttemptError {
    init(_ error: JobAttemptError) {
        self.init(
            attempt: error.attempt, failedAt: error.failedAt, _type: error.problem.type, title: error.problem.title,
            detail: error.problem.detail)
    }
}

extension Components.Schemas.Queue {
    init(_ queue: QueueOverview) {
        let count = { (state: JobState) in queue.counts[state] ?? 0 }
        self.init(
            name: queue.name, paused: queue.isPaused, pausedAt: queue.pausedAt,
            counts: .init(
                available: count(.available), scheduled: count(.scheduled), running: count(.running),
                retryable: count(.retryable), completed: count(.completed), cancelled: count(.cancelled),
                discarded: count(.discarded)),
            completedLastMinute: queue.completedLastMinute, completedLastHour: queue.completedLastHour,
            failedLastHour: queue.failedLastHour, waitSeconds: queue.waitSeconds.map(Components.Schemas.Percentiles.init),
            runSeconds: queue.runSeconds.map(Components.Schemas.Percentiles.init))
    }
}

extension Components.Schemas.Percentiles {
    init(_ percentiles: Percentiles) {
        self.init(p50: percentiles.p50, p95: percentiles.p95, p99: percentiles.p99)
    }
}
