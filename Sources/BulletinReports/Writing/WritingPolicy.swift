import Foundation

/// What language models may spend writing reports, how many sections they write at once, and
/// how long an answer is reused for an identical request. Amounts are micro-dollars (a
/// millionth of a US dollar), so sums are exact.
public struct WritingPolicy: Sendable, Hashable {
    /// What one workspace may spend per calendar month (UTC). Defaults to 20 dollars.
    public var monthlyMicrodollars = 20_000_000
    /// What one report run may spend. Defaults to 50 cents.
    public var perRunMicrodollars = 500_000
    /// Sections of one report written at once. Defaults to 4.
    public var concurrentSections = 4
    /// How long an answer is reused for an identical request (zero: never). Defaults to 24 hours.
    public var cacheLifetime = Duration.seconds(24 * 3600)

    public init() {}
}

extension WritingPolicy {
    /// The first instant of the calendar month (UTC) that holds `date`: the monthly budget
    /// counts from it.
    public static func monthStart(of date: Date) -> Date {
        utc.date(from: utc.dateComponents([.year, .month], from: date))!
    }

    /// The first instant of the next calendar month (UTC) after the one that holds `date`.
    public static func nextMonthStart(after date: Date) -> Date {
        utc.date(byAdding: .month, value: 1, to: monthStart(of: date))!
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
