import Foundation

/// When a project's report regenerates on its own: a five-field cron expression read in an
/// IANA time zone, such as `0 7 * * 1` in `Europe/Paris` (Mondays at 7:00, Paris time).
public struct ReportSchedule: Codable, Sendable, Hashable {
    public var cron: String
    public var timeZone: String

    /// Creates a schedule; ``ProjectValidator`` checks it.
    public init(cron: String, timeZone: String) {
        self.cron = cron
        self.timeZone = timeZone
    }

    /// The shortest time between two scheduled runs: a report every minute would only spend
    /// the workspace's daily allowance.
    public static let minimumInterval: TimeInterval = 3600

    /// The parsed schedule, or `nil` when the expression or the time zone is invalid.
    public var cronSchedule: CronSchedule? {
        guard let zone = TimeZone(identifier: timeZone) else { return nil }
        return try? CronSchedule(cron, timeZone: zone)
    }

    /// When the report next regenerates after `date`.
    public func nextRun(after date: Date) -> Date? {
        cronSchedule?.nextFire(after: date)
    }

    /// What is wrong with the schedule, each at its JSON pointer under `pointer`; none when valid.
    public func problems(at pointer: String) -> [FieldError] {
        // Foundation also knows abbreviations such as CEST, which are not IANA names.
        guard let zone = TimeZone(identifier: timeZone), timeZone.contains("/") || timeZone == "UTC" else {
            return [FieldError(pointer: pointer + "/timeZone", message: "Give an IANA time zone, such as Europe/Paris or UTC.")]
        }
        let schedule: CronSchedule
        do {
            schedule = try CronSchedule(cron, timeZone: zone)
        } catch {
            return [FieldError(pointer: pointer + "/cron", message: "\(error.reason.prefix(1).uppercased() + error.reason.dropFirst()).")]
        }
        // Two consecutive runs from a few starting points, so a schedule that only bunches up
        // at some hours (such as `*/5 9 * * *`) is caught too.
        let start = Date(timeIntervalSince1970: 1_798_761_600)
        var previous = schedule.nextFire(after: start)
        for _ in 0..<48 {
            guard let current = previous, let next = schedule.nextFire(after: current) else { break }
            if next.timeIntervalSince(current) < Self.minimumInterval {
                return [FieldError(pointer: pointer + "/cron", message: "A schedule runs at most once an hour.")]
            }
            previous = next
        }
        return []
    }
}
