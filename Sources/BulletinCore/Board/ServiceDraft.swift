import Foundation

/// A service of the catalog as a client writes it.
public struct ServiceDraft: Sendable, Hashable {
    /// Upper-case letters and digits, starting with a letter, such as `OIL001`.
    public var code: String
    public var name: String
    public var category: String
    public var durationMinutes: Int
    /// The price in cents, so that sums are exact.
    public var priceCents: Int
    public var active: Bool

    public init(code: String, name: String, category: String, durationMinutes: Int, priceCents: Int, active: Bool) {
        self.code = code
        self.name = name
        self.category = category
        self.durationMinutes = durationMinutes
        self.priceCents = priceCents
        self.active = active
    }
}

/// The rules a service keeps, each broken one reported at its JSON pointer.
public enum ServiceValidator {
    /// A service takes from 5 minutes to a day.
    public static let durations = 5...1440
    /// The highest price, in currency units.
    public static let maximumPrice = 100_000

    /// Whether `code` is 2 to 16 upper-case letters and digits starting with a letter.
    public static func isCode(_ code: String) -> Bool {
        let scalars = Array(code.unicodeScalars)
        guard (2...16).contains(scalars.count), ("A"..."Z").contains(scalars[0]) else { return false }
        return scalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }

    /// A price in currency units as cents, or `nil` when it is negative, above the maximum or
    /// has more than two decimals.
    public static func cents(_ price: Double) -> Int? {
        guard price.isFinite, (0...Double(maximumPrice)).contains(price) else { return nil }
        let cents = (price * 100).rounded()
        guard abs(cents - price * 100) < 1e-6 else { return nil }
        return Int(cents)
    }

    /// The draft with its text trimmed.
    public static func tidied(_ draft: ServiceDraft) -> ServiceDraft {
        var tidy = draft
        tidy.name = TextRules.trimmed(draft.name)
        tidy.category = TextRules.trimmed(draft.category)
        return tidy
    }

    /// Every rule a tidied draft breaks; empty when it is valid.
    public static func problems(in draft: ServiceDraft) -> [FieldError] {
        var problems: [FieldError] = []
        if !isCode(draft.code) {
            problems.append(
                FieldError(
                    pointer: "/code", message: "The code has 2 to 16 upper-case letters and digits and starts with a letter, like OIL001."))
        }
        problems += TextRules.problems(draft.name, at: "/name", label: "The name", required: true, maximum: 120)
        problems += TextRules.problems(draft.category, at: "/category", label: "The category", required: false, maximum: 60)
        if !durations.contains(draft.durationMinutes) {
            problems.append(
                FieldError(
                    pointer: "/durationMinutes", message: "The duration is \(durations.lowerBound) to \(durations.upperBound) minutes."))
        }
        return problems
    }

    /// What a price must be, said to whoever sent another.
    public static let priceRule = "The price is 0 to \(maximumPrice) with at most two decimals."
}
