import BulletinCore
import Foundation

/// Who made a change, and from where: what every audit entry records besides the change.
public struct AuditContext: Sendable {
    /// `user`, `api_key`, `anonymous` or `system`.
    public let actorType: String
    /// The user's or key's ID, when known.
    public let actorID: String?
    /// The request's ID.
    public let requestID: String?
    /// The client's `x-correlation-id`, carried into the events and jobs the change makes.
    public let correlationID: String?
    /// The client's address.
    public let ip: String?
    /// The client's `User-Agent`, cut to 256 characters.
    public let userAgent: String?

    /// Creates a context.
    public init(
        actorType: String, actorID: String?, requestID: String?, ip: String?, userAgent: String?, correlationID: String? = nil
    ) {
        self.actorType = actorType
        self.actorID = actorID
        self.requestID = requestID
        self.correlationID = correlationID
        self.ip = ip
        self.userAgent = userAgent.map { String($0.prefix(256)) }
    }

    /// The same context acting as another actor, such as the user a login just identified.
    public func acting(as actorType: String, id: String) -> AuditContext {
        AuditContext(
            actorType: actorType, actorID: id, requestID: requestID, ip: ip, userAgent: userAgent, correlationID: correlationID)
    }

    /// Changes made from the command line.
    public static let commandLine = AuditContext(
        actorType: "system", actorID: "cli", requestID: nil, ip: nil, userAgent: nil)

    /// Runs started by a project's report schedule.
    public static let schedule = AuditContext(
        actorType: "system", actorID: "schedule", requestID: nil, ip: nil, userAgent: nil)
}

/// One entry of the audit log.
public struct AuditEntry: Sendable, Hashable {
    public let id: Int64
    public let workspaceID: String
    public let actorType: String
    public let actorID: String?
    public let action: String
    public let targetType: String
    public let targetID: String?
    public let requestID: String?
    public let ip: String?
    public let userAgent: String?
    /// What changed, as field → new value; never secrets.
    public let summary: [String: String]
    public let createdAt: Date
}

/// What a list of audit entries is narrowed to.
public struct AuditFilter: Sendable {
    public var actorID: String?
    public var action: String?
    public var targetType: String?
    public var targetID: String?
    public var since: Date?
    public var until: Date?

    public init(
        actorID: String? = nil, action: String? = nil, targetType: String? = nil, targetID: String? = nil,
        since: Date? = nil, until: Date? = nil
    ) {
        self.actorID = actorID
        self.action = action
        self.targetType = targetType
        self.targetID = targetID
        self.since = since
        self.until = until
    }
}

/// Who made a change and in which workspace: what a change needs to be audited.
public struct AuditScope: Sendable {
    public let workspaceID: String
    public let context: AuditContext

    /// Creates a scope.
    public init(workspaceID: String, context: AuditContext) {
        self.workspaceID = workspaceID
        self.context = context
    }
}

/// The append-only audit log. Entries are written inside the transaction of the change they
/// record, so a change and its entry commit together; the schema refuses updates and deletes.
public struct AuditLog: Sendable {
    private let database: any SQLContext

    /// Made from the executor of the change's transaction, so the change and its entry commit
    /// together; from the database to read.
    public init(database: any SQLContext) {
        self.database = database
    }

    /// Appends an entry for a change in a workspace, and announces the change on the
    /// workspace's event topic (`workspace:ID`, type = the action) in the same transaction.
    ///
    /// The event names the action, the target and the actor but not the summary: every member
    /// may follow the workspace topic, while the audit log's details are for admins.
    ///
    /// `alsoAnnouncing` are the change's own events (such as a card's move on its board topic),
    /// appended after the workspace's in one statement: one lock and one wake-up for all.
    public func append(
        workspaceID: String, action: String, targetType: String, targetID: String?, summary: [String: String] = [:],
        context: AuditContext, alsoAnnouncing events: [NewEvent] = [], now: Date
    ) async throws {
        let summaryJSON = try JSONText.encode(summary)
        let event = WorkspaceChange(
            action: action, targetType: targetType, targetId: targetID, actorType: context.actorType, actorId: context.actorID)
        try await database.transaction { executor in
            try await executor.query(
                """
                INSERT INTO audit_log (workspace_id, actor_type, actor_id, action, target_type, target_id,
                    request_id, ip, user_agent, summary, created_at)
                VALUES (\(workspaceID), \(context.actorType), \(context.actorID), \(action), \(targetType), \(targetID),
                    \(context.requestID), \(context.ip), \(context.userAgent), \(summaryJSON), \(now))
                """)
            let workspaceEvent = NewEvent(
                workspaceID: workspaceID, topic: "workspace:\(workspaceID)", type: action, payload: try JSONText.encode(event),
                requestID: context.requestID, correlationID: context.correlationID)
            try await EventLog(database: executor).append(batch: [workspaceEvent] + events, now: now)
        }
    }

    /// The payload of a workspace topic's event.
    private struct WorkspaceChange: Encodable {
        let action: String
        let targetType: String
        let targetId: String?
        let actorType: String
        let actorId: String?
    }

    /// A page of a workspace's entries, newest first, after the entry `before` when given.
    public func list(
        workspaceID: String, filter: AuditFilter, before: Int64?, limit: Int
    ) async throws -> [AuditEntry] {
        var statement: SQLStatement = "SELECT * FROM audit_log WHERE workspace_id = \(workspaceID)"
        if let before { statement.append(" AND id < \(before)") }
        if let actorID = filter.actorID { statement.append(" AND actor_id = \(actorID)") }
        if let action = filter.action { statement.append(" AND action = \(action)") }
        if let targetType = filter.targetType { statement.append(" AND target_type = \(targetType)") }
        if let targetID = filter.targetID { statement.append(" AND target_id = \(targetID)") }
        if let since = filter.since { statement.append(" AND created_at >= \(since)") }
        if let until = filter.until { statement.append(" AND created_at < \(until)") }
        statement.append(" ORDER BY id DESC LIMIT \(limit)")
        let rows = try await database.query(statement)
        return try rows.map(Self.entry)
    }

    private static func entry(_ row: SQLRow) throws -> AuditEntry {
        let summaryText: String = try row.decode("summary")
        let summary = (try? JSONDecoder().decode([String: String].self, from: Data(summaryText.utf8))) ?? [:]
        return AuditEntry(
            id: try row.decode("id"), workspaceID: try row.decode("workspace_id"), actorType: try row.decode("actor_type"),
            actorID: try row.decodeIfPresent("actor_id"), action: try row.decode("action"),
            targetType: try row.decode("target_type"), targetID: try row.decodeIfPresent("target_id"),
            requestID: try row.decodeIfPresent("request_id"), ip: try row.decodeIfPresent("ip"),
            userAgent: try row.decodeIfPresent("user_agent"), summary: summary, createdAt: try row.decode("created_at"))
    }
}
