import Foundation

/// How documents write dates: always in UTC, so a render never depends on the server's zone or
/// locale, and the same `Date` always gives the same bytes.
enum DocumentDate {
    private static let months = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    /// The long en-US form, such as "March 1, 2025".
    static func long(_ date: Date) -> String {
        let parts = components(of: date)
        return "\(months[parts.month - 1]) \(parts.day), \(parts.year)"
    }

    /// W3CDTF (the ISO 8601 profile Dublin Core uses), such as "2025-03-01T09:30:00Z".
    static func w3cdtf(_ date: Date) -> String {
        let parts = components(of: date)
        return "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))T"
            + "\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2))Z"
    }

    private static func components(of date: Date) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return (parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
