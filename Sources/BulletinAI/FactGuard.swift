import Foundation

/// Refuses generated text that states a number the facts do not hold.
///
/// Every number written in the text (`42`, `4.5`, `1,299.00`, `-3`, `12 %`) must equal a fact
/// within the rounding its own digits state: `42` stands for 41.5 to 42.5, `4.5` for 4.45 to
/// 4.55, so a fact of 41.8 may be written `42` but not `45`. Names that contain digits (a
/// product called "Note 3") are taken out of the text before it is read.
public struct FactGuard: Sendable {
    /// The numbers the text may state.
    public let facts: [Double]
    /// Names whose digits are not numbers of the text.
    public let names: [String]

    public init(facts: [Double], names: [String] = []) {
        self.facts = facts.filter(\.isFinite)
        self.names = names.filter { $0.contains(where: \.isNumber) }.sorted { $0.count > $1.count }
    }

    /// The numbers of `text` that no fact supports, as written, in order.
    public func violations(in text: String) -> [String] {
        var remaining = text
        for name in names { remaining = remaining.replacingOccurrences(of: name, with: " ", options: .caseInsensitive) }
        return Self.numbers(in: remaining).compactMap { written in
            let digits = written.replacingOccurrences(of: ",", with: "")
            guard let value = Double(digits) else { return written }
            let decimals = digits.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first?.count ?? 0
            let tolerance = 0.5 * pow(10, -Double(decimals)) + 1e-9
            return facts.contains { abs($0 - value) <= tolerance } ? nil : written
        }
    }

    /// The numbers as prose writes them: an optional minus, digits with optional thousands
    /// commas, optional decimals; not digits inside a word (such as `H2O` or `v2`). Scanned by
    /// hand: Swift's regular expressions have no lookbehind to say "not after a letter".
    public static func numbers(in text: String) -> [String] {
        let characters = Array(text)
        func isWordy(_ index: Int) -> Bool {
            characters.indices.contains(index) && (characters[index].isLetter || characters[index].isNumber)
        }
        func digits(from index: Int) -> Int {
            var end = index
            while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
            return end
        }
        var found: [String] = []
        var index = 0
        while index < characters.count {
            let negative = characters[index] == "-" && digits(from: index + 1) > index + 1
            let start = index
            let first = negative ? index + 1 : index
            guard characters[first].isASCII, characters[first].isNumber, !isWordy(start - 1), start == 0 || characters[start - 1] != "."
            else {
                index += 1
                continue
            }
            var end = digits(from: first)
            // Thousands: a comma and exactly three digits, after a first group of one to three.
            while end - first <= 3 || characters[end - 4] == ",", end < characters.count, characters[end] == ",",
                digits(from: end + 1) == end + 4
            {
                end += 4
            }
            if end < characters.count, characters[end] == ".", digits(from: end + 1) > end + 1 { end = digits(from: end + 1) }
            if !isWordy(end) { found.append(String(characters[start..<end])) }
            end = max(end, index + 1)
            while end < characters.count, isWordy(end) { end += 1 }
            index = end
        }
        return found
    }
}
