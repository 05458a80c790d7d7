import Foundation

/// One event of the log: what happened (`type`) on a topic, in order (`id`).
public struct LoggedEvent: Sendable, Hashable {
    /// Monotonic, in commit order: a reader that has seen ID n never later finds a smaller one.
    public let id: Int64
    public let workspaceID: String
    /// Such as `workspace:ws_…`, `job:42`, `user:usr_…`.
    public let topic: String
    /// Such as `member.invite` or `job.progress`.
    public let type: String
    /// The event's JSON object, as text.
    public let payload: String
    public let requestID: String?
    /// The client's `x-correlation-id` of the request that caused the event, when it sent one.
    public let correlationID: String?
    public let createdAt: Date
}

/// An event to append.
public struct NewEvent: Sendable, Hashable {
    public var workspaceID: String
    public var topic: String
    public var type: String
    /// A JSON object, as text.
    public var payload: String
    public var requestID: String?
    /// The client's `x-correlation-id` of the request that caused the event, when it sent one.
    public var correlationID: String?

    public init(
        workspaceID: String, topic: String, type: String, payload: String, requestID: String?, correlationID: String? = nil
    ) {
        self.workspaceID = workspaceID
        self.topic = topic
        self.type = type
        self.payload = payload
        self.requestID = requestID
        self.correlationID = correlationID
    }
}

/// The event log behind realtime streams.
///
/// Events are appended in the transaction of the change they announce, so nothing is
/// announced that did not commit and nothing commits unannounced. After the commit a
/// notification on ``channel`` (payload: the new ID) wakes every node's broadcaster, which
/// reads the new rows in ID order. On PostgreSQL, appending takes ``AdvisoryLock/events``
/// until commit, so IDs follow commit order and a reader never skips a late-committing event.
public struct EventLog: Sendable {
    public static let channel = "events"

    private let database: any SQLContext

    public init(database: any SQLContext) {
        self.database = database
    }

    /// Appends an event (in the change's transaction when made from its executor).
    @discardableResult
    public func append(_ event: NewEvent, now: Date) async throws -> Int64 {
        try await database.transaction { executor in
            try await executor.lock(.events)
            let rows = try await executor.query(
                """
                INSERT INTO events (workspace_id, topic, type, payload, request_id, correlation_id, created_at)
                VALUES (\(event.workspaceID), \(event.topic), \(event.type), \(event.payload), \(event.requestID),
                    \(event.correlationID), \(now))
                RETURNING id
                """)
            let id: Int64 = try rows[0].decode("id")
            try await executor.notify(DatabaseNotification(channel: Self.channel, payload: String(id)))
            return id
        }
    }

    /// Appends events with one lock and one statement per 500 (a claim of many jobs announces
    /// each), in the order given; returns their IDs.
    @discardableResult
    public func append(batch events: [NewEvent], now: Date) async throws -> [Int64] {
        guard !events.isEmpty else { return [] }
        return try await database.transaction { executor in try await Self.append(batch: events, now: now, executor) }
    }

    private static func append(batch events: [NewEvent], now: Date, _ executor: any SQLExecutor) async throws -> [Int64] {
        try await executor.lock(.events)
        var ids: [Int64] = []
        for start in stride(from: 0, to: events.count, by: 500) {
            var statement: SQLStatement =
                "INSERT INTO events (workspace_id, topic, type, payload, request_id, correlation_id, created_at) VALUES "
            for (offset, event) in events[start..<min(start + 500, events.count)].enumerated() {
                statement.append(offset == 0 ? "(" : ", (")
                statement.append(
                    """
                    \(event.workspaceID), \(event.topic), \(event.type), \(event.payload), \(event.requestID),
                    \(event.correlationID), \(now))
                    """)
            }
            statement.append(" RETURNING id")
            // Identity values are handed out in VALUES order, so sorted IDs match the events.
            ids += try await executor.query(statement).map { try $0.decode("id", as: Int64.self) }.sorted()
        }
        try await executor.notify(DatabaseNotification(channel: Self.channel, payload: String(ids.last!)))
        return ids
    }

    /// Events after `id`, in order: all topics, or only `topics`; at most `limit`, and none
    /// above `through` when given.
    public func events(
        after id: Int64, topics: Set<String>? = nil, through: Int64? = nil, limit: Int
    ) async throws -> [LoggedEvent] {
        var statement: SQLStatement = "SELECT * FROM events WHERE id > \(id)"
        if let through { statement.append(" AND id <= \(through)") }
        if let topics {
            statement.append(" AND topic IN ")
            statement.append(.list(topics.sorted()))
        }
        statement.append(" ORDER BY id LIMIT \(limit)")
        return try await database.query(statement).map(Self.event)
    }

    /// The highest ID in the log (0 when empty).
    public func latestID() async throws -> Int64 {
        let rows = try await database.query("SELECT COALESCE(MAX(id), 0) AS id FROM events")
        return try rows.first?.decode("id") ?? 0
    }

    /// The highest ID pruned: a subscriber resuming from a smaller one missed events.
    public func prunedThrough() async throws -> Int64 {
        let rows = try await database.query("SELECT pruned_through FROM event_log WHERE singleton = 1")
        return try rows.first?.decode("pruned_through") ?? 0
    }

    /// Deletes events older than `cutoff` and records the highest ID deleted.
    /// - Returns: How many were deleted.
    @discardableResult
    public func prune(before cutoff: Date) async throws -> Int {
        try await database.transaction { executor in
            let deleted = try await executor.query("DELETE FROM events WHERE created_at < \(cutoff) RETURNING id")
            let highest = try deleted.map { try $0.decode("id", as: Int64.self) }.max()
            if let highest {
                try await executor.query(
                    """
                    UPDATE event_log SET pruned_through = \(highest)
                    WHERE singleton = 1 AND pruned_through < \(highest)
                    """)
            }
            return deleted.count
        }
    }

    private static func event(_ row: SQLRow) throws -> LoggedEvent {
        LoggedEvent(
            id: try row.decode("id"), workspaceID: try row.decode("workspace_id"), topic: try row.decode("topic"),
            type: try row.decode("type"), payload: try row.decode("payload"),
            requestID: try row.decodeIfPresent("request_id"), correlationID: try row.decodeIfPresent("correlation_id"),
            createdAt: try row.decode("created_at"))
    }
}
