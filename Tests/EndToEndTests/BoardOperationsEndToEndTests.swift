import BulletinServerTestSupport
import BulletinTestSupport
import Foundation
import Testing

/// The status board's operator commands against the built binary: `bulletin smoke` and
/// `bulletin loadtest board` on a `serve --demo`, with a good token and a wrong one, and with
/// objectives that always hold and one that never can (no timing assertion: the
/// machine running the suite may be slow).
@Suite("Board operations, end to end")
struct BoardOperationsEndToEndTests {
    @Test(
        "smoke passes with a token and fails without a valid one; loadtest board passes objectives it cannot miss and fails one it cannot meet"
    )
    func smokeAndLoadTest() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let server = try BulletinProcess(["serve", "--demo", "--port", "0", "--bcrypt-cost", "4"], in: folder.path)
        let session = try await ExportsEndToEndTests.signIn(server, setUp: true)
        let url = session.base.absoluteString

        let smoke = try await Self.run(["smoke", url, "--token", session.token], in: folder)
        #expect(smoke.status == 0, "\(smoke.output)\n\(smoke.errors)")
        #expect(smoke.lines.last == "smoke: passed")
        let steps = smoke.lines.filter { $0.hasPrefix("✓ ") || $0.hasPrefix("✗ ") }
        #expect(steps.count >= 8, "\(smoke.output)")
        #expect(steps.allSatisfy { $0.hasPrefix("✓ ") && $0.contains(" ms  x-correlation-id=smoke-") }, "\(smoke.output)")
        for step in ["health", "services", "board", "create appointment", "move", "stale move refused", "stats", "delete appointment"] {
            #expect(steps.contains { $0.hasPrefix("✓ \(step)  ") }, "\(step)")
        }

        let refused = try await Self.run(["smoke", url, "--token", "not-a-token"], in: folder)
        #expect(refused.status == 1, "\(refused.output)")
        #expect(refused.lines.last == "smoke: failed")
        #expect(
            refused.lines.contains { $0.hasPrefix("✗ ") && $0.contains("x-correlation-id=") && $0.contains("401") }, "\(refused.output)")

        let load = ["loadtest", "board", url, "--token", session.token, "--rps", "20", "--duration", "2s", "--slo"]
        // The verdict, not the machine's speed, is under test: objectives no run can miss pass,
        // one no run can meet fails. Speed itself is measured by scripts/bench-board.
        let generous = ["--slo-board-ms", "600000", "--slo-stats-ms", "600000", "--slo-move-ms", "600000"]
        let met = try await Self.run(load + generous, in: folder)
        #expect(met.status == 0, "\(met.output)\n\(met.errors)")
        for operation in ["board", "stats", "move"] {
            #expect(met.lines.contains { $0.hasPrefix(operation + " ") && $0.contains("p95=") && $0.contains("errors=0") }, "\(met.output)")
        }
        #expect(met.lines.contains { $0.hasPrefix("errors: 0.00 %") })
        #expect(met.lines.contains { $0.hasPrefix("achieved: ") })
        #expect(met.lines.last == "slo: passed", "\(met.output)")

        let missed = try await Self.run(load + ["--slo-board-ms", "0"], in: folder)
        #expect(missed.status == 1, "\(missed.output)")
        #expect(missed.lines.last?.hasPrefix("slo: failed (board p95") == true, "\(missed.output)")

        // Neither command left anything behind: the temporary appointments and services are gone.
        let services = try await session.object("GET", "v1/services")["items"] as? [[String: Any]] ?? []
        #expect(
            !services.contains { ($0["code"] as? String)?.hasPrefix("SMOKE") == true || ($0["code"] as? String)?.hasPrefix("LOAD") == true }
        )

        server.send(SIGTERM)
        #expect(try await server.waitForExit() == 0)
    }

    /// Runs the binary to its end; returns its status, standard output and its lines, and
    /// standard error.
    static func run(
        _ arguments: [String], in folder: TemporaryFolder
    ) async throws
        -> (status: Int32, output: String, lines: [String], errors: String)
    {
        let process = try BulletinProcess(arguments, in: folder.path)
        let status = try await process.waitForExit(limit: .seconds(120))
        let output = process.standardOutput
        return (status, output, output.split(separator: "\n").map(String.init), process.standardError)
    }
}
