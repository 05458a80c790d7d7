import Foundation

/// A chart's value axis: a range that includes zero, rounded out to ticks at 1, 2 or 5 × 10ⁿ.
struct LaTeXChartScale {
    let low: Double
    let high: Double
    let step: Double

    /// A scale for `values`, ignoring those that are not finite; `[0, 1]` when none is.
    init(values: [Double], ticks: Int = 7) {
        var low = 0.0
        var high = 0.0
        for value in values where value.isFinite {
            low = min(low, value)
            high = max(high, value)
        }
        if high - low < 1e-9 { high = low + 1 }
        let rough = (high - low) / Double(max(ticks, 1))
        let magnitude = pow(10, (log10(rough)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        self.step = step
        self.low = (low / step).rounded(.down) * step
        self.high = (high / step).rounded(.up) * step
    }

    /// The tick values from `low` to `high`.
    var ticks: [Double] {
        let count = Int(((high - low) / step).rounded())
        return (0...max(count, 0)).map { low + Double($0) * step }
    }

    /// Where `value` falls between `low` (0) and `high` (1).
    func fraction(_ value: Double) -> Double {
        (value - low) / (high - low)
    }
}
