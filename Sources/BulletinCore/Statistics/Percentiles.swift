/// The 50th, 95th and 99th percentiles of a sample, by the nearest-rank method.
public struct Percentiles: Sendable, Hashable, Codable {
    public var p50: Double
    public var p95: Double
    public var p99: Double

    /// The percentiles of `values`, or `nil` when there are none.
    public init?(of values: [Double]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        func rank(_ percent: Double) -> Double {
            let index = Int((percent / 100 * Double(sorted.count)).rounded(.up)) - 1
            return sorted[min(max(index, 0), sorted.count - 1)]
        }
        p50 = rank(50)
        p95 = rank(95)
        p99 = rank(99)
    }
}
