import BulletinCore
import BulletinStore
import HTTPTypes
import Prometheus
import Synchronization

/// Bulletin's Prometheus metrics: HTTP traffic, the database pool and build info.
///
/// Metrics live in a registry owned by the application (not the process-wide
/// `MetricsSystem`), so several applications in one test process keep separate figures.
public final class HTTPMetrics: Sendable {
    /// The registry `/metrics` renders.
    public let registry: PrometheusCollectorRegistry
    private let inFlight: Gauge
    private let series = Mutex<[SeriesKey: (Counter, DurationHistogram)]>([:])

    private struct SeriesKey: Hashable {
        let method: HTTPRequest.Method
        let route: String
        let status: Int
    }

    /// Durations from 1 ms to 10 s, enough to tell a cache hit from a slow query.
    static let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    /// Creates the metrics and registers the build info.
    public init(databaseDialect: SQLDialect) {
        registry = PrometheusCollectorRegistry()
        inFlight = registry.makeGauge(
            name: "bulletin_http_requests_in_flight", help: "HTTP requests being handled right now.")
        registry.makeGauge(
            name: "bulletin_build_info",
            labels: [("version", BulletinVersion.current), ("database", databaseDialect.rawValue)],
            help: "Always 1; the labels name the running version and database."
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
                registry.makeCounter(
                    name: "bulletin_http_requests_total", labels: labels, help: "HTTP requests answered."),
                registry.makeDurationHistogram(
                    name: "bulletin_http_request_duration_seconds", labels: labels, buckets: Self.buckets,
                    help: "Time from receiving a request to having its response ready.")
            )
            series[key] = made
            return made
        }
        counter.increment()
        histogram.record(duration)
    }

    /// Sets the database pool gauges from the pool's current figures.
    func recordPool(_ statistics: PoolStatistics) {
        registry.makeGauge(name: "bulletin_db_pool_connections_max", help: "Connections the database pool may open.")
            .set(Double(statistics.maximumConnections))
        registry.makeGauge(name: "bulletin_db_pool_connections_in_use", help: "Database connections lent out.")
            .set(Double(statistics.connectionsInUse))
        registry.makeGauge(name: "bulletin_db_pool_waiters", help: "Callers waiting for a database connection.")
            .set(Double(statistics.waiters))
    }
}
