import Foundation

/// Finds prices in a piece of text: a currency sign or code before or after an amount, such
/// as "$9.99", "€ 12,50", "12 €", "USD 40" or "£5/month". A comma followed by exactly two
/// digits is a decimal comma; other commas and dots between groups of three digits are
/// thousands separators.
enum PriceReader {
    private static let symbols: [String: String] = [
        "$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "USD": "USD", "EUR": "EUR", "GBP": "GBP",
        "JPY": "JPY", "CHF": "CHF",
    ]
    private static let amount = #"\d{1,3}(?:[.,\u00A0 ]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"#
    private static let currency = #"US\$|\$|€|£|¥|USD|EUR|GBP|JPY|CHF"#
    private static let pattern = try! NSRegularExpression(
        pattern: #"(?<![\w.,])(?:(\#(currency))\s?(\#(amount))|(\#(amount))\s?(\#(currency)))(?![\w])"#)

    static func prices(in text: String) -> [Price] {
        guard text.contains(where: { $0.isNumber }) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return pattern.matches(in: text, range: range).compactMap { match in
            func group(_ index: Int) -> String? {
                Range(match.range(at: index), in: text).map { String(text[$0]) }
            }
            guard let sign = group(1) ?? group(4), let digits = group(2) ?? group(3),
                let code = symbols[sign], let value = number(digits), let whole = group(0)
            else { return nil }
            return Price(amount: value, currency: code, text: whole)
        }
    }

    /// The amount's value, reading its separators as described above.
    static func number(_ text: String) -> Double? {
        var digits = text.replacingOccurrences(of: "\u{00A0}", with: "").replacingOccurrences(of: " ", with: "")
        if let last = digits.lastIndex(where: { $0 == "," || $0 == "." }),
            digits.distance(from: last, to: digits.endIndex) - 1 <= 2
        {
            let decimals = digits[digits.index(after: last)...]
            let whole = digits[..<last].filter(\.isNumber)
            digits = whole + "." + decimals
        } else {
            digits = digits.filter(\.isNumber)
        }
        return Double(digits)
    }
}
