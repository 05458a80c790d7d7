import BulletinAI
import BulletinCore
import BulletinStore
import Crypto
import Foundation
import Synchronization

/// Keeps one run's language-model calls within the budgets and records each of them.
///
/// Before a call it reserves what the call could cost at most (the prompt's estimated tokens
/// plus the longest answer allowed, at the model's price) against the workspace's month and
/// the run's cap, counting what was spent and what calls in flight on this node have
/// reserved; a call that does not fit is not made. After it, the call is recorded with what
/// it really used, and the reservation released. Admins are told when the month's spending
/// passes 80 % and 100 %.
final class UsageMeter: Sendable {
    /// Calls in flight on this node, per workspace: what they reserved, in micro-dollars.
    final class Reservations: Sendable {
        private let reserved = Mutex<[String: Int]>([:])

        func reserve(_ amount: Int, workspaceID: String, fits: (Int) -> Bool) -> Bool {
            reserved.withLock { reserved in
                guard fits(reserved[workspaceID, default: 0]) else { return false }
                reserved[workspaceID, default: 0] += amount
                return true
            }
        }

        func release(_ amount: Int, workspaceID: String) {
            reserved.withLock { reserved in
                reserved[workspaceID, default: 0] -= amount
                if reserved[workspaceID] == 0 { reserved[workspaceID] = nil }
            }
        }
    }

    let run: ReportRun
    private let database: any Database
    private let prices: PriceTable
    private let policy: WritingPolicy
    private let reservations: Reservations
    private let metrics: ReportMetrics
    private let clock: WallClock
    /// What this run's calls in flight reserved.
    private let runReserved = Mutex(0)
    private let refusedAny = Mutex(false)

    init(
        run: ReportRun, database: any Database, prices: PriceTable, policy: WritingPolicy, reservations: Reservations,
        metrics: ReportMetrics, clock: WallClock
    ) {
        self.run = run
        self.database = database
        self.prices = prices
        self.policy = policy
        self.reservations = reservations
        self.metrics = metrics
        self.clock = clock
    }

    /// Whether the budget refused a call of this run.
    var refusedCalls: Bool { refusedAny.withLock { $0 } }

    /// The first instant of the current month, UTC: the monthly budget counts from it.
    var monthStart: Date { WritingPolicy.monthStart(of: clock.now()) }

    /// Reserves the most `prompt` can cost on `model`, or refuses.
    /// - Returns: The amount reserved, for ``settle(_:reserved:answer:…)``.
    /// - Throws: ``ProviderFailure`` `.overBudget` when the call does not fit.
    func reserve(_ prompt: Prompt, on model: any LanguageModel) async throws -> Int {
        let most = TokenUsage(input: TokenUsage.estimated(prompt: prompt, answer: "").input, output: prompt.maxOutputTokens)
        let amount = prices.price(of: model.model).microdollars(for: most)
        let calls = LanguageModelCallRepository(database: database)
        let month = try await calls.spent(workspaceID: run.workspaceID, since: monthStart)
        let spentByRun = try await calls.spent(runID: run.id)
        let fits = reservations.reserve(amount, workspaceID: run.workspaceID) { pending in
            runReserved.withLock { reservedByRun in
                guard month + pending + amount <= policy.monthlyMicrodollars,
                    spentByRun + reservedByRun + amount <= policy.perRunMicrodollars
                else { return false }
                reservedByRun += amount
                return true
            }
        }
        guard fits else {
            refusedAny.withLock { $0 = true }
            metrics.countCall(provider: model.provider.rawValue, outcome: "refused", inputTokens: 0, outputTokens: 0, microdollars: 0)
            throw ProviderFailure(model.provider, .overBudget, "the call could cost more than the budget has left")
        }
        return amount
    }

    /// Records a call that was made, releases its reservation, and tells the admins when the
    /// month's spending passed 80 % or 100 % of the budget with it.
    func settle(
        _ model: any LanguageModel, reserved: Int, usage: TokenUsage, outcome: NewLanguageModelCall.Outcome, took latency: Duration
    ) async throws {
        defer {
            reservations.release(reserved, workspaceID: run.workspaceID)
            runReserved.withLock { $0 -= reserved }
        }
        let cost = outcome == .cached ? 0 : prices.price(of: model.model).microdollars(for: usage)
        let calls = LanguageModelCallRepository(database: database)
        let now = clock.now()
        try await calls.record(
            NewLanguageModelCall(
                workspaceID: run.workspaceID, projectID: run.projectID, runID: run.id, provider: model.provider.rawValue,
                model: model.model, inputTokens: usage.input, outputTokens: usage.output, costMicrodollars: cost,
                latencyMilliseconds: Int((latency / .milliseconds(1)).rounded()), outcome: outcome),
            now: now)
        metrics.countCall(
            provider: model.provider.rawValue, outcome: outcome.rawValue, inputTokens: usage.input, outputTokens: usage.output,
            microdollars: cost)
        guard cost > 0, policy.monthlyMicrodollars > 0 else { return }
        let after = try await calls.spent(workspaceID: run.workspaceID, since: monthStart)
        for percent in Self.thresholdsCrossed(from: after - cost, to: after, budget: policy.monthlyMicrodollars) {
            try await NotificationRepository(database: database).notifyAdmins(
                workspaceID: run.workspaceID, type: "ai.budget-\(percent)",
                title: "Language models have used \(percent) % of this month's budget",
                body: percent == 100
                    ? "Reports are written offline until the month ends or the budget is raised."
                    : "\(Self.dollars(after)) of \(Self.dollars(policy.monthlyMicrodollars)) spent this month.",
                link: "/v1/usage", now: now)
        }
    }

    /// The answer kept for an identical request, if the cache holds one still fresh.
    func cachedAnswer(_ prompt: Prompt, on model: any LanguageModel) async throws -> LanguageModelAnswer? {
        guard policy.cacheLifetime > .zero,
            let cached = try await LanguageModelAnswerCache(database: database).answer(
                workspaceID: run.workspaceID, requestHash: Self.requestHash(prompt, model),
                since: clock.now().addingTimeInterval(-policy.cacheLifetime.timeInterval)),
            let provider = ProviderKind(rawValue: cached.provider)
        else { return nil }
        return LanguageModelAnswer(
            provider: provider, model: cached.model, text: cached.text,
            usage: TokenUsage(input: cached.inputTokens, output: cached.outputTokens))
    }

    /// Keeps an answer for identical requests.
    func keep(_ answer: LanguageModelAnswer, for prompt: Prompt, on model: any LanguageModel) async throws {
        guard policy.cacheLifetime > .zero else { return }
        let now = clock.now()
        try await LanguageModelAnswerCache(database: database).store(
            CachedAnswer(
                provider: answer.provider.rawValue, model: answer.model, text: answer.text, inputTokens: answer.usage.input,
                outputTokens: answer.usage.output),
            workspaceID: run.workspaceID, requestHash: Self.requestHash(prompt, model), now: now,
            expiredBefore: now.addingTimeInterval(-policy.cacheLifetime.timeInterval))
    }

    /// What makes two requests the same: provider, model, both messages, the answer's length
    /// and format (SHA-256, hex).
    static func requestHash(_ prompt: Prompt, _ model: any LanguageModel) -> String {
        let fields = [
            model.provider.rawValue, model.model, prompt.system, prompt.user, String(prompt.maxOutputTokens), String(prompt.expectsJSON),
        ]
        let digest = SHA256.hash(data: Data(fields.joined(separator: "\u{0}").utf8))
        return digest.map { String(format: "%02x", $0) }.joined()
    }

    /// The shares of the budget (80 and 100 %) that spending passed going from `before` to
    /// `after`: each is announced once a month, by the call that passes it.
    static func thresholdsCrossed(from before: Int, to after: Int, budget: Int) -> [Int] {
        [80, 100].filter { percent in
            let line = budget * percent / 100
            return before < line && after >= line
        }
    }

    /// Micro-dollars as people read dollars: `$1.25`.
    static func dollars(_ microdollars: Int) -> String {
        String(format: "$%.2f", Double(microdollars) / 1_000_000)
    }
}

/// A model whose calls the run's ``UsageMeter`` admits and records, and whose answers are
/// reused for an identical request within the cache's lifetime (recorded as `cached`, at no cost).
struct MeteredModel: LanguageModel {
    let base: any LanguageModel
    let meter: UsageMeter

    var provider: ProviderKind { base.provider }
    var model: String { base.model }

    func complete(_ prompt: Prompt, onText: @escaping @Sendable (String) async -> Void) async throws -> LanguageModelAnswer {
        if let cached = try await meter.cachedAnswer(prompt, on: base) {
            await onText(cached.text)
            try await meter.settle(base, reserved: 0, usage: cached.usage, outcome: .cached, took: .zero)
            return cached
        }
        let reserved = try await meter.reserve(prompt, on: base)
        let started = ContinuousClock.now
        do {
            let answer = try await base.complete(prompt, onText: onText)
            try await meter.settle(base, reserved: reserved, usage: answer.usage, outcome: .answered, took: .now - started)
            try await meter.keep(answer, for: prompt, on: base)
            return answer
        } catch {
            // A failed call is recorded with no tokens: providers do not bill a refused or cut request.
            try? await meter.settle(
                base, reserved: reserved, usage: TokenUsage(input: 0, output: 0), outcome: .failed, took: .now - started)
            throw error
        }
    }
}
