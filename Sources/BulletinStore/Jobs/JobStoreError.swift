/// Why a change to a job or queue was refused.
public enum JobStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No such job in the caller's workspace.
    case notFound
    /// The job already finished, so it cannot be cancelled.
    case notCancellable(JobState)
    /// Only cancelled and discarded jobs can be retried by hand.
    case notRetryable(JobState)
    /// Retrying would break a unique key another job holds.
    case uniqueKeyTaken(jobID: Int64)
    /// A unique job's slot was taken and released over and over while enqueueing.
    case uniqueSlotContended

    public var description: String {
        switch self {
        case .notFound: "no such job"
        case .notCancellable(let state): "the job is \(state.rawValue) and cannot be cancelled"
        case .notRetryable(let state): "the job is \(state.rawValue); only cancelled and discarded jobs can be retried"
        case .uniqueKeyTaken(let id): "job \(id) holds this job's unique key"
        case .uniqueSlotContended: "the unique key was contended; try again"
        }
    }
}
