import BulletinCore
import BulletinStore
import HTTPTypes
import Prometheus
import Synchronization

/// Bulletin's Prometheus metrics: HTTP traffic, the database pool and build info.
///
/// Metrics live in a registry owned by the application (not the process-wide
/// `MetricsSystem`), so several applications in one test process keep separate figures.
public final class ServerMetrics: Sendable {
    /// The registry `/metrics` renders.
    public let registry: PrometheusCollectorRegistry
    private let inFlight: Gauge
    private let poolMaximum: Gauge
    private let poolInUse: Gauge
    private let poolWaiters: Gauge
    private let series = Mutex<[SeriesKey: (Counter, DurationHistogram)]>([:])

    private struct SeriesKey: Hashable {
        let method: HTTPRequest.Method
        let route: String
        let status: Int
    }

    private static var requests: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "bulletin", subsystem: "http", metricName: "requests", unitName: "total",
            helpText: "HTTP requests answered.")
    }
    private static var requestDuration: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "bulletin", subsystem: "http", metricName: "request_duration", unitName: "seconds",
            helpText: "Time from receiving a request to having its response ready.")
    }

    /// Durations from 1 ms to 10 s, enough to tell a cache hit from a slow query.
    static let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    /// Creates the metrics and registers the build info.
    public init(databaseDialect: SQLDialect) {
        let registry = PrometheusCollectorRegistry()
        func gauge(_ subsystem: String, _ name: String, _ help: String) -> Gauge {
            registry.makeGauge(
                descriptor: MetricNameDescriptor(
                    namespace: "bulletin", subsystem: subsystem, metricName: name, unitName: "", helpText: help))
        }
        self.registry = registry
        inFlight = gauge("http", "requests_in_flight", "HTTP requests being handled right now.")
        poolMaximum = gauge("db_pool", "connections_max", "Connections the database pool may open.")
        poolInUse = gauge("db_pool", "connections_in_use", "Database connections lent out.")
        poolWaiters = gauge("db_pool", "waiters", "Callers waiting for a database connection.")
        registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "bulletin", metricName: "build_info", unitName: "",
                helpText: "Always 1; the labels name the running version and database."),
            labels: [("version", BulletinVersion.current), ("database", databaseDialect.rawValue)]
        ).set(1.0)
    }

    func requestStarted() { inFlight.increment() }
    func requestFinished() { inFlight.decrement() }

    /// Counts a finished request and records its duration, labelled by the route template.
    func record(method: HTTPRequest.Method, route: String, status: HTTPResponse.Status, duration: Duration) {
        let key = SeriesKey(method: method, route: route, status: status.code)
        let (counter, histogram) = series.withLock { series in
            if let existing = series[key] { return existing }
            let labels = [("method", method.rawValue), ("route", route), ("status", String(status.code))]
            let made = (
                registry.makeCounter(descriptor: Self.requests, labels: labels),
                registry.makeDurationHistogram(descriptor: Self.requestDuration, labels: labels, buckets: Self.buckets)
            )
            series[key] = made
            return made
        }
        counter.increment()
        histogram.record(duration)
    }

    /// Sets the database pool gauges from the pool's current figures.
    func recordPool(_ statistics: PoolStatistics) {
        poolMaximum.set(Double(statistics.maximumConnections))
        poolInUse.set(Double(statistics.connectionsInUse))
        poolWaiters.set(Double(statistics.waiters))
    }
}
