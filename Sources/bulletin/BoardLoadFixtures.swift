import Foundation
import NIOHTTP1

/// The cards a board load test moves: the day's own, or, when the day has none, up to 10
/// temporary appointments (on a temporary service when no service is active) that
/// ``cleanUp()`` deletes afterwards.
struct BoardLoadFixtures {
    let client: OperatorClient
    /// The board's day, `YYYY-MM-DD`.
    let date: String
    /// How many appointments to create on an empty day.
    static let temporaryAppointments = 10
    private(set) var appointmentIDs: [String] = []
    private(set) var serviceID: String?

    init(client: OperatorClient, date: String) {
        self.client = client
        self.date = date
    }

    /// Noon UTC of a `YYYY-MM-DD` day, or `nil` when the text is not one.
    static func noon(of date: String) -> Date? {
        guard date.count == 10 else { return nil }
        return try? Date(date + "T12:00:00Z", strategy: .iso8601)
    }

    /// The cards of the day by ID, with their versions; creates temporary ones on an empty day.
    ///
    /// - Throws: ``SetupFailed`` when the board cannot be read or the cards cannot be created.
    mutating func prepare() async throws -> [String: String] {
        let board = try await expect(200, .GET, "/v1/board?date=\(date)", "read the board")
        guard let columns = board.object?["columns"] as? [[String: Any]] else { throw SetupFailed("the board has no columns") }
        var cards: [String: String] = [:]
        for card in columns.flatMap({ $0["cards"] as? [[String: Any]] ?? [] }) {
            if let id = card["id"] as? String, let version = BoardAPI.version(card["version"]) { cards[id] = version }
        }
        guard cards.isEmpty else { return cards }

        let services = try await expect(200, .GET, "/v1/services", "list the services")
        var code = BoardAPI.firstActiveCode(in: services.object)
        if code == nil {
            let newCode = BoardAPI.temporaryCode("LOAD")
            let created = try await expect(201, .POST, "/v1/services", "create a service", json: BoardAPI.serviceBody(code: newCode))
            serviceID = created.object?["id"] as? String
            code = newCode
        }
        let noon = Self.noon(of: date) ?? Date()
        for index in 0..<Self.temporaryAppointments {
            let body = BoardAPI.appointmentBody(serviceCode: code!, start: noon.addingTimeInterval(Double(index) * 900))
            let created = try await expect(201, .POST, "/v1/appointments", "create an appointment", json: body)
            guard let id = created.object?["id"] as? String, let version = BoardAPI.version(created.object?["version"]) else {
                throw SetupFailed("a created appointment has no id or version")
            }
            appointmentIDs.append(id)
            cards[id] = version
        }
        return cards
    }

    /// Deletes the temporary appointments and service, saying on standard error what could not be.
    func cleanUp() async {
        for id in appointmentIDs {
            await delete("/v1/appointments/\(id)", "appointment \(id)")
        }
        if let serviceID { await delete("/v1/services/\(serviceID)", "service \(serviceID)") }
    }

    private func delete(_ path: String, _ what: String) async {
        do {
            let reply = try await client.send(.DELETE, path)
            if !(200..<300).contains(reply.status) {
                printError("could not delete the temporary \(what): \(reply.reason) (x-correlation-id=\(reply.correlationID))")
            }
        } catch {
            printError("could not delete the temporary \(what): \(error)")
        }
    }

    private func expect(
        _ status: Int, _ method: HTTPMethod, _ path: String, _ what: String, json: Data? = nil
    ) async throws -> Reply {
        let reply: Reply
        do {
            reply = try await client.send(method, path, json: json)
        } catch let failure as RequestFailed {
            throw SetupFailed("cannot reach \(client.base) to \(what): \(failure.reason)")
        }
        guard reply.status == status else {
            throw SetupFailed("could not \(what): \(reply.reason) (x-correlation-id=\(reply.correlationID))")
        }
        return reply
    }
}

/// Why a load test could not start.
struct SetupFailed: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
