import Foundation

/// The job table: enqueueing (in the transaction of the change that implies the job), claiming, finishing, and the
/// upkeep that promotes due jobs and rescues jobs whose worker died.
///
/// Times come from the caller (the application's clock), never from the database's, so that
/// tests move time by hand and every node agrees on one source.
public struct JobRepository: Sendable {
    let database: any SQLContext

    /// The notification channel that wakes workers; the payload is the queue.
    public static let channel = "jobs"
    /// The most rows one multi-row INSERT carries (15 values each, under both databases' limits).
    static let insertBatchSize = 500

    /// Creates the repository over a database.
    public init(database: any SQLContext) {
        self.database = database
    }

    /// Enqueues one job; made from the executor of a change's transaction, the job commits with
    /// the change that implies it, or not at all. A unique job whose key is taken returns the
    /// job holding it.
    public func enqueue(_ job: NewJob, now: Date) async throws -> EnqueuedJob {
        try await database.transaction { executor in
            if job.uniqueKey != nil { return try await Self.enqueueUnique(job, now: now, in: executor) }
            return try await Self.enqueue(batch: [job], now: now, in: executor)[0]
        }
    }

    /// Enqueues jobs in one transaction (the open one, when made from its executor), in
    /// multi-row INSERTs; the results are in the order given.
    public func enqueue(batch jobs: [NewJob], now: Date) async throws -> [EnqueuedJob] {
        try await database.transaction { executor in try await Self.enqueue(batch: jobs, now: now, in: executor) }
    }

    private static func enqueue(batch jobs: [NewJob], now: Date, in executor: any SQLExecutor) async throws -> [EnqueuedJob] {
        var results = [EnqueuedJob?](repeating: nil, count: jobs.count)
        var plain: [Int] = []
        for (index, job) in jobs.enumerated() {
            if job.uniqueKey != nil {
                results[index] = try await enqueueUnique(job, now: now, in: executor)
            } else {
                plain.append(index)
            }
        }
        for chunk in stride(from: 0, to: plain.count, by: insertBatchSize).map({ plain[$0..<min($0 + insertBatchSize, plain.count)] }) {
            var statement = insertStatement(chunk.map { jobs[$0] }, now: now)
            statement.append(" RETURNING id, state")
            // Identity values are handed out in VALUES order, so sorted IDs match the rows.
            let rows = try await executor.query(statement)
                .map { (id: try $0.decode("id", as: Int64.self), state: try $0.decode("state", as: String.self)) }
                .sorted { $0.id < $1.id }
            for (index, row) in zip(chunk, rows) {
                results[index] = EnqueuedJob(id: row.id, state: JobState(rawValue: row.state) ?? .available, isDuplicate: false)
            }
        }
        try await announce(queues: Set(jobs.filter { ($0.runAt ?? now) <= now }.map(\.queue)), in: executor)
        return results.map { $0! }
    }

    /// Inserts a unique job, or finds the job holding its slot. The slot may be released
    /// between the two statements, so the pair is tried again.
    private static func enqueueUnique(_ job: NewJob, now: Date, in executor: any SQLExecutor) async throws -> EnqueuedJob {
        let slot = job.uniqueSlot(now: now)
        for _ in 0..<3 {
            var statement = insertStatement([job], now: now)
            statement.append(" ON CONFLICT (unique_slot) WHERE unique_slot IS NOT NULL DO NOTHING RETURNING id, state")
            if let row = try await executor.query(statement).first {
                if (job.runAt ?? now) <= now { try await announce(queues: [job.queue], in: executor) }
                return EnqueuedJob(
                    id: try row.decode("id"), state: JobState(rawValue: try row.decode("state")) ?? .available,
                    isDuplicate: false)
            }
            if let row = try await executor.query("SELECT id, state FROM jobs WHERE unique_slot = \(slot)").first {
                return EnqueuedJob(
                    id: try row.decode("id"), state: JobState(rawValue: try row.decode("state")) ?? .available,
                    isDuplicate: true)
            }
        }
        throw JobStoreError.uniqueSlotContended
    }

    private static func insertStatement(_ jobs: some Collection<NewJob>, now: Date) -> SQLStatement {
        var statement: SQLStatement = """
            INSERT INTO jobs (queue, kind, args, priority, state, attempt, max_attempts, scheduled_at, unique_key,
                unique_slot, unique_window_seconds, workspace_id, enqueued_by, request_id, correlation_id, created_at) VALUES
            """
        for (index, job) in jobs.enumerated() {
            let runAt = job.runAt ?? now
            let state = runAt > now ? JobState.scheduled : .available
            // A window under a second is no window (its slot has none), so completing must free the key.
            let window = job.uniqueWindowSeconds.flatMap { $0 > 0 ? $0 : nil }
            statement.append(index == 0 ? " " : ", ")
            statement.append(
                """
                (\(job.queue), \(job.kind), \(job.arguments), \(job.priority), \(state.rawValue), 0, \(job.maxAttempts),
                \(runAt), \(job.uniqueKey), \(job.uniqueSlot(now: now)), \(window), \(job.workspaceID),
                \(job.enqueuedBy), \(job.requestID), \(job.correlationID), \(now))
                """)
        }
        return statement
    }

    /// Wakes the workers of queues that have jobs ready, on every node, once committed.
    static func announce(queues: some Sequence<String>, in executor: any SQLExecutor) async throws {
        for queue in queues {
            try await executor.notify(DatabaseNotification(channel: channel, payload: queue))
        }
    }
}
