/// Where a job is in its life.
///
/// ```
/// available ─claim─▶ running ─▶ completed
/// scheduled ─(due)─▶    │  ├───▶ retryable ─(due)─▶ available
///                       │  ├───▶ discarded   (attempts used up, or failed permanently)
///                       │  └───▶ cancelled
/// ```
/// A job that is cancelled, or discarded, can be retried by hand and becomes available again.
public enum JobState: String, Sendable, CaseIterable, Codable {
    /// Waiting for a worker.
    case available
    /// Waiting for its run-at time.
    case scheduled
    /// Claimed by a worker, which holds its lease.
    case running
    /// Failed an attempt; waiting for its next one after a back-off.
    case retryable
    /// Finished successfully.
    case completed
    /// Cancelled before or while it ran.
    case cancelled
    /// Gave up: attempts used up, or a permanent failure.
    case discarded

    /// Whether the job will not run again unless retried by hand.
    public var isFinal: Bool {
        switch self {
        case .completed, .cancelled, .discarded: true
        case .available, .scheduled, .running, .retryable: false
        }
    }
}
