import Foundation

/// A standard five-field cron schedule, "minute hour day-of-month month day-of-week", read in
/// a time zone.
///
/// The fields take minutes 0–59, hours 0–23, days of the month 1–31, months 1–12 or
/// `JAN`–`DEC`, and days of the week 0–7 or `SUN`–`SAT` (0 and 7 are both Sunday); names are
/// case-insensitive. Each field is `*`, a number, a range `a-b`, a list `a,b,c`, or a step
/// `*/n`, `a-b/n` or `a/n` (`a` through the field's maximum). The macros `@yearly`
/// (`@annually`), `@monthly`, `@weekly`, `@daily` (`@midnight`) and `@hourly` stand alone.
///
/// As in Vixie cron, when both day fields are restricted (neither starts with `*`) a day
/// matches if either field does; otherwise it must match both. Across daylight-saving changes
/// a wall-clock time that does not exist (spring forward) is skipped that day, and one that
/// happens twice (fall back) fires once, the first time.
///
/// ```swift
/// let weekdays = try CronSchedule("0 9 * * MON-FRI", timeZone: TimeZone(identifier: "Europe/Paris")!)
/// let next = weekdays.nextFire(after: .now)
/// ```
public struct CronSchedule: Sendable, Hashable, CustomStringConvertible {
    /// The expression as written.
    public let expression: String
    /// The zone whose wall clock the fields describe.
    public let timeZone: TimeZone
    private let minutes: Members
    private let hours: Members
    private let daysOfMonth: Members
    private let months: Members
    private let daysOfWeek: Members
    /// Both day fields are restricted, so a day matching either one is enough.
    private let eitherDayMatches: Bool

    /// How far ``nextFire(after:)`` looks before concluding that a schedule never fires.
    private static let searchYears = 5

    /// Parses "minute hour day-of-month month day-of-week" in a time zone.
    ///
    /// - Parameters:
    ///   - expression: five fields separated by spaces, or one of the `@` macros.
    ///   - timeZone: the zone whose wall clock the fields describe. Defaults to GMT.
    /// - Throws: ``CronScheduleError`` naming the field at fault.
    public init(_ expression: String, timeZone: TimeZone = .gmt) throws(CronScheduleError) {
        var fields = expression.split(whereSeparator: \.isWhitespace)
        if let first = fields.first, first.hasPrefix("@") {
            guard fields.count == 1 else {
                throw CronScheduleError(expression: expression, reason: "the macro \(first) must stand alone")
            }
            guard let expansion = Self.macros[first.lowercased()] else {
                throw CronScheduleError(
                    expression: expression,
                    reason: "unknown macro \(first); expected @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly")
            }
            fields = expansion.split(separator: " ")
        }
        guard fields.count == 5 else {
            throw CronScheduleError(
                expression: expression,
                reason: "expected 5 fields (minute hour day-of-month month day-of-week) but found \(fields.count)")
        }
        self.expression = expression
        self.timeZone = timeZone
        minutes = try Field.minute.parse(fields[0], in: expression)
        hours = try Field.hour.parse(fields[1], in: expression)
        daysOfMonth = try Field.dayOfMonth.parse(fields[2], in: expression)
        months = try Field.month.parse(fields[3], in: expression)
        daysOfWeek = try Field.dayOfWeek.parse(fields[4], in: expression)
        eitherDayMatches = !fields[2].hasPrefix("*") && !fields[4].hasPrefix("*")
    }

    private static let macros: [String: String] = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *", "@weekly": "0 0 * * 0",
        "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]

    /// The first time strictly after `date` (at second 0 of a minute) that matches, or nil if none within ~5 years.
    public func nextFire(after date: Date) -> Date? {
        guard let start = LocalMinute(containing: date, in: timeZone) else { return nil }
        let horizon = CivilDay(year: start.day.year + Self.searchYears, month: start.day.month, day: start.day.day)
        let after = date.timeIntervalSince1970
        var day = start.day
        var fromHour = start.hour
        var fromMinute = start.minute
        while day <= horizon {
            if !months.contains(day.month) {
                day = day.firstOfNextMonth
            } else {
                if dayMatches(day) {
                    for hour in hours.members(from: fromHour) {
                        for minute in minutes.members(from: hour == fromHour ? fromMinute : 0) {
                            // Candidates come in wall-clock order, and first occurrences keep that
                            // order, so the first one after `date` is the answer; the ones before it
                            // are the start's own minute and a repeated hour's second pass.
                            if let instant = firstInstant(day, hour, minute), TimeInterval(instant) > after {
                                return Date(timeIntervalSince1970: TimeInterval(instant))
                            }
                        }
                    }
                }
                day = day.next
            }
            fromHour = 0
            fromMinute = 0
        }
        return nil
    }

    /// Whether the minute containing `date` matches.
    ///
    /// In an hour that a fall-back repeats, only the first pass matches, as only it fires.
    public func matches(_ date: Date) -> Bool {
        guard let local = LocalMinute(containing: date, in: timeZone),
            months.contains(local.day.month), dayMatches(local.day),
            hours.contains(local.hour), minutes.contains(local.minute)
        else { return false }
        return firstInstant(local.day, local.hour, local.minute) == local.startInstant
    }

    public var description: String { "\(expression) (\(timeZone.identifier))" }

    private func dayMatches(_ day: CivilDay) -> Bool {
        let byDate = daysOfMonth.contains(day.day)
        let byWeekday = daysOfWeek.contains(day.weekday)
        return eitherDayMatches ? byDate || byWeekday : byDate && byWeekday
    }

    /// The first instant, in seconds since 1970, at which the wall clock reads `hour`:`minute`
    /// on `day`, or nil if the clock skips that minute.
    ///
    /// Done by hand rather than with `Calendar.date(from:)` because Foundation's answers for
    /// skipped and repeated times differ between platforms and releases.
    private func firstInstant(_ day: CivilDay, _ hour: Int, _ minute: Int) -> Int? {
        let wall = day.daysSince1970 * 86_400 + hour * 3_600 + minute * 60
        var first: Int?
        // The offsets in force a day either side include both sides of any transition near `wall`.
        for probe in [wall - 86_400, wall, wall + 86_400] {
            let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(probe)))
            let instant = wall - offset
            if timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))) == offset {
                first = min(first ?? instant, instant)
            }
        }
        return first
    }
}

/// Why a cron expression was refused.
public struct CronScheduleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The expression as written.
    public let expression: String
    /// What is wrong, naming the field, such as "the hour field: 24 is out of range 0–23".
    public let reason: String

    public var description: String { "invalid cron expression \"\(expression)\": \(reason)" }
}

extension CronSchedule {
    /// One of the five fields: its name, its values and the names that may stand for them.
    private enum Field {
        case minute, hour, dayOfMonth, month, dayOfWeek

        var name: String {
            switch self {
            case .minute: "minute"
            case .hour: "hour"
            case .dayOfMonth: "day-of-month"
            case .month: "month"
            case .dayOfWeek: "day-of-week"
            }
        }

        var bounds: ClosedRange<Int> {
            switch self {
            case .minute: 0...59
            case .hour: 0...23
            case .dayOfMonth: 1...31
            case .month: 1...12
            case .dayOfWeek: 0...7
            }
        }

        /// Names for the values from the lower bound up.
        var names: [String] {
            switch self {
            case .month: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
            case .dayOfWeek: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
            default: []
            }
        }

        func parse(_ text: Substring, in expression: String) throws(CronScheduleError) -> Members {
            var members = Members()
            for item in text.split(separator: ",", omittingEmptySubsequences: false) {
                guard !item.isEmpty else { throw error("empty item in the list \(text)", in: expression) }
                for value in try values(item, in: expression) {
                    members.insert(value)
                }
            }
            if self == .dayOfWeek, members.contains(7) {
                members.remove(7)
                members.insert(0)
            }
            return members
        }

        /// The values of one list item: `*`, `a`, `a-b`, each optionally followed by `/step`.
        private func values(_ item: Substring, in expression: String) throws(CronScheduleError) -> StrideThrough<Int> {
            let parts = item.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { throw error("cannot read \(item)", in: expression) }
            var step = 1
            if parts.count == 2 {
                guard let number = Self.number(parts[1]), number >= 1, number <= bounds.upperBound else {
                    throw error("the step in \(item) must be a number from 1 to \(bounds.upperBound)", in: expression)
                }
                step = number
            }
            let base = parts[0]
            if base == "*" {
                return stride(from: bounds.lowerBound, through: bounds.upperBound, by: step)
            }
            let ends = base.split(separator: "-", omittingEmptySubsequences: false)
            switch ends.count {
            case 1:
                let first = try value(ends[0], item: item, in: expression)
                return stride(from: first, through: parts.count == 2 ? bounds.upperBound : first, by: step)
            case 2:
                let first = try value(ends[0], item: item, in: expression)
                let last = try value(ends[1], item: item, in: expression)
                guard first <= last else { throw error("the range \(base) is reversed", in: expression) }
                return stride(from: first, through: last, by: step)
            default:
                throw error("cannot read \(item)", in: expression)
            }
        }

        private func value(_ text: Substring, item: Substring, in expression: String) throws(CronScheduleError) -> Int {
            if !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) {
                guard let number = Self.number(text), bounds.contains(number) else {
                    throw error("\(text) is out of range \(bounds.lowerBound)–\(bounds.upperBound)", in: expression)
                }
                return number
            }
            if let index = names.firstIndex(of: text.uppercased()) {
                return bounds.lowerBound + index
            }
            if !names.isEmpty, !text.isEmpty, text.allSatisfy(\.isLetter) {
                throw error("\(text) is not a \(name) name (\(names[0])–\(names[names.count - 1]))", in: expression)
            }
            throw error("cannot read \(item)", in: expression)
        }

        private static func number(_ text: Substring) -> Int? {
            guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(text)
        }

        private func error(_ problem: String, in expression: String) -> CronScheduleError {
            CronScheduleError(expression: expression, reason: "the \(name) field: \(problem)")
        }
    }

    /// A set of field values below 64, as bits.
    private struct Members: Sendable, Hashable {
        private var bits: UInt64 = 0

        func contains(_ value: Int) -> Bool { bits & (1 << value) != 0 }
        mutating func insert(_ value: Int) { bits |= 1 << value }
        mutating func remove(_ value: Int) { bits &= ~(1 << value) }

        /// The members from `start` up, in order.
        func members(from start: Int) -> UnfoldSequence<Int, UInt64> {
            sequence(state: bits & (UInt64.max << start)) { rest in
                guard rest != 0 else { return nil }
                let value = rest.trailingZeroBitCount
                rest &= rest - 1
                return value
            }
        }
    }

    /// A date on the proleptic Gregorian calendar, with no time zone.
    private struct CivilDay: Comparable {
        var year: Int
        var month: Int
        var day: Int

        /// Howard Hinnant's `days_from_civil`.
        var daysSince1970: Int {
            let y = month <= 2 ? year - 1 : year
            let era = (y >= 0 ? y : y - 399) / 400
            let yearOfEra = y - era * 400
            let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
            let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
            return era * 146_097 + dayOfEra - 719_468
        }

        /// 0 for Sunday through 6 for Saturday; 1 January 1970 was a Thursday.
        var weekday: Int { ((daysSince1970 % 7) + 7 + 4) % 7 }

        var next: CivilDay {
            day < Self.length(of: month, in: year) ? CivilDay(year: year, month: month, day: day + 1) : firstOfNextMonth
        }

        var firstOfNextMonth: CivilDay {
            month == 12 ? CivilDay(year: year + 1, month: 1, day: 1) : CivilDay(year: year, month: month + 1, day: 1)
        }

        init(year: Int, month: Int, day: Int) {
            self.year = year
            self.month = month
            self.day = day
        }

        /// Howard Hinnant's `civil_from_days`.
        init(daysSince1970: Int) {
            let z = daysSince1970 + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let dayOfEra = z - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
            let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let shiftedMonth = (5 * dayOfYear + 2) / 153
            day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
            month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
            year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        }

        static func length(of month: Int, in year: Int) -> Int {
            switch month {
            case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
            case 4, 6, 9, 11: 30
            default: 31
            }
        }

        static func < (lhs: CivilDay, rhs: CivilDay) -> Bool {
            (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
        }
    }

    /// The wall-clock minute that contains an instant.
    private struct LocalMinute {
        let day: CivilDay
        let hour: Int
        let minute: Int
        /// When this pass through the minute began, in seconds since 1970.
        let startInstant: Int

        /// Nil for instants too far from 1970 to be worth scheduling (or not finite).
        init?(containing date: Date, in timeZone: TimeZone) {
            let seconds = date.timeIntervalSince1970
            guard seconds.isFinite, abs(seconds) < 1e13 else { return nil }
            let offset = timeZone.secondsFromGMT(for: date)
            let wall = Int((seconds + TimeInterval(offset)).rounded(.down))
            let days = (wall >= 0 ? wall : wall - 86_399) / 86_400
            let secondOfDay = wall - days * 86_400
            day = CivilDay(daysSince1970: days)
            hour = secondOfDay / 3_600
            minute = secondOfDay % 3_600 / 60
            startInstant = wall - secondOfDay % 60 - offset
        }
    }
}
