import Prometheus
import Synchronization

/// The jobs' Prometheus metrics: jobs by outcome, run and wait times, and queue depth,
/// labelled by queue and kind (both come from code, so the label sets stay small).
public final class JobMetrics: Sendable {
    /// The outcomes counted, one counter each.
    public enum Outcome: String, Sendable, CaseIterable {
        case enqueued, completed, failed, discarded, cancelled
    }

    private struct Series: Hashable {
        let name: String
        let queue: String
        let kind: String
    }

    private let registry: PrometheusCollectorRegistry
    private let counters = Mutex<[Series: Counter]>([:])
    private let histograms = Mutex<[Series: DurationHistogram]>([:])
    private let depths = Mutex<[String: Gauge]>([:])

    /// Run and wait times from 1 ms to 30 minutes.
    static let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(50), .milliseconds(100),
        .milliseconds(500), .seconds(1), .seconds(5), .seconds(10), .seconds(30), .seconds(60), .seconds(300),
        .seconds(1800),
    ]

    /// Creates the metrics in a registry that `/metrics` renders.
    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    /// Counts jobs of a queue and kind reaching an outcome.
    public func count(_ outcome: Outcome, queue: String, kind: String, by amount: Int = 1) {
        let series = Series(name: outcome.rawValue, queue: queue, kind: kind)
        let counter = counters.withLock { counters in
            if let counter = counters[series] { return counter }
            let counter = registry.makeCounter(
                descriptor: MetricNameDescriptor(
                    namespace: "bulletin", subsystem: "jobs", metricName: outcome.rawValue, unitName: "total",
                    helpText: "Jobs \(outcome.rawValue) (failed: attempts that failed and will be retried)."),
                labels: [("queue", queue), ("kind", kind)])
            counters[series] = counter
            return counter
        }
        counter.increment(by: Int64(amount))
    }

    /// Records how long an attempt ran.
    public func recordRun(_ duration: Duration, queue: String, kind: String) {
        histogram("run_duration", "Time from a job's start to its end, per attempt.", queue: queue, kind: kind).record(duration)
    }

    /// Records how long a job waited between being due and starting.
    public func recordWait(_ duration: Duration, queue: String, kind: String) {
        histogram("wait_time", "Time from a job being due to a worker starting it.", queue: queue, kind: kind).record(duration)
    }

    /// Sets the number of jobs waiting in a queue.
    public func setDepth(_ depth: Int, queue: String) {
        let gauge = depths.withLock { depths in
            if let gauge = depths[queue] { return gauge }
            let gauge = registry.makeGauge(
                descriptor: MetricNameDescriptor(
                    namespace: "bulletin", subsystem: "jobs", metricName: "queue_depth", unitName: "",
                    helpText: "Jobs available, scheduled or retryable, by queue."),
                labels: [("queue", queue)])
            depths[queue] = gauge
            return gauge
        }
        gauge.set(Double(depth))
    }

    private func histogram(_ name: String, _ help: String, queue: String, kind: String) -> DurationHistogram {
        let series = Series(name: name, queue: queue, kind: kind)
        return histograms.withLock { histograms in
            if let histogram = histograms[series] { return histogram }
            let histogram = registry.makeDurationHistogram(
                descriptor: MetricNameDescriptor(
                    namespace: "bulletin", subsystem: "jobs", metricName: name, unitName: "seconds", helpText: help),
                labels: [("queue", queue), ("kind", kind)], buckets: Self.buckets)
            histograms[series] = histogram
            return histogram
        }
    }
}
