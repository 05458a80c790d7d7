import BulletinCore
import Foundation
import Testing

@Suite("Cron schedules")
struct CronScheduleTests {
    @Test(
        "each field syntax selects the values it names",
        arguments: [
            ("5,0,30 * * * *", ["01-01 00:05", "01-01 00:30", "01-01 01:00", "01-01 01:05"]),  // strictly after the start
            ("0 22-23 * * *", ["01-01 22:00", "01-01 23:00", "01-02 22:00"]),
            ("*/20 */12 * * *", ["01-01 00:20", "01-01 00:40", "01-01 12:00", "01-01 12:20"]),
            ("10-30/10 * * * *", ["01-01 00:10", "01-01 00:20", "01-01 00:30", "01-01 01:10"]),
            ("45/5 * * * *", ["01-01 00:45", "01-01 00:50", "01-01 00:55", "01-01 01:45"]),  // a/n runs to the maximum
            ("0 0 */10 * *", ["01-11 00:00", "01-21 00:00", "01-31 00:00", "02-01 00:00"]),
            ("0 0 * 2-12/5 *", ["02-01 00:00", "02-02 00:00"]),  // February, July and December
            ("0 0 1 2-12/5 *", ["02-01 00:00", "07-01 00:00", "12-01 00:00", "2027-02-01 00:00"]),
        ])
    func fieldSyntax(expression: String, expected: [String]) throws {
        // From Thursday 1 January 2026, 00:00 UTC.
        let schedule = try CronSchedule(expression)
        let times = fires(schedule, after: utc("2026-01-01T00:00:00Z"), count: expected.count)
        #expect(times.map(label) == expected)
    }

    @Test("months and days of the week take names in any case, and 7 is Sunday")
    func names() throws {
        let start = utc("2026-01-01T00:00:00Z")  // a Thursday
        #expect(
            fires(try CronSchedule("0 0 1 jan,Jul *"), after: start, count: 3)
                == [utc("2026-07-01T00:00:00Z"), utc("2027-01-01T00:00:00Z"), utc("2027-07-01T00:00:00Z")])
        #expect(
            fires(try CronSchedule("0 12 * * SAT-7"), after: start, count: 3)
                == [utc("2026-01-03T12:00:00Z"), utc("2026-01-04T12:00:00Z"), utc("2026-01-10T12:00:00Z")])
        // Monday, Tuesday, and Friday on: 5/2 is 5 and 7, and 7 is Sunday.
        #expect(
            fires(try CronSchedule("0 0 * * mon-Tue,5/2"), after: start, count: 4)
                == [utc("2026-01-02T00:00:00Z"), utc("2026-01-04T00:00:00Z"), utc("2026-01-05T00:00:00Z"), utc("2026-01-06T00:00:00Z")])
        let sundays = try ["0", "7", "sun"].map { try CronSchedule("0 12 * * \($0)").nextFire(after: start) }
        #expect(sundays == Array(repeating: utc("2026-01-04T12:00:00Z"), count: 3))
    }

    @Test("macros stand for their usual expansions")
    func macros() throws {
        let start = utc("2026-03-02T12:34:00Z")  // a Monday
        let expected = [
            "@yearly": "2027-01-01T00:00:00Z", "@annually": "2027-01-01T00:00:00Z", "@monthly": "2026-04-01T00:00:00Z",
            "@weekly": "2026-03-08T00:00:00Z", "@daily": "2026-03-03T00:00:00Z", "@midnight": "2026-03-03T00:00:00Z",
            "@hourly": "2026-03-02T13:00:00Z",
        ]
        for (macro, next) in expected {
            let schedule = try CronSchedule(macro)
            #expect(schedule.nextFire(after: start) == utc(next), "\(macro)")
            #expect(schedule.expression == macro)
        }
    }

    @Test(
        "malformed expressions are refused with the field at fault",
        arguments: [
            ("* * * *", "expected 5 fields (minute hour day-of-month month day-of-week) but found 4"),
            ("* * * * * *", "expected 5 fields (minute hour day-of-month month day-of-week) but found 6"),
            ("   ", "expected 5 fields (minute hour day-of-month month day-of-week) but found 0"),
            ("60 * * * *", "the minute field: 60 is out of range 0–59"),
            ("0 24 * * *", "the hour field: 24 is out of range 0–23"),
            ("0 0 0 * *", "the day-of-month field: 0 is out of range 1–31"),
            ("0 0 32 * *", "the day-of-month field: 32 is out of range 1–31"),
            ("0 0 * 13 *", "the month field: 13 is out of range 1–12"),
            ("0 0 * * 8", "the day-of-week field: 8 is out of range 0–7"),
            ("99999999999999999999 * * * *", "the minute field: 99999999999999999999 is out of range 0–59"),
            ("0 0 * * 5-1", "the day-of-week field: the range 5-1 is reversed"),
            ("0 0 * DEC-JAN *", "the month field: the range DEC-JAN is reversed"),
            ("*/0 * * * *", "the minute field: the step in */0 must be a number from 1 to 59"),
            ("0 1-5/0 * * *", "the hour field: the step in 1-5/0 must be a number from 1 to 23"),
            ("0 0 * * */", "the day-of-week field: the step in */ must be a number from 1 to 7"),
            ("0 0 1,,15 * *", "the day-of-month field: empty item in the list 1,,15"),
            ("0 0 1, * *", "the day-of-month field: empty item in the list 1,"),
            ("0 0 * * 1-2-3", "the day-of-week field: cannot read 1-2-3"),
            ("0 0 * * -1", "the day-of-week field: cannot read -1"),
            ("1/2/3 * * * *", "the minute field: cannot read 1/2/3"),
            ("x * * * *", "the minute field: cannot read x"),
            ("0 1.5 * * *", "the hour field: cannot read 1.5"),
            ("0 0 * FOO *", "the month field: FOO is not a month name (JAN–DEC)"),
            ("0 0 * * MONDAY", "the day-of-week field: MONDAY is not a day-of-week name (SUN–SAT)"),
            ("0 0 * * JAN", "the day-of-week field: JAN is not a day-of-week name (SUN–SAT)"),
            ("@reboot", "unknown macro @reboot; expected @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly"),
            ("@daily 0", "the macro @daily must stand alone"),
        ])
    func refused(expression: String, reason: String) {
        let error = #expect(throws: CronScheduleError.self) { try CronSchedule(expression) }
        #expect(error?.reason == reason)
        #expect(error?.expression == expression)
        #expect(error?.description == "invalid cron expression \"\(expression)\": \(reason)")
    }

    @Test("weekdays at nine skip the weekend")
    func weekdays() throws {
        let schedule = try CronSchedule("0 9 * * 1-5")
        #expect(
            fires(schedule, after: utc("2026-01-02T10:00:00Z"), count: 6) == [
                utc("2026-01-05T09:00:00Z"), utc("2026-01-06T09:00:00Z"), utc("2026-01-07T09:00:00Z"),
                utc("2026-01-08T09:00:00Z"), utc("2026-01-09T09:00:00Z"), utc("2026-01-12T09:00:00Z"),
            ])
        #expect(schedule.nextFire(after: utc("2026-01-02T08:59:59Z")) == utc("2026-01-02T09:00:00Z"))
    }

    @Test("every quarter hour, strictly after the given time, at second 0")
    func quarterHours() throws {
        let schedule = try CronSchedule("*/15 * * * *")
        #expect(
            fires(schedule, after: utc("2026-01-01T10:07:30Z"), count: 4)
                == [utc("2026-01-01T10:15:00Z"), utc("2026-01-01T10:30:00Z"), utc("2026-01-01T10:45:00Z"), utc("2026-01-01T11:00:00Z")])
        #expect(schedule.nextFire(after: utc("2026-01-01T10:15:00Z")) == utc("2026-01-01T10:30:00Z"))
        #expect(schedule.nextFire(after: utc("2026-01-01T10:14:59Z").addingTimeInterval(0.5)) == utc("2026-01-01T10:15:00Z"))
        #expect(schedule.nextFire(after: utc("2026-12-31T23:59:00Z")) == utc("2027-01-01T00:00:00Z"))
    }

    @Test("monthly on the first, and the 29th of February only in leap years")
    func monthsAndLeapYears() throws {
        let monthly = try CronSchedule("0 0 1 * *")
        #expect(
            fires(monthly, after: utc("2026-01-31T12:00:00Z"), count: 3)
                == [utc("2026-02-01T00:00:00Z"), utc("2026-03-01T00:00:00Z"), utc("2026-04-01T00:00:00Z")])
        #expect(monthly.nextFire(after: utc("2026-12-15T00:00:00Z")) == utc("2027-01-01T00:00:00Z"))

        let leapDay = try CronSchedule("0 0 29 2 *")
        #expect(
            fires(leapDay, after: utc("2026-03-01T00:00:00Z"), count: 3)
                == [utc("2028-02-29T00:00:00Z"), utc("2032-02-29T00:00:00Z"), utc("2036-02-29T00:00:00Z")])
        // 2100 is not a leap year, and 2104 is beyond the five years searched.
        #expect(leapDay.nextFire(after: utc("2096-03-01T00:00:00Z")) == nil)
        #expect(try CronSchedule("0 0 30 2 *").nextFire(after: utc("2026-01-01T00:00:00Z")) == nil)
    }

    @Test("when both day fields are restricted, either one is enough")
    func eitherDay() throws {
        let start = utc("2026-01-01T00:00:00Z")
        // Fridays and the 13th; Friday 13 February fires once.
        #expect(
            fires(try CronSchedule("0 0 13 * 5"), after: start, count: 9).map(label) == [
                "01-02 00:00", "01-09 00:00", "01-13 00:00", "01-16 00:00", "01-23 00:00", "01-30 00:00",
                "02-06 00:00", "02-13 00:00", "02-20 00:00",
            ])
        // A day field starting with * does not count as restricted: odd days that are Fridays.
        #expect(
            fires(try CronSchedule("0 0 */2 * 5"), after: start, count: 3)
                == [utc("2026-01-09T00:00:00Z"), utc("2026-01-23T00:00:00Z"), utc("2026-02-13T00:00:00Z")])
    }

    @Test("times are read on the time zone's wall clock")
    func timeZones() throws {
        let paris = try CronSchedule("0 9 * * *", timeZone: zone("Europe/Paris"))
        #expect(paris.nextFire(after: utc("2026-01-15T00:00:00Z")) == utc("2026-01-15T08:00:00Z"))
        #expect(paris.nextFire(after: utc("2026-07-15T00:00:00Z")) == utc("2026-07-15T07:00:00Z"))
        // Summer time starts on Sunday 29 March 2026.
        #expect(
            fires(paris, after: utc("2026-03-27T12:00:00Z"), count: 2)
                == [utc("2026-03-28T08:00:00Z"), utc("2026-03-29T07:00:00Z")])
        // The day itself is the zone's: Monday 00:30 in Tokyo is Sunday 15:30 UTC.
        let tokyo = try CronSchedule("30 0 * * MON", timeZone: zone("Asia/Tokyo"))
        #expect(tokyo.nextFire(after: utc("2026-01-01T00:00:00Z")) == utc("2026-01-04T15:30:00Z"))
    }

    @Test("a time that spring-forward skips does not fire that day")
    func springForward() throws {
        let newYork = try zone("America/New_York")
        // Clocks go from 02:00 EST to 03:00 EDT on Sunday 8 March 2026.
        let schedule = try CronSchedule("30 2 * * *", timeZone: newYork)
        #expect(
            fires(schedule, after: utc("2026-03-06T12:00:00Z"), count: 3)
                == [utc("2026-03-07T07:30:00Z"), utc("2026-03-09T06:30:00Z"), utc("2026-03-10T06:30:00Z")])
        #expect(!schedule.matches(utc("2026-03-08T07:30:00Z")))
        // Half-hourly carries straight on across the gap.
        #expect(
            fires(try CronSchedule("*/30 * * * *", timeZone: newYork), after: utc("2026-03-08T06:15:00Z"), count: 3)
                == [utc("2026-03-08T06:30:00Z"), utc("2026-03-08T07:00:00Z"), utc("2026-03-08T07:30:00Z")])
    }

    @Test("a time that fall-back repeats fires once, the first time")
    func fallBack() throws {
        let newYork = try zone("America/New_York")
        // Clocks go from 02:00 EDT back to 01:00 EST on Sunday 1 November 2026.
        let schedule = try CronSchedule("30 1 * * *", timeZone: newYork)
        #expect(
            fires(schedule, after: utc("2026-10-31T12:00:00Z"), count: 2)
                == [utc("2026-11-01T05:30:00Z"), utc("2026-11-02T06:30:00Z")])
        #expect(schedule.nextFire(after: utc("2026-11-01T06:10:00Z")) == utc("2026-11-02T06:30:00Z"))
        #expect(schedule.matches(utc("2026-11-01T05:30:00Z")))
        #expect(!schedule.matches(utc("2026-11-01T06:30:00Z")))
        // The repeated hour is not run again, even by a schedule that fires every half hour.
        #expect(
            fires(try CronSchedule("*/30 * * * *", timeZone: newYork), after: utc("2026-11-01T04:45:00Z"), count: 4)
                == [utc("2026-11-01T05:00:00Z"), utc("2026-11-01T05:30:00Z"), utc("2026-11-01T07:00:00Z"), utc("2026-11-01T07:30:00Z")])
    }

    @Test("matches looks at the minute containing the date")
    func matches() throws {
        let schedule = try CronSchedule("0 9 * * 1-5")
        #expect(schedule.matches(utc("2026-01-05T09:00:00Z")))
        #expect(schedule.matches(utc("2026-01-05T09:00:59Z").addingTimeInterval(0.9)))
        #expect(!schedule.matches(utc("2026-01-05T09:01:00Z")))
        #expect(!schedule.matches(utc("2026-01-05T08:59:59Z")))
        #expect(!schedule.matches(utc("2026-01-03T09:00:00Z")))  // a Saturday
        let paris = try CronSchedule("0 9 * * *", timeZone: zone("Europe/Paris"))
        #expect(paris.matches(utc("2026-07-15T07:00:30Z")))
        #expect(!paris.matches(utc("2026-07-15T09:00:00Z")))
    }

    @Test("nextFire and matches agree minute by minute across both clock changes")
    func nextFireAgreesWithMatches() throws {
        let newYork = try zone("America/New_York")
        for expression in ["*/20 1-3 * * *", "0,30 * 8 * 0", "* 2 * 3,11 *"] {
            let schedule = try CronSchedule(expression, timeZone: newYork)
            for (from, to) in [("2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z"), ("2026-10-31T00:00:00Z", "2026-11-03T00:00:00Z")] {
                let start = utc(from)
                let end = utc(to)
                let matching = stride(from: start.timeIntervalSince1970, to: end.timeIntervalSince1970, by: 60)
                    .map { Date(timeIntervalSince1970: $0) }
                    .filter { schedule.matches($0) }
                let fired = fires(schedule, after: start.addingTimeInterval(-1), until: end)
                #expect(fired == matching, "\(expression) from \(from)")
                #expect(!fired.isEmpty)
            }
        }
    }

    @Test("fire times agree with Foundation's Gregorian calendar")
    func agreesWithCalendar() throws {
        for identifier in ["Europe/Paris", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata"] {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = try zone(identifier)
            let schedule = try CronSchedule("7 13 13 * FRI,sun", timeZone: calendar.timeZone)
            let times = fires(schedule, after: utc("2026-01-01T00:00:00Z"), count: 300)
            #expect(times.count == 300)
            for time in times {
                let parts = calendar.dateComponents([.hour, .minute, .second, .day, .weekday], from: time)
                #expect(parts.hour == 13 && parts.minute == 7 && parts.second == 0, "\(identifier) \(time)")
                #expect(parts.day == 13 || parts.weekday == 6 || parts.weekday == 1, "\(identifier) \(time)")
            }
        }
    }

    @Test("schedules compare by expression and time zone, and describe both")
    func identity() throws {
        let paris = try zone("Europe/Paris")
        #expect(try CronSchedule("0 9 * * *", timeZone: paris) == CronSchedule("0 9 * * *", timeZone: paris))
        #expect(try CronSchedule("0 9 * * *", timeZone: paris) != CronSchedule("0 9 * * *"))
        #expect(try CronSchedule("0 9 * * *", timeZone: paris).description == "0 9 * * * (Europe/Paris)")
        #expect(try CronSchedule("0 9 * * *").timeZone == .gmt)
    }
}

/// An instant written in ISO 8601, such as "2026-01-05T09:00:00Z".
private func utc(_ text: String) -> Date {
    guard let date = try? Date(text, strategy: .iso8601) else { preconditionFailure("not ISO 8601: \(text)") }
    return date
}

private func zone(_ identifier: String) throws -> TimeZone {
    try #require(TimeZone(identifier: identifier))
}

/// "01-05 09:00" for a time in 2026 UTC, "2027-01-05 09:00" for one in another year.
private func label(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = .gmt
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
    let year = parts.year == 2026 ? "" : "\(parts.year ?? 0)-"
    return year + String(format: "%02d-%02d %02d:%02d", parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0)
}

/// Successive fire times after `start`: `count` of them, or as many as come before `end`.
private func fires(_ schedule: CronSchedule, after start: Date, count: Int = .max, until end: Date = .distantFuture) -> [Date] {
    var times: [Date] = []
    var cursor = start
    while times.count < count, let next = schedule.nextFire(after: cursor), next < end {
        times.append(next)
        cursor = next
    }
    return times
}
