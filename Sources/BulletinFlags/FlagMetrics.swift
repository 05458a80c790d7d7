import Prometheus
import Synchronization

/// `bulletin_flag_evaluations_total{flag, result}`: evaluations by flag and outcome.
///
/// Flag names are chosen by admins, so the label set is bounded: a name the workspace does not
/// define counts as `unknown`, and past ``maximumFlags`` distinct names, further ones count as
/// `other`.
public final class FlagMetrics: Sendable {
    /// The most flag names given series of their own.
    public static let maximumFlags = 200

    private struct Series: Hashable {
        let flag: String
        let enabled: Bool
    }

    private let registry: PrometheusCollectorRegistry
    private let counters = Mutex<[Series: Counter]>([:])

    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    /// Counts one evaluation; `known` says whether the flag exists.
    public func count(flag: String, known: Bool, enabled: Bool) {
        let counter = counters.withLock { counters in
            var series = Series(flag: known ? flag : "unknown", enabled: enabled)
            if let counter = counters[series] { return counter }
            if counters.count >= 2 * Self.maximumFlags { series = Series(flag: "other", enabled: enabled) }
            if let counter = counters[series] { return counter }
            let counter = registry.makeCounter(
                name: "bulletin_flag_evaluations_total",
                labels: [("flag", series.flag), ("result", enabled ? "enabled" : "disabled")])
            counters[series] = counter
            return counter
        }
        counter.increment()
    }
}
