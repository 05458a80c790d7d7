import ArgumentParser
import Foundation
import NIOHTTP1

/// `bulletin smoke`: checks a running server's status board end to end, as an operator would
/// after a deploy, and deletes what it created.
struct SmokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "smoke",
        abstract: "Check a running server: health, services, board, a move round trip and stats.",
        discussion: """
            Reads /healthz, the services and today's board (UTC), creates a temporary appointment \
            (and a temporary service when none is active), moves it with If-Match, checks that the \
            same move with the old version is refused with 409, reads the stats and deletes what it \
            created, also after a failed step. Prints one line per step with its time and \
            x-correlation-id (sent as X-Request-ID too, so the server's log has it). Exits 0 when \
            every step passed, 1 otherwise.
            """)

    @Argument(help: "The server's base URL, such as http://127.0.0.1:8080.") var url: ServerURL
    @Option(help: "An access token, sent as Authorization: Bearer.") var token: String?

    func run() async throws {
        let passed = try await OperatorClient.with(url, token: token, prefix: "smoke") { client in
            var smoke = SmokeTest(client: client)
            return await smoke.run()
        }
        print(passed ? "smoke: passed" : "smoke: failed")
        if !passed { throw ExitCode(1) }
    }
}

/// The steps of one smoke test, stopping at the first that fails, then the clean-up of what
/// they created.
private struct SmokeTest {
    let client: OperatorClient
    let date = BoardAPI.today()
    var passed = true
    /// The temporary service's ID, when one was created.
    var serviceID: String?
    /// The temporary appointment's ID, when one was created.
    var appointmentID: String?

    mutating func run() async -> Bool {
        await check()
        await cleanUp()
        return passed
    }

    private mutating func check() async {
        guard await step("health", .GET, "/healthz", expect: 200) != nil else { return }
        guard let services = await step("services", .GET, "/v1/services", expect: 200, has: "items") else { return }
        var code = BoardAPI.firstActiveCode(in: services.object)
        if code == nil {
            let newCode = BoardAPI.temporaryCode("SMOKE")
            guard let created = await step("create service", .POST, "/v1/services", json: BoardAPI.serviceBody(code: newCode), expect: 201)
            else { return }
            serviceID = created.object?["id"] as? String
            code = newCode
        }
        guard await step("board", .GET, "/v1/board?date=\(date)", expect: 200, has: "columns") != nil, let code else { return }
        let body = BoardAPI.appointmentBody(serviceCode: code, start: Date())
        guard let created = await step("create appointment", .POST, "/v1/appointments", json: body, expect: 201, has: "id", "version")
        else { return }
        appointmentID = created.object?["id"] as? String
        guard let id = appointmentID, let version = BoardAPI.version(created.object?["version"]) else { return }
        let move = BoardAPI.moveBody(status: "checked_in")
        let path = "/v1/appointments/\(id)/move"
        let moved = await step("move", .POST, path, json: move, ifMatch: version, expect: 200) { reply in
            guard let moved = BoardAPI.version(reply.object?["version"]) else { return "no version in the answer" }
            return BoardAPI.isLater(moved, than: version) ? nil : "the version did not increase (\(version) → \(moved))"
        }
        guard moved != nil else { return }
        guard await step("stale move refused", .POST, path, json: move, ifMatch: version, expect: 409) != nil else { return }
        _ = await step("stats", .GET, "/v1/board/stats?date=\(date)", expect: 200, has: "jobsToday")
    }

    /// Deletes what the steps created, whatever happened to them.
    private mutating func cleanUp() async {
        if let appointmentID {
            _ = await step("delete appointment", .DELETE, "/v1/appointments/\(appointmentID)", expect: 204)
        }
        if let serviceID {
            _ = await step("delete service", .DELETE, "/v1/services/\(serviceID)", expect: 204)
        }
    }

    /// Sends one request, checks its status, the fields its JSON object must have and then
    /// `check` (which returns why the answer is wrong, or `nil`), and prints the step's line.
    ///
    /// - Returns: The answer when the step passed.
    private mutating func step(
        _ name: String, _ method: HTTPMethod, _ path: String, json: Data? = nil, ifMatch: String? = nil, expect status: Int,
        has fields: String..., check: (Reply) -> String? = { _ in nil }
    ) async -> Reply? {
        let reply: Reply
        do {
            reply = try await client.send(method, path, json: json, ifMatch: ifMatch)
        } catch let failure as RequestFailed {
            report(name, failure.elapsed, failure.correlationID, failure: "no answer: \(failure.reason)")
            if name == "health" { printError("cannot reach \(client.base): \(failure.reason)") }
            return nil
        } catch {
            report(name, .zero, "-", failure: "\(error)")
            return nil
        }
        let missing = fields.filter { reply.object?[$0] == nil }
        let failure: String? =
            if reply.status != status {
                "expected \(status), got \(reply.reason)"
            } else if !missing.isEmpty {
                "no \(missing.joined(separator: ", ")) in the answer"
            } else {
                check(reply)
            }
        report(name, reply.elapsed, reply.correlationID, failure: failure)
        return failure == nil ? reply : nil
    }

    private mutating func report(_ name: String, _ elapsed: Duration, _ correlationID: String, failure: String?) {
        let time = String(format: "%.1f", BoardAPI.milliseconds(elapsed))
        if let failure {
            passed = false
            print("✗ \(name)  \(time) ms  x-correlation-id=\(correlationID)  \(failure)")
        } else {
            print("✓ \(name)  \(time) ms  x-correlation-id=\(correlationID)")
        }
    }
}
