import Foundation

/// One call to a language model as it is recorded: who made it for what, what it used and
/// cost, how long it took, and how it ended.
public struct NewLanguageModelCall: Sendable, Hashable {
    /// How a call ended.
    public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
        /// The model answered (and was paid for).
        case answered
        /// The model failed; tokens the provider reported are still paid for.
        case failed
        /// An identical request's stored answer was reused: nothing was paid.
        case cached
    }

    public var workspaceID: String
    public var projectID: String?
    public var runID: String?
    public var provider: String
    public var model: String
    public var inputTokens: Int
    public var outputTokens: Int
    public var costMicrodollars: Int
    public var latencyMilliseconds: Int
    public var outcome: Outcome

    public init(
        workspaceID: String, projectID: String?, runID: String?, provider: String, model: String, inputTokens: Int,
        outputTokens: Int, costMicrodollars: Int, latencyMilliseconds: Int, outcome: Outcome
    ) {
        self.workspaceID = workspaceID
        self.projectID = projectID
        self.runID = runID
        self.provider = provider
        self.model = model
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.costMicrodollars = costMicrodollars
        self.latencyMilliseconds = latencyMilliseconds
        self.outcome = outcome
    }
}

/// What a group of calls used and cost: one day, provider, model or project.
public struct UsageGroup: Sendable, Hashable {
    /// The day (`2026-12-07`, UTC), provider, model or project ID; `nil` for calls made for
    /// no project.
    public var key: String?
    public var calls: Int
    public var failedCalls: Int
    public var cachedCalls: Int
    public var inputTokens: Int
    public var outputTokens: Int
    public var costMicrodollars: Int

    /// The groups' figures added up, with no key.
    public static func total(of groups: [UsageGroup]) -> UsageGroup {
        var total = UsageGroup(key: nil, calls: 0, failedCalls: 0, cachedCalls: 0, inputTokens: 0, outputTokens: 0, costMicrodollars: 0)
        for group in groups {
            total.calls += group.calls
            total.failedCalls += group.failedCalls
            total.cachedCalls += group.cachedCalls
            total.inputTokens += group.inputTokens
            total.outputTokens += group.outputTokens
            total.costMicrodollars += group.costMicrodollars
        }
        return total
    }
}

/// How usage is grouped.
public enum UsageGrouping: String, Sendable, CaseIterable {
    case day, provider, model, project
}

/// The record of every language-model call, and what the budgets are checked against.
public struct LanguageModelCallRepository: Sendable {
    private let database: any SQLContext

    public init(database: any SQLContext) {
        self.database = database
    }

    /// Records a call.
    public func record(_ call: NewLanguageModelCall, now: Date) async throws {
        try await database.execute(
            """
            INSERT INTO language_model_calls (workspace_id, project_id, run_id, provider, model, input_tokens, output_tokens,
                cost_microdollars, latency_ms, outcome, created_at)
            VALUES (\(call.workspaceID), \(call.projectID), \(call.runID), \(call.provider), \(call.model), \(call.inputTokens),
                \(call.outputTokens), \(call.costMicrodollars), \(call.latencyMilliseconds), \(call.outcome.rawValue), \(now))
            """)
    }

    // A sum of BIGINT is NUMERIC on PostgreSQL: the sums of costs are cast back.

    /// What the workspace's calls since `start` cost, in micro-dollars.
    public func spent(workspaceID: String, since start: Date) async throws -> Int {
        try await sum(
            "SELECT CAST(COALESCE(SUM(cost_microdollars), 0) AS BIGINT) AS spent FROM language_model_calls WHERE workspace_id = \(workspaceID) AND created_at >= \(start)"
        )
    }

    /// What one run's calls cost, in micro-dollars.
    public func spent(runID: String) async throws -> Int {
        try await sum(
            "SELECT CAST(COALESCE(SUM(cost_microdollars), 0) AS BIGINT) AS spent FROM language_model_calls WHERE run_id = \(runID)")
    }

    /// The workspace's calls from `start` until before `end`, grouped, the largest cost first.
    public func usage(workspaceID: String, from start: Date, to end: Date, groupBy grouping: UsageGrouping) async throws -> [UsageGroup] {
        let key: SQLStatement =
            switch grouping {
            case .day:
                database.dialect == .postgresql ? "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')" : "substr(created_at, 1, 10)"
            case .provider: "provider"
            case .model: "model"
            case .project: "project_id"
            }
        let rows = try await database.query(
            """
            SELECT \(key) AS grouped, COUNT(*) AS calls,
                SUM(CASE WHEN outcome = 'failed' THEN 1 ELSE 0 END) AS failed_calls,
                SUM(CASE WHEN outcome = 'cached' THEN 1 ELSE 0 END) AS cached_calls,
                SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens, CAST(SUM(cost_microdollars) AS BIGINT) AS cost
            FROM language_model_calls
            WHERE workspace_id = \(workspaceID) AND created_at >= \(start) AND created_at < \(end)
            GROUP BY \(key) ORDER BY cost DESC, grouped
            """)
        return try rows.map { row in
            UsageGroup(
                key: try row.decodeIfPresent("grouped"), calls: try row.decode("calls"), failedCalls: try row.decode("failed_calls"),
                cachedCalls: try row.decode("cached_calls"), inputTokens: try row.decode("input_tokens"),
                outputTokens: try row.decode("output_tokens"), costMicrodollars: try row.decode("cost"))
        }
    }

    private func sum(_ statement: SQLStatement) async throws -> Int {
        try await database.query(statement).first?.decode("spent", as: Int.self) ?? 0
    }
}
