import Foundation

/// Numbers as the LaTeX source writes them: labels the way every Bulletin renderer shows chart
/// values, and picture-mode coordinates; both independent of the machine's locale.
enum LaTeXNumber {
    /// A chart value's label: whole numbers without decimals, others with up to two (`1250`,
    /// `3.75`, `-0.5`), the same rule as `Chart.label(for:)` without its slow formatter.
    static func label(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        var text = ""
        append(value, to: &text)
        return text
    }

    /// An axis tick's label, shortened from a million up so that ticks stay apart:
    /// `250`, `40000`, `1.5M`, `2B`, `3T`, and beyond that `4e15`.
    static func tick(_ value: Double) -> String {
        let magnitude = abs(value)
        guard value.isFinite, magnitude >= 1e6 else { return label(value) }
        for (scale, suffix) in [(1e12, "T"), (1e9, "B"), (1e6, "M")] where magnitude >= scale {
            return magnitude >= scale * 1000 ? scientific(value) : label(value / scale) + suffix
        }
        return label(value)
    }

    /// `value` as a mantissa with up to two decimals and a power of ten: `1.5e18`.
    private static func scientific(_ value: Double) -> String {
        let exponent = Int(log10(abs(value)).rounded(.down))
        return label(value / pow(10, Double(exponent))) + "e" + String(exponent)
    }

    /// Appends `value` rounded to two decimals, trailing zeros dropped.
    static func append(_ value: Double, to output: inout String) {
        guard value.isFinite else {
            output += "0"
            return
        }
        guard abs(value) < 1e15 else {
            // Too large for hundredths in an Int; such values have no meaningful decimals anyway.
            output += String(format: "%.0f", value)
            return
        }
        let hundredths = Int((value * 100).rounded())
        if hundredths < 0 { output += "-" }
        let magnitude = hundredths.magnitude
        output += String(magnitude / 100)
        let fraction = magnitude % 100
        guard fraction != 0 else { return }
        output += "."
        if fraction < 10 {
            output += "0"
            output += String(fraction)
        } else if fraction % 10 == 0 {
            output += String(fraction / 10)
        } else {
            output += String(fraction)
        }
    }
}
