import Foundation

/// A job as stored: what to run, where it is in its life, and what came of it.
public struct JobRecord: Sendable, Hashable {
    public var id: Int64
    public var queue: String
    public var kind: String
    /// The handler's arguments, as JSON.
    public var arguments: String
    /// Lower runs first: 0 is the most urgent, 9 the least.
    public var priority: Int
    public var state: JobState
    /// The number of the current or last attempt; 0 before the first.
    public var attempt: Int
    public var maxAttempts: Int
    /// When the job may run next.
    public var scheduledAt: Date
    public var attemptedAt: Date?
    /// The worker holding (or that last held) the job's lease.
    public var attemptedBy: String?
    public var leaseExpiresAt: Date?
    public var cancelRequestedAt: Date?
    /// The fraction done, 0 to 1, as the handler last reported it.
    public var progress: Double?
    public var progressMessage: String?
    /// What the handler returned, as JSON.
    public var result: String?
    public var uniqueKey: String?
    /// With a unique key: the window, in seconds, within which the key holds for finished jobs too.
    public var uniqueWindowSeconds: Int?
    public var workspaceID: String?
    /// Who enqueued the job, such as `user:…`, `api_key:…` or `cron:…`.
    public var enqueuedBy: String?
    public var requestID: String?
    /// The client's `x-correlation-id` of the request that enqueued the job, when it sent one.
    public var correlationID: String?
    public var createdAt: Date
    public var finalizedAt: Date?

    /// `SELECT` the columns ``init(row:)`` reads `FROM jobs WHERE `, to append a condition to.
    static let select = SQLStatement(stringLiteral: "SELECT " + names.joined(separator: ", ") + " FROM jobs WHERE ")

    /// ` RETURNING` the columns, qualified by the table so that an `UPDATE … FROM` may return them.
    static let returningColumns = SQLStatement(
        stringLiteral: " RETURNING " + names.map { "jobs.\($0) AS \($0)" }.joined(separator: ", "))

    private static let names = [
        "id", "queue", "kind", "args", "priority", "state", "attempt", "max_attempts", "scheduled_at", "attempted_at",
        "attempted_by", "lease_expires_at", "cancel_requested_at", "progress", "progress_message", "result", "unique_key",
        "unique_window_seconds", "workspace_id", "enqueued_by", "request_id", "correlation_id", "created_at", "finalized_at",
    ]

    init(row: SQLRow) throws {
        id = try row.decode("id")
        queue = try row.decode("queue")
        kind = try row.decode("kind")
        arguments = try row.decode("args")
        priority = try row.decode("priority")
        guard let state = JobState(rawValue: try row.decode("state")) else {
            throw DatabaseError.unexpectedColumnType(column: "state", expected: "JobState")
        }
        self.state = state
        attempt = try row.decode("attempt")
        maxAttempts = try row.decode("max_attempts")
        scheduledAt = try row.decode("scheduled_at")
        attemptedAt = try row.decodeIfPresent("attempted_at")
        attemptedBy = try row.decodeIfPresent("attempted_by")
        leaseExpiresAt = try row.decodeIfPresent("lease_expires_at")
        cancelRequestedAt = try row.decodeIfPresent("cancel_requested_at")
        progress = try row.decodeIfPresent("progress")
        progressMessage = try row.decodeIfPresent("progress_message")
        result = try row.decodeIfPresent("result")
        uniqueKey = try row.decodeIfPresent("unique_key")
        uniqueWindowSeconds = try row.decodeIfPresent("unique_window_seconds")
        workspaceID = try row.decodeIfPresent("workspace_id")
        enqueuedBy = try row.decodeIfPresent("enqueued_by")
        requestID = try row.decodeIfPresent("request_id")
        correlationID = try row.decodeIfPresent("correlation_id")
        createdAt = try row.decode("created_at")
        finalizedAt = try row.decodeIfPresent("finalized_at")
    }
}

/// A job to enqueue: its kind and JSON arguments, and how to run it.
public struct NewJob: Sendable, Hashable {
    public var kind: String
    /// The handler's arguments, as JSON.
    public var arguments: String
    public var queue: String
    /// Lower runs first, 0 to 9.
    public var priority: Int
    public var maxAttempts: Int
    /// When to run it; `nil` for as soon as possible.
    public var runAt: Date?
    /// Makes a second enqueue with the same kind and key, while the first is waiting or
    /// running, return the first instead of adding a job.
    public var uniqueKey: String?
    /// With a unique key: the key also holds for completed jobs, within windows of this
    /// many seconds (so "once per hour" is a 3600-second window).
    public var uniqueWindowSeconds: Int?
    public var workspaceID: String?
    public var enqueuedBy: String?
    public var requestID: String?
    /// The client's `x-correlation-id` of the request that enqueues the job.
    public var correlationID: String?

    /// Creates a job to enqueue. Defaults: the `default` queue, priority 5, 20 attempts, now.
    public init(
        kind: String, arguments: String, queue: String = "default", priority: Int = 5, maxAttempts: Int = 20,
        runAt: Date? = nil, uniqueKey: String? = nil, uniqueWindowSeconds: Int? = nil, workspaceID: String? = nil,
        enqueuedBy: String? = nil, requestID: String? = nil, correlationID: String? = nil
    ) {
        self.kind = kind
        self.arguments = arguments
        self.queue = queue
        self.priority = priority
        self.maxAttempts = maxAttempts
        self.runAt = runAt
        self.uniqueKey = uniqueKey
        self.uniqueWindowSeconds = uniqueWindowSeconds
        self.workspaceID = workspaceID
        self.enqueuedBy = enqueuedBy
        self.requestID = requestID
        self.correlationID = correlationID
    }

    func uniqueSlot(now: Date) -> String? {
        Self.uniqueSlot(kind: kind, key: uniqueKey, windowSeconds: uniqueWindowSeconds, at: runAt ?? now)
    }

    /// The slot a unique job takes: its kind, key and (with a window) the window's start.
    static func uniqueSlot(kind: String, key: String?, windowSeconds: Int?, at time: Date) -> String? {
        guard let key else { return nil }
        var slot = kind + "\u{1F}" + key
        if let window = windowSeconds, window > 0 {
            let start = Int64(time.timeIntervalSince1970) / Int64(window) * Int64(window)
            slot += "\u{1F}\(start)"
        }
        return slot
    }
}

/// The outcome of an enqueue.
public struct EnqueuedJob: Sendable, Hashable {
    /// The job's ID: the new job's, or the existing unique job's.
    public let id: Int64
    /// The job's state: for a duplicate, the existing job's.
    public let state: JobState
    /// Whether an existing unique job was returned instead of a new one.
    public let isDuplicate: Bool
}

/// Why an attempt failed, as problem details: a stable type, a title and a detail.
public struct JobProblem: Sendable, Hashable, Codable {
    /// A slug such as `job-failed`, `job-timeout`, `job-lease-expired` or `job-cancelled`.
    public var type: String
    public var title: String
    public var detail: String

    /// Creates a problem.
    public init(type: String, title: String, detail: String) {
        self.type = type
        self.title = title
        self.detail = detail
    }
}

/// The error of one attempt of a job.
public struct JobAttemptError: Sendable, Hashable {
    public var attempt: Int
    public var failedAt: Date
    public var problem: JobProblem
}
