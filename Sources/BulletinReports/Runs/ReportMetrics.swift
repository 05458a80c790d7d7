import BulletinStore
import Prometheus

/// The report runs' Prometheus metrics: how long each stage takes, how runs end, and the
/// language-model calls their writers make (by provider and outcome, with tokens and cost).
public final class ReportMetrics: Sendable {
    /// The stages timed, in order.
    static let stages: [ReportRunState] = [.collecting, .analysing, .writing, .rendering]

    private let stageDurations: [ReportRunState: DurationHistogram]
    private let outcomes: [ReportRunState: Counter]
    private let registry: PrometheusCollectorRegistry

    /// Registers the metrics in `registry`.
    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        let buckets: [Duration] = [
            .milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
            .seconds(2), .seconds(5), .seconds(15), .seconds(60),
        ]
        var durations: [ReportRunState: DurationHistogram] = [:]
        for stage in Self.stages {
            durations[stage] = registry.makeDurationHistogram(
                descriptor: MetricNameDescriptor(
                    namespace: "bulletin", subsystem: "report", metricName: "stage_duration", unitName: "seconds",
                    helpText: "How long each stage of a report run took."),
                labels: [("stage", stage.rawValue)], buckets: buckets)
        }
        stageDurations = durations
        var counters: [ReportRunState: Counter] = [:]
        for outcome in [ReportRunState.ready, .failed, .cancelled] {
            counters[outcome] = registry.makeCounter(
                descriptor: MetricNameDescriptor(
                    namespace: "bulletin", subsystem: "report", metricName: "runs", unitName: "total",
                    helpText: "Report runs that ended, by outcome."),
                labels: [("outcome", outcome.rawValue)])
        }
        outcomes = counters
    }

    /// Records how long a stage took.
    func record(_ stage: ReportRunState, took duration: Duration) {
        stageDurations[stage]?.record(duration)
    }

    /// Counts a run that ended `ready`, `failed` or `cancelled`.
    func count(_ outcome: ReportRunState) {
        outcomes[outcome]?.increment()
    }

    /// Counts a language-model call by provider and outcome (`answered`, `failed`, `cached`,
    /// or `refused` by the budget), with its tokens and cost.
    func countCall(provider: String, outcome: String, inputTokens: Int, outputTokens: Int, microdollars: Int) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "bulletin", subsystem: "ai", metricName: "calls", unitName: "total",
                helpText: "Language-model calls, by provider and outcome."),
            labels: [("provider", provider), ("outcome", outcome)]
        ).increment()
        for (direction, tokens) in [("input", inputTokens), ("output", outputTokens)] where tokens > 0 {
            registry.makeCounter(
                descriptor: MetricNameDescriptor(
                    namespace: "bulletin", subsystem: "ai", metricName: "tokens", unitName: "total",
                    helpText: "Tokens language models read and wrote, by provider."),
                labels: [("provider", provider), ("direction", direction)]
            ).increment(by: Int64(tokens))
        }
        if microdollars > 0 {
            registry.makeCounter(
                descriptor: MetricNameDescriptor(
                    namespace: "bulletin", subsystem: "ai", metricName: "cost_microdollars", unitName: "total",
                    helpText: "What language-model calls cost, in millionths of a US dollar, by provider."),
                labels: [("provider", provider)]
            ).increment(by: Int64(microdollars))
        }
    }
}
