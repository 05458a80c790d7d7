/// Fractional ranks that order the cards of a board column: base-36 keys compared as plain
/// strings, so that a card moved between two others gets a key between theirs and a move
/// writes one row.
///
/// Keys use the digits `0`–`9` and `a`–`z` and never end in `0`, so a key exists between any
/// two different keys (the midpoint of their digit strings, read as fractions). Written by hand:
/// no package here offers LexoRank-style keys, and the algorithm is a few lines.
public enum BoardRank {
    /// The longest key before a column is re-spaced.
    public static let maximumLength = 48

    private static let digits = Array("0123456789abcdefghijklmnopqrstuvwxyz")
    private static let base = 36

    /// A key strictly between `lower` and `upper` (`nil`: the column's start or end).
    /// - Precondition: `lower < upper` when both are given, and both are valid keys.
    public static func between(_ lower: String?, _ upper: String?) -> String {
        let low = lower.map(values) ?? []
        let high = upper.map(values)
        return String(midpoint(low, high).map { digits[$0] })
    }

    /// `count` keys, evenly spread and in order, for a column re-spaced from scratch.
    public static func spread(_ count: Int) -> [String] {
        guard count > 0 else { return [] }
        var width = 1
        var capacity = base
        while capacity <= count { (width, capacity) = (width + 1, capacity * base) }
        let step = capacity / (count + 1)
        return (1...count).map { index in
            var value = index * step
            var key = Array(repeating: 0, count: width)
            for position in stride(from: width - 1, through: 0, by: -1) { (key[position], value) = (value % base, value / base) }
            while key.last == 0 { key.removeLast() }
            return String(key.map { digits[$0] })
        }
    }

    private static func values(_ key: String) -> [Int] {
        key.map { character in digits.firstIndex(of: character) ?? 0 }
    }

    /// The digits of a fraction strictly between `low` (missing digits are 0) and `high`
    /// (`nil`: one, past every key), without a trailing zero.
    private static func midpoint(_ low: [Int], _ high: [Int]?) -> [Int] {
        if let high {
            var shared = 0
            while shared < high.count, (shared < low.count ? low[shared] : 0) == high[shared] { shared += 1 }
            if shared > 0 {
                return Array(high[..<shared]) + midpoint(Array(low.dropFirst(shared)), Array(high.dropFirst(shared)))
            }
        }
        let lowDigit = low.first ?? 0
        let highDigit = high?.first ?? base
        if highDigit - lowDigit > 1 { return [(lowDigit + highDigit) / 2] }
        if let high, high.count > 1 { return [high[0]] }
        return [lowDigit] + midpoint(Array(low.dropFirst()), nil)
    }
}
