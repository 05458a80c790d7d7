import Foundation

/// An answer kept for a request: who wrote it, what it said, and what it used.
public struct CachedAnswer: Sendable, Hashable {
    public let provider: String
    public let model: String
    public let text: String
    public let inputTokens: Int
    public let outputTokens: Int

    public init(provider: String, model: String, text: String, inputTokens: Int, outputTokens: Int) {
        self.provider = provider
        self.model = model
        self.text = text
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
    }
}

/// Answers of language models kept per workspace for a while, so that an identical request
/// (same provider, model and prompt: the same facts, as when a report is regenerated from
/// unchanged pages) reuses the answer at no cost. Requests are known by a hash the caller
/// makes; a workspace's expired answers are deleted whenever it stores one.
public struct LanguageModelAnswerCache: Sendable {
    private let database: any SQLContext

    public init(database: any SQLContext) {
        self.database = database
    }

    /// The answer stored for the request since `start`, if any.
    public func answer(workspaceID: String, requestHash: String, since start: Date) async throws -> CachedAnswer? {
        let rows = try await database.query(
            """
            SELECT provider, model, answer, input_tokens, output_tokens FROM language_model_answers
            WHERE workspace_id = \(workspaceID) AND request_hash = \(requestHash) AND created_at >= \(start)
            """)
        return try rows.first.map { row in
            CachedAnswer(
                provider: try row.decode("provider"), model: try row.decode("model"), text: try row.decode("answer"),
                inputTokens: try row.decode("input_tokens"), outputTokens: try row.decode("output_tokens"))
        }
    }

    /// Stores (or replaces) the answer to the request, and deletes the workspace's answers
    /// stored before `expiredBefore`.
    public func store(_ answer: CachedAnswer, workspaceID: String, requestHash: String, now: Date, expiredBefore: Date) async throws {
        try await database.transaction { executor in
            try await executor.query(
                "DELETE FROM language_model_answers WHERE workspace_id = \(workspaceID) AND created_at < \(expiredBefore)")
            try await executor.query(
                """
                INSERT INTO language_model_answers (workspace_id, request_hash, provider, model, answer, input_tokens, output_tokens,
                    created_at)
                VALUES (\(workspaceID), \(requestHash), \(answer.provider), \(answer.model), \(answer.text), \(answer.inputTokens),
                    \(answer.outputTokens), \(now))
                ON CONFLICT (workspace_id, request_hash) DO UPDATE SET provider = excluded.provider, model = excluded.model,
                    answer = excluded.answer, input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens,
                    created_at = excluded.created_at
                """)
        }
    }
}
