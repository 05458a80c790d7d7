import BulletinAI
import BulletinCore
import BulletinStore
import Foundation

/// Chooses each run's writer: language models, in the configured order with the offline
/// writer last, when any provider has a key; the offline writer alone otherwise.
///
/// One per process: the providers' circuit breakers and the budget reservations of calls in
/// flight are shared by every run it writes.
public struct ReportWriters: Sendable {
    let settings: LanguageModelSettings
    let prices: PriceTable
    let policy: WritingPolicy
    let retry: FallbackChain.Retry
    /// What opens the keys workspaces set; `nil`: workspaces' keys are not used.
    let keyring: SecretKeyring?
    private let breakers: [ProviderKind: CircuitBreaker]
    private let reservations = UsageMeter.Reservations()

    /// - Parameters:
    ///   - settings: The providers, their keys and order.
    ///   - retry: How often and how long one model is retried.
    ///   - keyring: What opens the keys workspaces set.
    public init(
        settings: LanguageModelSettings, prices: PriceTable = PriceTable(), policy: WritingPolicy = WritingPolicy(),
        retry: FallbackChain.Retry = FallbackChain.Retry(), keyring: SecretKeyring? = nil
    ) {
        self.settings = settings
        self.keyring = keyring
        self.prices = prices
        self.policy = policy
        self.retry = retry
        breakers = Dictionary(uniqueKeysWithValues: ProviderKind.allCases.map { ($0, CircuitBreaker()) })
    }

    /// The writer of one run: the installation's settings with what its workspace set over
    /// them. `onText` gets each part's text as it is written.
    func writer(
        for run: ReportRun, database: any Database, metrics: ReportMetrics, clock: WallClock,
        onText: @escaping @Sendable (_ part: String, _ text: String) async -> Void
    ) async throws -> any ReportWriter {
        let (settings, policy) = try await effective(for: run, database: database, now: clock.now())
        guard settings.isConfigured else { return OfflineWriter() }
        let meter = UsageMeter(
            run: run, database: database, prices: prices, policy: policy, reservations: reservations, metrics: metrics, clock: clock)
        let links = settings.models().map { model in
            FallbackChain.Link(model: MeteredModel(base: model, meter: meter), breaker: breakers[model.provider]!)
        }
        return AIWriter(
            links: links, retry: retry, concurrentParts: policy.concurrentSections, onText: onText,
            onFinished: { attention, budgetRefused in
                try? await Self.tellAdmins(
                    attention: attention, budgetRefused: budgetRefused, run: run, database: database, now: clock.now())
            },
            budgetRefused: { meter.refusedCalls })
    }

    /// The installation's settings and policy with the workspace's over them: its order,
    /// budgets, models and keys. A key that does not open (a key file without the key that
    /// sealed it) is left out, and the admins are told.
    func effective(for run: ReportRun, database: any Database, now: Date) async throws -> (LanguageModelSettings, WritingPolicy) {
        let workspace = try await WorkspaceAIRepository(database: database).settings(workspaceID: run.workspaceID)
        var settings = self.settings
        var policy = self.policy
        if let order = workspace.order { settings.order = order.compactMap(ProviderKind.init(rawValue:)) }
        policy.monthlyMicrodollars = workspace.monthlyMicrodollars ?? policy.monthlyMicrodollars
        policy.perRunMicrodollars = workspace.runMicrodollars ?? policy.perRunMicrodollars
        for (name, entry) in workspace.providers {
            guard let kind = ProviderKind(rawValue: name) else { continue }
            if let model = entry.model { settings[kind].model = model }
            guard let sealed = entry.sealedKey else { continue }
            do {
                guard let keyring else { throw SecretKeyring.Failure.unknownKey(sealed.keyID) }
                let context = WorkspaceAISettings.keyContext(workspaceID: run.workspaceID, provider: name)
                settings[kind].apiKey = ProviderKey(try keyring.unseal(sealed, context: context))
            } catch {
                try await NotificationRepository(database: database).notifyAdmins(
                    workspaceID: run.workspaceID, type: "ai.key-unreadable", title: "A provider key could not be read",
                    body:
                        "\(kind.displayName)'s key for this workspace did not open (\(error)); set it again, or give this node the secrets key file that sealed it.",
                    now: now)
            }
        }
        return (settings, policy)
    }

    /// One notification per run: which provider refused its key or request, and whether the
    /// budget left parts to the offline writer.
    private static func tellAdmins(
        attention: [FallbackChain.Attempt], budgetRefused: Bool, run: ReportRun, database: any Database, now: Date
    ) async throws {
        let notifications = NotificationRepository(database: database)
        let link = "/v1/projects/\(run.projectID)/reports/latest"
        let refused = Set(attention.map { AIWriter.reason($0) }).sorted()
        if !refused.isEmpty {
            try await notifications.notifyAdmins(
                workspaceID: run.workspaceID, type: "ai.provider-refused", title: "A language-model provider refused its calls",
                body: refused.joined(separator: "; ") + ". Check the key and model; the next provider wrote the report meanwhile.",
                link: link, now: now)
        }
        if budgetRefused {
            try await notifications.notifyAdmins(
                workspaceID: run.workspaceID, type: "ai.budget-reached", title: "The language-model budget stopped a report's calls",
                body: "Parts of the report were written by a cheaper model or offline. Raise the budget or wait for the next month.",
                link: link, now: now)
        }
    }
}
