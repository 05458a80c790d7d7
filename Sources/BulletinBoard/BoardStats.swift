import BulletinCore
import BulletinStore
import Foundation

/// The day's figures at a glance.
public struct BoardStats: Sendable, Hashable {
    public let day: String
    /// The day's appointments that are not cancelled.
    public let jobsToday: Int
    /// Underway (checked in, not yet completed) at the shop.
    public let onPrem: Int
    /// Underway on site.
    public let onSite: Int
    public let completed: Int
    public let cancelled: Int
    /// Appointments per status, every status present.
    public let byStatus: [BoardStatus: Int]
    /// The total of appointments that are not cancelled, in cents.
    public let bookedRevenueCents: Int
    /// The total of completed appointments, in cents.
    public let completedRevenueCents: Int
    /// The mean time a stay in each status lasted, in minutes, over stays that ended (a stay
    /// still going is not counted, so the figure changes only when the board does). Statuses
    /// nobody has left yet are absent.
    public let averageMinutesInStatus: [BoardStatus: Double]

    /// The figures of a day's appointments and their history.
    public init(day: String, appointments: [StoredAppointment], changes: [StatusChange]) {
        self.day = day
        var byStatus = Dictionary(uniqueKeysWithValues: BoardStatus.allCases.map { ($0, 0) })
        for appointment in appointments { byStatus[appointment.status, default: 0] += 1 }
        self.byStatus = byStatus
        let live = appointments.filter { $0.status != .cancelled }
        jobsToday = live.count
        onPrem = live.filter { $0.status.isUnderway && $0.location == .shop }.count
        onSite = live.filter { $0.status.isUnderway && $0.location == .site }.count
        completed = byStatus[.completed] ?? 0
        cancelled = byStatus[.cancelled] ?? 0
        bookedRevenueCents = live.map(\.totalCents).reduce(0, +)
        completedRevenueCents = live.filter { $0.status == .completed }.map(\.totalCents).reduce(0, +)
        var stays: [BoardStatus: (total: Double, count: Int)] = [:]
        for history in Dictionary(grouping: changes, by: \.appointmentID).values {
            for (entered, left) in zip(history, history.dropFirst()) {
                let minutes = left.enteredAt.timeIntervalSince(entered.enteredAt) / 60
                stays[entered.status, default: (0, 0)].total += minutes
                stays[entered.status, default: (0, 0)].count += 1
            }
        }
        averageMinutesInStatus = stays.mapValues { ($0.total / Double($0.count) * 10).rounded() / 10 }
    }
}
