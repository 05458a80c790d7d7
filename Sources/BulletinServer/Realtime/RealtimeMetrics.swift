import Prometheus
import Synchronization

/// The realtime streams' Prometheus metrics: open connections by transport, events seen and
/// delivered, slow consumers cut off, and the lag from commit to delivery.
final class RealtimeMetrics: Sendable {
    private let registry: PrometheusCollectorRegistry
    private let connections = Mutex<[String: Gauge]>([:])
    let appended: Counter
    let delivered: Counter
    let slowConsumers: Counter
    let lag: DurationHistogram

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        appended = registry.makeCounter(
            name: "bulletin_events_appended_total", help: "Events read from the log by this node, once each.")
        delivered = registry.makeCounter(
            name: "bulletin_events_delivered_total", help: "Events handed to subscribers on this node.")
        slowConsumers = registry.makeCounter(
            name: "bulletin_realtime_slow_consumer_disconnects_total",
            help: "Subscribers disconnected for falling too far behind.")
        lag = registry.makeDurationHistogram(
            name: "bulletin_events_delivery_lag_seconds",
            buckets: [
                .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
            ],
            help: "From an event's commit time to its delivery to a subscriber on this node.")
    }

    /// The gauge of open connections over a transport (`sse`, `websocket`).
    func connections(_ transport: String) -> Gauge {
        connections.withLock { gauges in
            if let gauge = gauges[transport] { return gauge }
            let gauge = registry.makeGauge(
                name: "bulletin_realtime_connections", labels: [("transport", transport)], help: "Open realtime streams.")
            gauges[transport] = gauge
            return gauge
        }
    }
}
