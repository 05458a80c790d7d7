import BulletinCore

/// How a process works jobs: which queues, how many at once, and its timings.
public struct WorkerConfiguration: Sendable {
    /// Jobs run at once per queue, for queues that need other than ``defaultConcurrency``;
    /// queues named here are worked even without a registered kind.
    public var concurrency: [String: Int] = [:]
    /// Jobs run at once in each queue not named in ``concurrency``. Defaults to 100: jobs are
    /// tasks, and most of their time is spent waiting on I/O.
    public var defaultConcurrency = 100
    /// How long a claim lasts without renewal; a worker that dies loses its jobs after this.
    /// Defaults to 30 s.
    public var leaseDuration: Duration = .seconds(30)
    /// How often leases are renewed and cancellations checked. Defaults to 1 s.
    public var heartbeatInterval: Duration = .seconds(1)
    /// How often an idle queue looks for jobs when no notification arrives. Defaults to 1 s.
    public var pollInterval: Duration = .seconds(1)
    /// How often due jobs are promoted and lapsed leases rescued. Defaults to 1 s.
    public var upkeepInterval: Duration = .seconds(1)
    /// How long running jobs may finish after shutdown begins before they are stopped and
    /// released. Defaults to 10 s.
    public var shutdownGrace: Duration = .seconds(10)
    /// The most jobs one claim takes. Defaults to 100.
    public var claimBatchSize = 100
    /// Names this worker in the jobs it holds. Defaults to a new random ID.
    public var workerID = "w_" + RandomID.make().lowercased()

    /// Creates the defaults.
    public init() {}

    /// The concurrency of a queue.
    public func concurrency(of queue: String) -> Int {
        max(1, concurrency[queue] ?? defaultConcurrency)
    }
}
