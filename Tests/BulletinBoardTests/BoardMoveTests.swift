import BulletinBoard
import BulletinCore
import BulletinStore
import BulletinTestSupport
import Foundation
import Testing

@Suite("Board moves")
struct BoardMoveTests {
    @Test("the board lists every column in order, its cards in booking order", arguments: TestDatabases.dialects)
    func boardShape(dialect: SQLDialect) async throws {
        try await BoardFixture.with(dialect) { fixture in
            let booked = try await fixture.book(3)
            let ready = try await fixture.book(1, status: .ready)
            _ = try await fixture.book(1, status: .cancelled)
            let view = try await fixture.board.view(workspaceID: fixture.workspaceID, day: BoardFixture.day)
            #expect(view.columns.map(\.column.status) == [.scheduled, .checkedIn, .inProgress, .waitingParts, .ready, .completed])
            #expect(view.columns[0].cards.map(\.id) == booked.map(\.id))
            #expect(view.columns[4].cards.map(\.id) == ready.map(\.id))
            #expect(view.columns.map(\.cards.count).reduce(0, +) == 4)  // cancelled is off the board
            #expect(view.columns[0].cards.allSatisfy { $0.day == BoardFixture.day && $0.version == 1 })
        }
    }

    @Test("a move puts a card between the neighbours it names and bumps only its version", arguments: TestDatabases.dialects)
    func placement(dialect: SQLDialect) async throws {
        try await BoardFixture.with(dialect) { fixture in
            let cards = try await fixture.book(4)
            let (a, b, c, d) = (cards[0], cards[1], cards[2], cards[3])
            let moved = try await fixture.appointments.move(
                id: d.id, to: BoardPlacement(status: .scheduled, beforeID: b.id), expectedVersion: 1, audit: fixture.audit,
                now: BoardFixture.morning)
            #expect(moved.version == 2)
            #expect(try await fixture.columns()[.scheduled] == [a.id, d.id, b.id, c.id])
            _ = try await fixture.appointments.move(
                id: a.id, to: BoardPlacement(status: .checkedIn), expectedVersion: 1, audit: fixture.audit, now: BoardFixture.morning)
            _ = try await fixture.appointments.move(
                id: b.id, to: BoardPlacement(status: .checkedIn, afterID: a.id), expectedVersion: 1, audit: fixture.audit,
                now: BoardFixture.morning)
            let columns = try await fixture.columns()
            #expect(columns[.scheduled] == [d.id, c.id])
            #expect(columns[.checkedIn] == [a.id, b.id])
            let untouched = try #require(try await fixture.appointments.appointment(id: c.id, workspaceID: fixture.workspaceID))
            #expect(untouched.version == 1)
            await #expect(throws: AppointmentStoreError.self) {
                // A neighbour from another column is refused, and nothing moves.
                try await fixture.appointments.move(
                    id: c.id, to: BoardPlacement(status: .ready, beforeID: d.id), expectedVersion: 1, audit: fixture.audit,
                    now: BoardFixture.morning)
            }
            #expect(try await fixture.columns()[.scheduled] == [d.id, c.id])
        }
    }

    @Test("two clients moving one card at once: exactly one wins, the other sees the card as it is", arguments: TestDatabases.dialects)
    func concurrentMoves(dialect: SQLDialect) async throws {
        try await BoardFixture.with(dialect) { fixture in
            for _ in 0..<5 {
                let card = try #require(try await fixture.book(1).first)
                let targets: [BoardStatus] = [.checkedIn, .inProgress]
                let outcomes = try await withThrowingTaskGroup(of: Result<StoredAppointment, AppointmentStoreError>.self) { group in
                    for target in targets {
                        group.addTask {
                            do {
                                return .success(
                                    try await fixture.appointments.move(
                                        id: card.id, to: BoardPlacement(status: target), expectedVersion: card.version,
                                        audit: fixture.audit, now: BoardFixture.morning))
                            } catch let error as AppointmentStoreError {
                                return .failure(error)
                            }
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                let winners = outcomes.compactMap { try? $0.get() }
                #expect(winners.count == 1)
                let winner = try #require(winners.first)
                #expect(winner.version == card.version + 1)
                let losses = outcomes.compactMap { outcome -> AppointmentStoreError? in
                    if case .failure(let error) = outcome { return error }
                    return nil
                }
                #expect(losses == [.versionMismatch(current: winner)])
                let stored = try #require(try await fixture.appointments.appointment(id: card.id, workspaceID: fixture.workspaceID))
                #expect(stored == winner)
            }
        }
    }

    /// Random moves within and across columns, compared after each with a list model of the
    /// board: the store's order is the order each move meant.
    @Test("random moves keep the order a list model holds", arguments: TestDatabases.dialects)
    func randomMovesMatchAModel(dialect: SQLDialect) async throws {
        try await BoardFixture.with(dialect) { fixture in
            var random = RequestIDSequence(seed: dialect == .sqlite ? 7 : 11)
            let cards = try await fixture.book(8)
            var model: [BoardStatus: [String]] = [.scheduled: cards.map(\.id)]
            var versions = Dictionary(uniqueKeysWithValues: cards.map { ($0.id, $0.version) })
            let statuses: [BoardStatus] = [.scheduled, .checkedIn, .inProgress]
            for _ in 0..<60 {
                let card = cards[Int.random(in: 0..<cards.count, using: &random)].id
                let target = statuses[Int.random(in: 0..<statuses.count, using: &random)]
                for status in statuses { model[status, default: []].removeAll { $0 == card } }
                let column = model[target, default: []]
                let index = Int.random(in: 0...column.count, using: &random)
                // Name the neighbour after it, or before it when it goes last (or neither in an empty column).
                let placement =
                    index < column.count
                    ? BoardPlacement(status: target, beforeID: column[index])
                    : BoardPlacement(status: target, afterID: column.last)
                model[target, default: []].insert(card, at: index)
                let moved = try await fixture.appointments.move(
                    id: card, to: placement, expectedVersion: versions[card]!, audit: fixture.audit, now: BoardFixture.morning)
                versions[card] = moved.version
                let columns = try await fixture.columns()
                for status in statuses { #expect(columns[status] ?? [] == model[status] ?? [], "\(status)") }
            }
        }
    }

    @Test("a full column refuses cards from other columns but not moves within it", arguments: TestDatabases.dialects)
    func wipLimits(dialect: SQLDialect) async throws {
        try await BoardFixture.with(dialect) { fixture in
            var settings = BoardSettings.defaults
            settings.columns[2].wipLimit = 2  // in_progress
            try await BoardSettingsRepository(database: fixture.database).replace(
                with: settings, audit: fixture.audit, now: BoardFixture.morning)
            let cards = try await fixture.book(3)
            var moved: [StoredAppointment] = []
            for card in cards.prefix(2) {
                moved.append(
                    try await fixture.appointments.move(
                        id: card.id, to: BoardPlacement(status: .inProgress), expectedVersion: 1, audit: fixture.audit,
                        now: BoardFixture.morning))
            }
            await #expect(throws: AppointmentStoreError.wipLimitReached(status: .inProgress, limit: 2)) {
                try await fixture.appointments.move(
                    id: cards[2].id, to: BoardPlacement(status: .inProgress), expectedVersion: 1, audit: fixture.audit,
                    now: BoardFixture.morning)
            }
            // Reordering inside the full column is fine.
            _ = try await fixture.appointments.move(
                id: moved[1].id, to: BoardPlacement(status: .inProgress, beforeID: moved[0].id), expectedVersion: moved[1].version,
                audit: fixture.audit, now: BoardFixture.morning)
            let columns = try await fixture.columns()
            #expect(columns[.inProgress] == [moved[1].id, moved[0].id])
            #expect(columns[.scheduled] == [cards[2].id])
        }
    }

    @Test("every change is announced on the day's topic, in order", arguments: TestDatabases.dialects)
    func eventsInOrder(dialect: SQLDialect) async throws {
        try await BoardFixture.with(dialect) { fixture in
            let before = try await EventLog(database: fixture.database).latestID()
            let card = try #require(try await fixture.book(1).first)
            let checkedIn = try await fixture.appointments.move(
                id: card.id, to: BoardPlacement(status: .checkedIn), expectedVersion: 1, audit: fixture.audit, now: BoardFixture.morning)
            let started = try await fixture.appointments.move(
                id: card.id, to: BoardPlacement(status: .inProgress), expectedVersion: checkedIn.version, audit: fixture.audit,
                now: BoardFixture.morning)
            try await fixture.appointments.delete(
                id: card.id, expectedVersion: started.version, audit: fixture.audit, now: BoardFixture.morning)
            let topic = BoardTopic.name(workspaceID: fixture.workspaceID, day: BoardFixture.day)
            let events = try await EventLog(database: fixture.database).events(after: before, topics: [topic], limit: 100)
            #expect(events.map(\.type) == ["appointment.created", "appointment.moved", "appointment.moved", "appointment.deleted"])
            let payloads = try events.map { try JSONSerialization.jsonObject(with: Data($0.payload.utf8)) as? [String: Any] ?? [:] }
            #expect(payloads.map { $0["version"] as? Int } == [1, 2, 3, 3])
            #expect(payloads.map { $0["status"] as? String } == ["scheduled", "checked_in", "in_progress", "in_progress"])
            #expect(payloads[2]["fromStatus"] as? String == "checked_in")
            #expect(events.map(\.id) == events.map(\.id).sorted())
            let audited = try await fixture.database.query(
                "SELECT action FROM audit_log WHERE target_id = \(card.id) ORDER BY id")
            #expect(
                try audited.map { try $0.decode("action", as: String.self) } == [
                    "appointment.create", "appointment.move", "appointment.move", "appointment.delete",
                ])
        }
    }
}
