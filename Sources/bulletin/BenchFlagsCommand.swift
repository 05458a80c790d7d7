import ArgumentParser
import BulletinCore
import Foundation

/// `bulletin bench flags`: times in-process flag evaluation, the hot path handlers and jobs
/// take, on the reference flag: a 30 % flexibleRollout with two constraints.
struct BenchFlagsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flags",
        abstract: "Time flag evaluation: a flexibleRollout with two constraints; print p50/p99 per evaluation.",
        discussion: """
            Evaluates in batches of 1,000 distinct users whose context passes both constraints, so \
            every evaluation hashes; each batch's time divided by 1,000 is one sample. No database \
            is involved: evaluation reads a compiled snapshot.
            """)

    @Option(help: "How many batches of 1,000 evaluations to time.") var batches = 2_000

    func run() async throws {
        let flags = FlagSet(
            FlagCollection(features: [
                FlagDefinition(
                    name: "immediate-reports", enabled: true,
                    strategies: [
                        FlagStrategy(
                            name: "flexibleRollout",
                            parameters: ["rollout": "30", "stickiness": "default", "groupId": "immediate-reports"],
                            constraints: [
                                FlagConstraint(contextName: "environment", operator: "IN", values: ["production", "staging"]),
                                FlagConstraint(contextName: "plan", operator: "IN", values: ["team", "enterprise"]),
                            ])
                    ])
            ]))
        let contexts = (0..<1000).map {
            FlagContext(userId: "user-\($0)", environment: "production", properties: ["plan": "team"])
        }
        let now = Date()
        var enabled = 0
        var samples: [Double] = []
        samples.reserveCapacity(batches)
        let clock = ContinuousClock()
        for _ in 0..<max(1, batches) {
            let elapsed = clock.measure {
                for index in contexts.indices where flags.isEnabled("immediate-reports", context: contexts[index], now: now) {
                    enabled += 1
                }
            }
            samples.append(elapsed.timeInterval / Double(contexts.count))
        }
        guard let percentiles = Percentiles(of: samples) else { return }
        let share = Double(enabled) / Double(samples.count * contexts.count) * 100
        print(
            String(
                format: "flag evaluation: p50 %.0f ns, p99 %.0f ns per evaluation (%.0f evaluations/s on one core); %.1f %% enabled",
                percentiles.p50 * 1e9, percentiles.p99 * 1e9, 1 / percentiles.p50, share))
    }
}
