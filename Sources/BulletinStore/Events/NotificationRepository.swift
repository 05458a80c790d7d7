import Foundation

/// A message for one user in one workspace, such as "Your role is now editor".
public struct UserNotification: Sendable, Hashable, Codable {
    public let id: Int64
    /// What it is about, such as `member.role-changed`.
    public let type: String
    public let title: String
    public let body: String
    /// Where in the product it leads, such as `/projects/prj_…`.
    public let link: String?
    public let createdAt: Date
    public let readAt: Date?
}

/// What a change tells a user.
public struct NewNotification: Sendable, Hashable {
    public var workspaceID: String
    public var userID: String
    public var type: String
    public var title: String
    public var body: String
    public var link: String?

    public init(workspaceID: String, userID: String, type: String, title: String, body: String, link: String? = nil) {
        self.workspaceID = workspaceID
        self.userID = userID
        self.type = type
        self.title = title
        self.body = body
        self.link = link
    }
}

/// Per-user notifications: stored, listed, marked read, and announced on the user's topic
/// (`user:ID`) in the transaction that creates or reads them, so every open tab stays in step.
public struct NotificationRepository: Sendable {
    private let database: any SQLContext

    public init(database: any SQLContext) {
        self.database = database
    }

    /// Stores a notification and announces it as a `notification` event on the user's topic,
    /// in one transaction (the change's, when made from its executor).
    @discardableResult
    public func notify(_ notification: NewNotification, requestID: String?, now: Date) async throws -> UserNotification {
        try await database.transaction { executor in
            let rows = try await executor.query(
                """
                INSERT INTO notifications (workspace_id, user_id, type, title, body, link, created_at)
                VALUES (\(notification.workspaceID), \(notification.userID), \(notification.type), \(notification.title),
                    \(notification.body), \(notification.link), \(now))
                RETURNING *
                """)
            let stored = try Self.notification(rows[0])
            try await EventLog(database: executor).append(
                NewEvent(
                    workspaceID: notification.workspaceID, topic: "user:\(notification.userID)", type: "notification",
                    payload: try JSONText.encode(stored), requestID: requestID),
                now: now)
            return stored
        }
    }

    /// Tells every admin and owner of the workspace the same thing, in one transaction.
    public func notifyAdmins(
        workspaceID: String, type: String, title: String, body: String, link: String? = nil, now: Date
    ) async throws {
        try await database.transaction { executor in
            let admins = try await executor.query(
                "SELECT user_id FROM memberships WHERE workspace_id = \(workspaceID) AND role IN ('owner', 'admin') ORDER BY user_id")
            for admin in admins {
                try await NotificationRepository(database: executor).notify(
                    NewNotification(
                        workspaceID: workspaceID, userID: try admin.decode("user_id"), type: type, title: title, body: body, link: link),
                    requestID: nil, now: now)
            }
        }
    }

    /// A page of the user's notifications in the workspace, newest first, before the ID
    /// `before` when given; only unread ones when asked.
    public func list(
        userID: String, workspaceID: String, unreadOnly: Bool, before: Int64?, limit: Int
    ) async throws -> [UserNotification] {
        var statement: SQLStatement = "SELECT * FROM notifications WHERE user_id = \(userID) AND workspace_id = \(workspaceID)"
        if unreadOnly { statement.append(" AND read_at IS NULL") }
        if let before { statement.append(" AND id < \(before)") }
        statement.append(" ORDER BY id DESC LIMIT \(limit)")
        return try await database.query(statement).map(Self.notification)
    }

    /// How many of the user's notifications in the workspace are unread.
    public func unreadCount(userID: String, workspaceID: String) async throws -> Int {
        let rows = try await database.query(
            """
            SELECT COUNT(*) AS unread FROM notifications
            WHERE user_id = \(userID) AND workspace_id = \(workspaceID) AND read_at IS NULL
            """)
        return try rows.first?.decode("unread") ?? 0
    }

    /// Marks the user's notifications read: the listed ones, or all when `ids` is `nil`; the
    /// IDs marked are announced as a `notification.read` event on the user's topic.
    /// - Returns: The IDs that were unread and now are read.
    public func markRead(
        ids: [Int64]?, userID: String, workspaceID: String, requestID: String?, now: Date
    ) async throws -> [Int64] {
        if let ids, ids.isEmpty { return [] }
        return try await database.transaction { executor in
            var statement: SQLStatement =
                """
                UPDATE notifications SET read_at = \(now)
                WHERE user_id = \(userID) AND workspace_id = \(workspaceID) AND read_at IS NULL
                """
            if let ids {
                statement.append(" AND id IN ")
                statement.append(.list(ids))
            }
            statement.append(" RETURNING id")
            let marked = try await executor.query(statement).map { try $0.decode("id", as: Int64.self) }.sorted()
            if !marked.isEmpty {
                try await EventLog(database: executor).append(
                    NewEvent(
                        workspaceID: workspaceID, topic: "user:\(userID)", type: "notification.read",
                        payload: try JSONText.encode(["ids": marked.map(String.init)]), requestID: requestID),
                    now: now)
            }
            return marked
        }
    }

    private static func notification(_ row: SQLRow) throws -> UserNotification {
        UserNotification(
            id: try row.decode("id"), type: try row.decode("type"), title: try row.decode("title"),
            body: try row.decode("body"), link: try row.decodeIfPresent("link"), createdAt: try row.decode("created_at"),
            readAt: try row.decodeIfPresent("read_at"))
    }
}
