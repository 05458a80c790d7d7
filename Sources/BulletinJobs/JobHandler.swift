import BulletinCore
import BulletinStore

/// Work of one kind, run by workers: its arguments are Codable and stored as JSON.
///
/// ```swift
/// struct SendWelcome: JobHandler {
///     struct Arguments: Codable, Sendable { var userID: String }
///     static let kind = "email.welcome"
///     func run(_ arguments: Arguments, context: JobContext) async throws { … }
/// }
/// ```
/// Jobs run at least once: a job whose worker died mid-run runs again, so handlers are
/// written to be idempotent. Throw ``JobError/discard(_:)`` to fail for good, or
/// ``JobError/snooze(for:)`` to come back later without using an attempt; any other error
/// fails the attempt, retried after a back-off until the attempts run out.
public protocol JobHandler: Sendable {
    /// The handler's arguments.
    associatedtype Arguments: Codable & Sendable

    /// The stable name jobs of this kind are stored under, such as `report.run`.
    static var kind: String { get }
    /// How jobs of this kind run. Defaults to ``JobKindOptions/init(queue:priority:maxAttempts:timeout:backoff:)``'s defaults.
    static var options: JobKindOptions { get }

    /// Does the work; returning completes the job.
    func run(_ arguments: Arguments, context: JobContext) async throws
}

extension JobHandler {
    public static var options: JobKindOptions { JobKindOptions() }
}

/// How jobs of a kind run: where, how urgently, how often and how long.
public struct JobKindOptions: Sendable, Hashable {
    /// The queue jobs go to unless an enqueue says otherwise.
    public var queue: String
    /// 0 (most urgent) to 9.
    public var priority: Int
    /// Attempts before a failing job is discarded.
    public var maxAttempts: Int
    /// How long an attempt may run before it is cancelled and counted as failed.
    public var timeout: Duration
    /// The wait between failed attempts.
    public var backoff: Backoff

    /// Creates options. Defaults: the `default` queue, priority 5, 20 attempts, a 30-minute
    /// timeout, and the standard ``Backoff``.
    public init(
        queue: String = "default", priority: Int = 5, maxAttempts: Int = 20, timeout: Duration = .seconds(1800),
        backoff: Backoff = Backoff()
    ) {
        self.queue = queue
        self.priority = priority
        self.maxAttempts = maxAttempts
        self.timeout = timeout
        self.backoff = backoff
    }
}

/// What a handler throws to steer its job other than by failing an attempt.
public enum JobError: Error, Sendable, Equatable {
    /// Fail for good: the job is discarded without further attempts.
    case discard(String)
    /// Come back after this long, without counting the attempt.
    case snooze(for: Duration)
}
