import Foundation

/// What a workspace set for its language models, over the installation's defaults: `nil`
/// means "as the installation says".
public struct WorkspaceAISettings: Sendable, Hashable {
    /// A provider as the workspace set it.
    public struct Provider: Sendable, Hashable {
        public var model: String?
        /// Its key, sealed (never stored or returned in the clear).
        public var sealedKey: SealedSecret?
        /// The key's last four characters, to show which key is set.
        public var keyLast4: String?

        public init(model: String? = nil, sealedKey: SealedSecret? = nil, keyLast4: String? = nil) {
            self.model = model
            self.sealedKey = sealedKey
            self.keyLast4 = keyLast4
        }
    }

    /// Provider names (`openai`, `anthropic`, `gemini`) in the order reports try them.
    public var order: [String]?
    public var monthlyMicrodollars: Int?
    public var runMicrodollars: Int?
    /// By provider name.
    public var providers: [String: Provider]

    public init(order: [String]? = nil, monthlyMicrodollars: Int? = nil, runMicrodollars: Int? = nil, providers: [String: Provider] = [:]) {
        self.order = order
        self.monthlyMicrodollars = monthlyMicrodollars
        self.runMicrodollars = runMicrodollars
        self.providers = providers
    }

    /// What a key of `provider` in `workspaceID` is sealed against: a sealed key copied to
    /// another workspace or provider does not open.
    public static func keyContext(workspaceID: String, provider: String) -> String {
        "workspace:\(workspaceID)/provider:\(provider)"
    }
}

/// Each workspace's language-model settings; changes are audited without the keys (a key is
/// named by its last four characters).
public struct WorkspaceAIRepository: Sendable {
    private let database: any SQLContext

    public init(database: any SQLContext) {
        self.database = database
    }

    /// The workspace's settings (empty when it never changed any).
    public func settings(workspaceID: String) async throws -> WorkspaceAISettings {
        try await database.read { executor in
            var settings = WorkspaceAISettings()
            if let row = try await executor.query(
                """
                SELECT provider_order, monthly_budget_microdollars, run_budget_microdollars FROM workspace_ai_settings
                WHERE workspace_id = \(workspaceID)
                """
            ).first {
                settings.order = try row.decodeIfPresent("provider_order", as: String.self).map {
                    $0.split(separator: ",").map(String.init)
                }
                settings.monthlyMicrodollars = try row.decodeIfPresent("monthly_budget_microdollars")
                settings.runMicrodollars = try row.decodeIfPresent("run_budget_microdollars")
            }
            for row in try await executor.query(
                "SELECT provider, model, key_id, sealed_key, key_last4 FROM workspace_ai_providers WHERE workspace_id = \(workspaceID)")
            {
                let sealed = try row.decodeIfPresent("key_id", as: String.self).map { keyID in
                    SealedSecret(keyID: keyID, box: try row.decode("sealed_key", as: [UInt8].self))
                }
                settings.providers[try row.decode("provider")] = WorkspaceAISettings.Provider(
                    model: try row.decodeIfPresent("model"), sealedKey: sealed, keyLast4: try row.decodeIfPresent("key_last4"))
            }
            return settings
        }
    }

    /// Replaces the workspace's settings with `settings` (checked by the caller) and audits
    /// what changed; `summary` says it without any key.
    public func replace(with settings: WorkspaceAISettings, summary: [String: String], audit: AuditScope, now: Date) async throws {
        try await database.transaction { executor in
            let order = settings.order?.joined(separator: ",")
            try await executor.query(
                """
                INSERT INTO workspace_ai_settings (workspace_id, provider_order, monthly_budget_microdollars, run_budget_microdollars,
                    updated_at)
                VALUES (\(audit.workspaceID), \(order), \(settings.monthlyMicrodollars), \(settings.runMicrodollars), \(now))
                ON CONFLICT (workspace_id) DO UPDATE SET provider_order = excluded.provider_order,
                    monthly_budget_microdollars = excluded.monthly_budget_microdollars,
                    run_budget_microdollars = excluded.run_budget_microdollars, updated_at = excluded.updated_at
                """)
            try await executor.query("DELETE FROM workspace_ai_providers WHERE workspace_id = \(audit.workspaceID)")
            for (provider, entry) in settings.providers.sorted(by: { $0.key < $1.key }) {
                try await executor.query(
                    """
                    INSERT INTO workspace_ai_providers (workspace_id, provider, model, key_id, sealed_key, key_last4, updated_at)
                    VALUES (\(audit.workspaceID), \(provider), \(entry.model), \(entry.sealedKey?.keyID), \(entry.sealedKey?.box),
                        \(entry.keyLast4), \(now))
                    """)
            }
            try await AuditLog(database: executor).append(
                workspaceID: audit.workspaceID, action: "ai.settings", targetType: "workspace", targetID: audit.workspaceID,
                summary: summary, context: audit.context, now: now)
        }
    }

    /// Every workspace's sealed keys, for a rotation: workspace, provider, sealed key.
    public func sealedKeys() async throws -> [(workspaceID: String, provider: String, sealed: SealedSecret)] {
        try await database.query("SELECT workspace_id, provider, key_id, sealed_key FROM workspace_ai_providers WHERE key_id IS NOT NULL")
            .map { row in
                (
                    try row.decode("workspace_id"), try row.decode("provider"),
                    SealedSecret(keyID: try row.decode("key_id"), box: try row.decode("sealed_key"))
                )
            }
    }

    /// Replaces one sealed key with the same key sealed again (by a rotation's new key).
    public func reseal(workspaceID: String, provider: String, with sealed: SealedSecret, now: Date) async throws {
        try await database.execute(
            """
            UPDATE workspace_ai_providers SET key_id = \(sealed.keyID), sealed_key = \(sealed.box), updated_at = \(now)
            WHERE workspace_id = \(workspaceID) AND provider = \(provider)
            """)
    }
}
