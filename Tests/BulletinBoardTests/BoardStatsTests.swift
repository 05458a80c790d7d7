import BulletinBoard
import BulletinCore
import BulletinStore
import BulletinTestSupport
import Foundation
import Testing

@Suite("Board stats")
struct BoardStatsTests {
    @Test("after random moves the cached figures equal a recount of the cards", arguments: TestDatabases.dialects)
    func statsEqualARecount(dialect: SQLDialect) async throws {
        try await BoardFixture.with(dialect) { fixture in
            var random = RequestIDSequence(seed: dialect == .sqlite ? 3 : 5)
            var cards = try await fixture.book(4) + fixture.book(3, location: .site)
            var clock = BoardFixture.morning
            for step in 0..<40 {
                let index = Int.random(in: 0..<cards.count, using: &random)
                let target = BoardStatus.allCases[Int.random(in: 0..<BoardStatus.allCases.count, using: &random)]
                clock = clock.addingTimeInterval(Double(5 + step) * 60)
                cards[index] = try await fixture.appointments.move(
                    id: cards[index].id, to: BoardPlacement(status: target), expectedVersion: cards[index].version, audit: fixture.audit,
                    now: clock)
                // Read twice: the second answer comes from the cache, and must not differ.
                _ = try await fixture.board.stats(workspaceID: fixture.workspaceID, day: BoardFixture.day)
                let stats = try await fixture.board.stats(workspaceID: fixture.workspaceID, day: BoardFixture.day)
                let live = cards.filter { $0.status != .cancelled }
                let underway: Set<BoardStatus> = [.checkedIn, .inProgress, .waitingParts, .ready]
                #expect(stats.jobsToday == live.count)
                #expect(stats.onPrem == live.filter { underway.contains($0.status) && $0.location == .shop }.count)
                #expect(stats.onSite == live.filter { underway.contains($0.status) && $0.location == .site }.count)
                #expect(stats.completed == cards.filter { $0.status == .completed }.count)
                #expect(stats.cancelled == cards.filter { $0.status == .cancelled }.count)
                for status in BoardStatus.allCases {
                    #expect(stats.byStatus[status] == cards.filter { $0.status == status }.count, "\(status)")
                }
                #expect(stats.bookedRevenueCents == live.count * 2500)
                #expect(stats.completedRevenueCents == stats.completed * 2500)
            }
        }
    }

    @Test("the average time in a status counts the stays that ended", arguments: TestDatabases.dialects)
    func averageMinutes(dialect: SQLDialect) async throws {
        try await BoardFixture.with(dialect) { fixture in
            let cards = try await fixture.book(2)
            let start = BoardFixture.morning
            for (card, minutes) in zip(cards, [30.0, 60.0]) {
                let started = try await fixture.appointments.move(
                    id: card.id, to: BoardPlacement(status: .inProgress), expectedVersion: 1, audit: fixture.audit, now: start)
                _ = try await fixture.appointments.move(
                    id: card.id, to: BoardPlacement(status: .ready), expectedVersion: started.version, audit: fixture.audit,
                    now: start.addingTimeInterval(minutes * 60))
            }
            let stats = try await fixture.board.stats(workspaceID: fixture.workspaceID, day: BoardFixture.day)
            #expect(stats.averageMinutesInStatus[.inProgress] == 45)
            #expect(stats.averageMinutesInStatus[.ready] == nil)  // nobody has left it yet
        }
    }
}
