extension Schema {
    /// The tables of migration 16: one row per language-model call (costs are whole
    /// micro-dollars, so sums are exact; a workspace's calls are read by time for usage and
    /// the monthly budget, a run's by run for its cap); the answers kept for identical
    /// requests, by workspace and a hash of the request; and each workspace's own settings:
    /// the providers' order, budgets, and per provider a model and a key sealed with AES-GCM.
    static func languageModelCallTables(timestamp: String, identity: String, bytes: String) -> [String] {
        [
            """
            CREATE TABLE language_model_calls (
                id \(identity),
                workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
                project_id TEXT, run_id TEXT,
                provider TEXT NOT NULL, model TEXT NOT NULL,
                input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, cost_microdollars BIGINT NOT NULL,
                latency_ms INTEGER NOT NULL,
                outcome TEXT NOT NULL CHECK (outcome IN ('answered', 'failed', 'cached')),
                created_at \(timestamp) NOT NULL)
            """,
            "CREATE INDEX language_model_calls_workspace ON language_model_calls (workspace_id, created_at)",
            "CREATE INDEX language_model_calls_run ON language_model_calls (run_id) WHERE run_id IS NOT NULL",
            """
            CREATE TABLE language_model_answers (
                workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
                request_hash TEXT NOT NULL, provider TEXT NOT NULL, model TEXT NOT NULL, answer TEXT NOT NULL,
                input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, created_at \(timestamp) NOT NULL,
                PRIMARY KEY (workspace_id, request_hash))
            """,
            "CREATE INDEX language_model_answers_age ON language_model_answers (workspace_id, created_at)",
            """
            CREATE TABLE workspace_ai_settings (
                workspace_id TEXT PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
                provider_order TEXT, monthly_budget_microdollars BIGINT, run_budget_microdollars BIGINT,
                updated_at \(timestamp) NOT NULL)
            """,
            """
            CREATE TABLE workspace_ai_providers (
                workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
                provider TEXT NOT NULL CHECK (provider IN ('openai', 'anthropic', 'gemini')),
                model TEXT, key_id TEXT, sealed_key \(bytes), key_last4 TEXT, updated_at \(timestamp) NOT NULL,
                PRIMARY KEY (workspace_id, provider))
            """,
        ]
    }
}
