import BulletinCore
import Foundation
import Testing

@Suite("Report schedules")
struct ReportScheduleTests {
    @Test(
        "a schedule is a cron expression in an IANA time zone, running at most once an hour",
        arguments: [
            ("0 7 * * 1", "Europe/Paris", nil), ("@daily", "UTC", nil), ("30 */2 * * *", "America/New_York", nil),
            ("*/5 9 * * *", "Europe/Paris", "/schedule/cron"), ("* * * * *", "UTC", "/schedule/cron"),
            ("0 7 * *", "UTC", "/schedule/cron"), ("0 25 * * *", "UTC", "/schedule/cron"),
            ("0 7 * * 1", "Mars/Olympus", "/schedule/timeZone"), ("0 7 * * 1", "", "/schedule/timeZone"),
        ] as [(String, String, String?)])
    func validation(cron: String, timeZone: String, pointer: String?) {
        let problems = ReportSchedule(cron: cron, timeZone: timeZone).problems(at: "/schedule")
        #expect(problems.first?.pointer == pointer, "\(problems)")
        #expect(problems.count <= 1)
    }

    @Test("the next run is read in the schedule's time zone, across a change of daylight saving time")
    func nextRun() throws {
        let schedule = ReportSchedule(cron: "0 7 * * 1", timeZone: "Europe/Paris")
        // Saturday 2026-10-24, before the clocks go back on Sunday the 25th.
        let saturday = try #require(RFC3339.date(from: "2026-10-24T12:00:00Z"))
        #expect(schedule.nextRun(after: saturday) == RFC3339.date(from: "2026-10-26T06:00:00Z"))
        let summer = try #require(RFC3339.date(from: "2026-06-01T12:00:00Z"))
        #expect(schedule.nextRun(after: summer) == RFC3339.date(from: "2026-06-08T05:00:00Z"))
    }
}
