import Foundation

/// The days of a board: local dates (`YYYY-MM-DD`) in a workspace's time zone.
public enum BoardDay {
    /// Whether `text` is a calendar date written `YYYY-MM-DD` (years 2000 to 2999).
    public static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (2000...2999).contains(year), (1...12).contains(month), day >= 1
        else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let first = calendar.date(from: DateComponents(year: year, month: month, day: 1))!
        return day <= calendar.range(of: .day, in: .month, for: first)!.count
    }

    /// The local date of `instant` in `timeZone`.
    public static func day(of instant: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        let year = String(parts.year ?? 1970)
        let month = (parts.month ?? 1) < 10 ? "0\(parts.month ?? 1)" : "\(parts.month ?? 1)"
        let day = (parts.day ?? 1) < 10 ? "0\(parts.day ?? 1)" : "\(parts.day ?? 1)"
        return "\(year)-\(month)-\(day)"
    }
}
