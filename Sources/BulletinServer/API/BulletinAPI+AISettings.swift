import BulletinAI
import BulletinApp
import BulletinCore
import BulletinOpenAPI
import BulletinReports
import BulletinStore

/// The workspace's language-model settings over the installation's: order, budgets, models
/// and keys. Keys are sealed at rest and never returned, logged or audited (only their last
/// four characters are shown).
extension BulletinAPI {
    func getAISettings(_ input: Operations.GetAISettings.Input) async throws -> Operations.GetAISettings.Output {
        let principal = try RequestScope.principal()
        let stored = try await WorkspaceAIRepository(database: services.database).settings(workspaceID: principal.workspaceID)
        return .ok(.init(body: .json(aiSettings(stored))))
    }

    func updateAISettings(_ input: Operations.UpdateAISettings.Input) async throws -> Operations.UpdateAISettings.Output {
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let principal = try RequestScope.principal()
        let repository = WorkspaceAIRepository(database: services.database)
        let current = try await repository.settings(workspaceID: principal.workspaceID)
        let (settings, summary) = try changedAISettings(current, body, workspaceID: principal.workspaceID)
        let audit = AuditScope(workspaceID: principal.workspaceID, context: RequestScope.auditContext())
        try await repository.replace(with: settings, summary: summary, audit: audit, now: services.clock.now())
        return .ok(.init(body: .json(aiSettings(settings))))
    }

    /// The settings after `body`, checked, and what changed in words (no key).
    private func changedAISettings(
        _ current: WorkspaceAISettings, _ body: Components.Schemas.AISettingsInput, workspaceID: String
    ) throws -> (WorkspaceAISettings, [String: String]) {
        var errors: [FieldError] = []
        var settings = WorkspaceAISettings(
            order: body.order?.map(\.rawValue), monthlyMicrodollars: body.monthlyBudgetMicrodollars.map(Int.init),
            runMicrodollars: body.runBudgetMicrodollars.map(Int.init))
        if let order = settings.order, order.isEmpty || Set(order).count != order.count {
            errors.append(FieldError(pointer: "/order", message: "must list providers, each once"))
        }
        for (name, amount) in [
            ("monthlyBudgetMicrodollars", settings.monthlyMicrodollars), ("runBudgetMicrodollars", settings.runMicrodollars),
        ] {
            if let amount, !(0...1_000_000_000_000).contains(amount) {
                errors.append(FieldError(pointer: "/\(name)", message: "must be from 0 to 1000000000000"))
            }
        }
        var summary: [String: String] = [
            "order": settings.order?.joined(separator: ",") ?? "installation",
            "monthlyBudget": settings.monthlyMicrodollars.map(String.init) ?? "installation",
            "runBudget": settings.runMicrodollars.map(String.init) ?? "installation",
        ]
        var listed: Set<String> = []
        for (index, entry) in (body.providers ?? []).enumerated() {
            let name = entry.provider.rawValue
            guard listed.insert(name).inserted else {
                errors.append(FieldError(pointer: "/providers/\(index)/provider", message: "is listed twice"))
                continue
            }
            var provider = current.providers[name] ?? WorkspaceAISettings.Provider()
            provider.model = entry.model
            if let model = entry.model, !(1...200).contains(model.count) || !Self.isVisibleASCII(model) {
                errors.append(FieldError(pointer: "/providers/\(index)/model", message: "must be a model name without spaces"))
            }
            switch (entry.apiKey, entry.removeKey == true) {
            case (.some, true):
                errors.append(FieldError(pointer: "/providers/\(index)/removeKey", message: "cannot be given with apiKey"))
            case (.some(let key), false):
                guard (8...500).contains(key.count), Self.isVisibleASCII(key) else {
                    errors.append(FieldError(pointer: "/providers/\(index)/apiKey", message: "must be 8 to 500 characters without spaces"))
                    continue
                }
                provider.sealedKey = try services.secretKeyring.seal(
                    key, context: WorkspaceAISettings.keyContext(workspaceID: workspaceID, provider: name))
                provider.keyLast4 = String(key.suffix(4))
                summary["\(name).key"] = "set …\(key.suffix(4))"
            case (.none, true):
                provider.sealedKey = nil
                provider.keyLast4 = nil
                summary["\(name).key"] = "removed"
            case (.none, false): break
            }
            summary["\(name).model"] = entry.model ?? "installation"
            settings.providers[name] = provider
        }
        // A provider not listed keeps its key and goes back to the installation's model.
        for (name, provider) in current.providers where !listed.contains(name) && provider.sealedKey != nil {
            settings.providers[name] = WorkspaceAISettings.Provider(sealedKey: provider.sealedKey, keyLast4: provider.keyLast4)
        }
        guard errors.isEmpty else { throw APIError.validation(errors) }
        return (settings, summary)
    }

    /// Whether `text` is visible ASCII only (`!` to `~`), as keys and model names are; the
    /// document's pattern says the same.
    private static func isVisibleASCII(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { (0x21...0x7E).contains($0.value) }
    }

    /// The settings as reports use them: the installation's with the workspace's over them.
    private func aiSettings(_ stored: WorkspaceAISettings) -> Components.Schemas.AISettings {
        let installation = services.configuration.languageModels
        let policy = services.configuration.writingPolicy
        let order = stored.order?.compactMap(ProviderKind.init(rawValue:)) ?? installation.order
        let listed = order + ProviderKind.allCases.filter { !order.contains($0) }
        let providers = listed.map { kind -> Components.Schemas.AIProviderSettings in
            let own = stored.providers[kind.rawValue]
            let keySource: Components.Schemas.AIProviderSettings.KeySourcePayload =
                own?.sealedKey != nil ? .workspace : installation[kind].apiKey != nil ? .installation : .none
            return .init(
                provider: .init(rawValue: kind.rawValue)!, model: own?.model ?? installation[kind].model,
                modelSource: own?.model != nil ? .workspace : .installation, baseUrl: installation[kind].baseURL, keySource: keySource,
                keyLast4: own?.keyLast4)
        }
        return .init(
            providers: providers, order: order.map { .init(rawValue: $0.rawValue)! },
            monthlyBudgetMicrodollars: Int64(stored.monthlyMicrodollars ?? policy.monthlyMicrodollars),
            runBudgetMicrodollars: Int64(stored.runMicrodollars ?? policy.perRunMicrodollars),
            workspace: .init(
                order: stored.order?.compactMap { .init(rawValue: $0) },
                monthlyBudgetMicrodollars: stored.monthlyMicrodollars.map(Int64.init),
                runBudgetMicrodollars: stored.runMicrodollars.map(Int64.init)))
    }
}
