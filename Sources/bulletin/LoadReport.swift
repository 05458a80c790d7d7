import BulletinCore
import Foundation

/// The summary of a load test: per operation, the count, the nearest-rank percentiles of the
/// recorded latencies and the errors; then the error rate and the achieved rate.
struct LoadReport {
    /// One operation's figures; `latency` is `nil` when it ran no request.
    struct Line {
        let operation: BoardOperation
        let count: Int
        let errors: Int
        let latency: Percentiles?
    }

    let lines: [Line]
    /// Why each failed request failed, by operation: `move: status 500 …`.
    let failures: [String]
    let total: Int
    let errors: Int
    /// Answered requests per second, over the whole run.
    let achieved: Double

    init(_ result: LoadResult) {
        lines = BoardOperation.allCases.map { operation in
            let samples = result.samples.filter { $0.operation == operation }
            return Line(
                operation: operation, count: samples.count, errors: samples.count { $0.failed },
                latency: Percentiles(of: samples.map(\.milliseconds)))
        }
        failures = result.samples.compactMap { sample in sample.failure.map { "\(sample.operation.rawValue): \($0)" } }
        total = result.samples.count
        errors = result.samples.count { $0.failed }
        achieved = Double(total) / max(result.elapsed.timeInterval, 1e-9)
    }

    /// The most frequent reasons of failure with their counts, most frequent first.
    func commonFailures(limit: Int = 5) -> [(reason: String, count: Int)] {
        let counts = Dictionary(grouping: failures, by: { $0 }).mapValues(\.count)
        return counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(limit).map { ($0.key, $0.value) }
    }

    /// The error rate in percent.
    var errorRate: Double { total == 0 ? 0 : Double(errors) * 100 / Double(total) }

    /// The table, one line per operation, then the error rate and the achieved rate.
    var table: String {
        var text = lines.map { line in
            let name = line.operation.rawValue.padding(toLength: 5, withPad: " ", startingAt: 0)
            let figures = line.latency.map { "p50=\(Self.format($0.p50)) ms p95=\(Self.format($0.p95)) ms p99=\(Self.format($0.p99)) ms" }
            return "\(name)  n=\(line.count) \(figures ?? "p50=- p95=- p99=-") errors=\(line.errors)"
        }
        text.append("errors: \(String(format: "%.2f", errorRate)) %")
        text.append("achieved: \(String(format: "%.1f", achieved)) requests/s")
        return text.joined(separator: "\n")
    }

    /// The objectives missed: an operation's p95 above its threshold (in milliseconds), or the
    /// error rate above `errorRate` percent. Empty when all are met.
    func missedObjectives(board: Double, stats: Double, move: Double, errorRate limit: Double) -> [String] {
        let thresholds: [BoardOperation: Double] = [.board: board, .stats: stats, .move: move]
        var missed: [String] = []
        for line in lines {
            guard let p95 = line.latency?.p95, let threshold = thresholds[line.operation], p95 > threshold else { continue }
            missed.append("\(line.operation.rawValue) p95 \(Self.format(p95)) ms > \(Self.format(threshold)) ms")
        }
        if errorRate > limit {
            missed.append("errors \(String(format: "%.2f", errorRate)) % > \(String(format: "%g", limit)) %")
        }
        return missed
    }

    private static func format(_ milliseconds: Double) -> String {
        String(format: "%.1f", milliseconds)
    }
}
