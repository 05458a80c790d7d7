import BulletinApp
import BulletinCore
import BulletinOpenAPI
import BulletinReports
import BulletinStore
import Foundation

/// What the workspace's language-model calls used and cost, grouped, with this month's budget.
extension BulletinAPI {
    func getUsage(_ input: Operations.GetUsage.Input) async throws -> Operations.GetUsage.Output {
        let principal = try RequestScope.principal()
        let now = services.clock.now()
        let from = input.query.from ?? WritingPolicy.monthStart(of: now)
        let to = input.query.to ?? WritingPolicy.nextMonthStart(after: from)
        let grouping = input.query.groupBy ?? .day
        let calls = LanguageModelCallRepository(database: services.database)
        let groups = try await calls.usage(
            workspaceID: principal.workspaceID, from: from, to: to, groupBy: UsageGrouping(rawValue: grouping.rawValue)!)
        let spent = try await calls.spent(workspaceID: principal.workspaceID, since: WritingPolicy.monthStart(of: now))
        let budget = services.configuration.writingPolicy
        return .ok(
            .init(
                body: .json(
                    .init(
                        from: from, to: to, groupBy: .init(rawValue: grouping.rawValue)!,
                        items: groups.map { group in .init(value1: .init(group), value2: .init(key: group.key)) },
                        total: .init(UsageGroup.total(of: groups)),
                        budget: .init(
                            monthlyMicrodollars: Int64(budget.monthlyMicrodollars), spentMicrodollars: Int64(spent),
                            runMicrodollars: Int64(budget.perRunMicrodollars))))))
    }
}

extension Components.Schemas.UsageFigures {
    init(_ group: UsageGroup) {
        self.init(
            calls: group.calls, failedCalls: group.failedCalls, cachedCalls: group.cachedCalls, inputTokens: group.inputTokens,
            outputTokens: group.outputTokens, costMicrodollars: Int64(group.costMicrodollars),
            cost: Double(group.costMicrodollars) / 1_000_000)
    }
}
