import Foundation

extension Chart {
    /// A value as every renderer labels it: whole numbers without decimals, others with up
    /// to two, in the POSIX locale so documents read the same everywhere.
    public static func label(for value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return value.formatted(.number.precision(.fractionLength(0...2)).locale(Locale(identifier: "en_US_POSIX")).grouping(.never))
    }

    /// The largest value of any series (at least 1, so an all-zero chart still has a scale).
    public var largestValue: Double {
        max(series.flatMap(\.values).max() ?? 0, 1)
    }
}
