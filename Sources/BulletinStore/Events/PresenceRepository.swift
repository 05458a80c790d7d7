import Foundation

/// Someone following a topic right now.
public struct PresentUser: Sendable, Hashable {
    public let userID: String
    /// When their earliest open stream on the topic began.
    public let since: Date
}

/// Who follows which topic, across every node.
///
/// Each open stream has a row per topic; the node serving it refreshes all its rows in one
/// statement (``touch(nodeID:now:)``);
/// a row not refreshed for ``expiry`` belongs to a node that died, and is swept by any live
/// node's broadcaster. A user
/// joins a topic with their first stream on it and leaves with their last:
/// `presence.join` and `presence.leave` events on the topic say so, in the same transaction.
public struct PresenceRepository: Sendable {
    /// How long a row lives without being refreshed.
    public static let expiry: TimeInterval = 45

    private let database: any SQLContext

    public init(database: any SQLContext) {
        self.database = database
    }

    /// Records a stream's topics; announces a join on each topic the user was not on yet.
    public func join(
        connectionID: String, nodeID: String, topics: [String], workspaceID: String, userID: String, now: Date
    ) async throws {
        try await database.transaction { executor in
            for topic in topics {
                let present = try await Self.isPresent(userID: userID, topic: topic, now: now, executor)
                try await executor.query(
                    """
                    INSERT INTO presence (connection_id, topic, workspace_id, user_id, node_id, joined_at, seen_at)
                    VALUES (\(connectionID), \(topic), \(workspaceID), \(userID), \(nodeID), \(now), \(now))
                    """)
                if !present {
                    try await Self.announce("presence.join", userID: userID, topic: topic, workspaceID: workspaceID, now: now, executor)
                }
            }
        }
    }

    /// Refreshes the rows of every stream a node serves.
    public func touch(nodeID: String, now: Date) async throws {
        try await database.execute("UPDATE presence SET seen_at = \(now) WHERE node_id = \(nodeID)")
    }

    /// Removes a stream's rows; announces a leave on each topic the user has no other stream on.
    public func leave(connectionID: String, now: Date) async throws {
        try await database.transaction { executor in
            let rows = try await executor.query("DELETE FROM presence WHERE connection_id = \(connectionID) RETURNING *")
            try await Self.announceLeaves(rows, now: now, executor)
        }
    }

    /// Removes rows not refreshed within ``expiry`` (their node died), with their leaves.
    @discardableResult
    public func sweep(now: Date) async throws -> Int {
        try await database.transaction { executor in
            let cutoff = now.addingTimeInterval(-Self.expiry)
            let rows = try await executor.query("DELETE FROM presence WHERE seen_at < \(cutoff) RETURNING *")
            try await Self.announceLeaves(rows, now: now, executor)
            return rows.count
        }
    }

    /// The users following a topic now, each once, earliest first.
    public func users(on topic: String, now: Date) async throws -> [PresentUser] {
        let rows = try await database.query(
            """
            SELECT user_id, MIN(joined_at) AS since FROM presence
            WHERE topic = \(topic) AND seen_at >= \(now.addingTimeInterval(-Self.expiry))
            GROUP BY user_id ORDER BY since, user_id
            """)
        return try rows.map { PresentUser(userID: try $0.decode("user_id"), since: try $0.decode("since")) }
    }

    private static func announceLeaves(_ rows: [SQLRow], now: Date, _ executor: any SQLExecutor) async throws {
        var seen: Set<[String]> = []
        for row in rows {
            let topic: String = try row.decode("topic")
            let userID: String = try row.decode("user_id")
            guard seen.insert([topic, userID]).inserted else { continue }
            if try await !isPresent(userID: userID, topic: topic, now: now, executor) {
                try await announce(
                    "presence.leave", userID: userID, topic: topic, workspaceID: try row.decode("workspace_id"), now: now, executor)
            }
        }
    }

    private static func isPresent(userID: String, topic: String, now: Date, _ executor: any SQLExecutor) async throws -> Bool {
        let rows = try await executor.query(
            """
            SELECT 1 AS present FROM presence
            WHERE topic = \(topic) AND user_id = \(userID) AND seen_at >= \(now.addingTimeInterval(-expiry)) LIMIT 1
            """)
        return !rows.isEmpty
    }

    private static func announce(
        _ type: String, userID: String, topic: String, workspaceID: String, now: Date, _ executor: any SQLExecutor
    ) async throws {
        try await EventLog(database: executor).append(
            NewEvent(workspaceID: workspaceID, topic: topic, type: type, payload: try JSONText.encode(["userId": userID]), requestID: nil),
            now: now)
    }
}
