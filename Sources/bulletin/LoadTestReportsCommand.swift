import ArgumentParser
import BulletinAIFakes
import BulletinCore
import BulletinStore
import Foundation
import Logging
import NIOHTTP1

/// `bulletin loadtest reports`: many report runs at once on a new server of this binary, their
/// narrative written by fake providers streaming at a provider's pace (or offline), timed
/// from the project's creation to the report being ready.
struct LoadTestReportsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reports",
        abstract: "Run reports at once on a new server of this binary, written by fake providers (or offline); print time to ready.",
        discussion: """
            Starts `bulletin serve` on a new data folder (SQLite, the rate limit out of the way) and, with --writer fake, a local fake of \
            the providers that streams at --first-token-ms and --tokens-per-second (300 ms and 50 by \
            default: a provider's pace). Creates --runs projects at once (no websites: the time is the \
            writing's), each starting its report, and times each from the creation's request to its run \
            being ready. Prints p50, p95, average and the longest, the seed's bar beside them (p95 under \
            60 s, average under 45 s), and, with the fake, its own streaming time per call and Bulletin's \
            time per call beyond it (the mean of the recorded call latency minus the fake's streaming time).
            """)

    enum Writer: String, ExpressibleByArgument, CaseIterable {
        case fake, offline
    }

    @Option(help: "Who writes: fake (fake providers at a provider's pace) or offline.") var writer = Writer.fake
    @Option(help: "Report runs started at once.") var runs = 20
    @Option(help: "Peers per project (each report has the summary and a section per participant).") var peers = 3
    @Option(help: "The fake's time to the first token, in milliseconds.") var firstTokenMs = 300
    @Option(help: "The fake's tokens (about a word each) per second.") var tokensPerSecond = 50.0

    func validate() throws {
        guard (1...200).contains(runs) else { throw ValidationError("--runs must be from 1 to 200") }
        guard (2...20).contains(peers) else { throw ValidationError("--peers must be from 2 to 20") }
        guard firstTokenMs >= 0, tokensPerSecond > 0, tokensPerSecond.isFinite else {
            throw ValidationError("--first-token-ms cannot be negative and --tokens-per-second must be above 0")
        }
    }

    func run() async throws {
        let pace = FakeLanguageModels.Pace(firstToken: .milliseconds(firstTokenMs), tokensPerSecond: tokensPerSecond)
        try await FakeLanguageModels.run(pace: pace) { base, fake in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bulletin-loadtest-\(RandomID.make())").path
            defer { try? FileManager.default.removeItem(atPath: folder) }
            var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BULLETIN_") }
            if writer == .fake {
                environment["BULLETIN_OPENAI_API_KEY"] = FakeLanguageModels.key
                environment["BULLETIN_OPENAI_BASE_URL"] = base
            }
            let server = try ChildServer(
                arguments: [
                    "serve", "--port", "0", "--data-dir", folder, "--bcrypt-cost", "4",
                    "--worker-concurrency", "reports=\(runs)", "--report-runs-concurrent", "\(max(runs, 25))", "--api-rate-limit",
                    "1000000",
                ], environment: environment)
            defer { server.stop() }
            let (url, setupToken) = try await server.listening()
            let times = try await OperatorClient.with(try Self.url(url), token: nil, prefix: "loadtest", connections: runs) { client in
                try await measure(client, setupToken: setupToken)
            }
            server.stop()
            print(try await summary(times: times, fake: fake, database: folder + "/bulletin.sqlite"))
        }
    }

    /// Sets up the installation, starts every run at once, and returns each one's time to ready.
    private func measure(_ anonymous: OperatorClient, setupToken: String) async throws -> [Duration] {
        let credentials = ["email": "load@example.com", "password": "correct horse battery staple"]
        let setup = try await anonymous.send(
            .POST, "/v1/setup",
            json: try JSONSerialization.data(withJSONObject: credentials.merging(["token": setupToken, "workspaceName": "Load"]) { $1 }))
        guard setup.status == 201 else { throw ValidationError("setting up the server failed: \(setup.reason)") }
        let login = try await anonymous.send(.POST, "/v1/auth/login", json: try JSONSerialization.data(withJSONObject: credentials))
        guard let token = login.object?["accessToken"] as? String else { throw ValidationError("signing in failed: \(login.reason)") }
        let client = OperatorClient(http: anonymous.http, base: anonymous.base, token: token, prefix: "loadtest")
        return try await withThrowingTaskGroup(of: Duration.self) { group in
            for index in 0..<runs {
                group.addTask { try await oneRun(client, index: index) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    /// Creates a project and waits for its first report.
    private func oneRun(_ client: OperatorClient, index: Int) async throws -> Duration {
        func participant(_ name: String, price: Int) -> [String: Any] {
            ["name": name, "attributes": ["price": price, "rating": Double(index % 5) + 0.5]]
        }
        let project: [String: Any] = [
            "name": "Load \(index)", "subject": participant("Subject \(index)", price: 10 + index),
            "peers": (0..<peers).map { participant("Peer \($0)", price: 8 + $0 * 3) },
        ]
        let started = ContinuousClock.now
        let created = try await client.send(.POST, "/v1/projects", json: try JSONSerialization.data(withJSONObject: project))
        guard created.status == 201, let runID = (created.object?["latestRun"] as? [String: Any])?["id"] as? String else {
            throw ValidationError("creating a project failed: \(created.reason)")
        }
        while true {
            let run = try await client.send(.GET, "/v1/runs/\(runID)")
            switch run.object?["state"] as? String {
            case "ready": return ContinuousClock.now - started
            case "failed", "cancelled", nil: throw ValidationError("run \(runID) did not finish: \(run.reason)")
            default: try await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    /// The figures, a line each.
    private func summary(times: [Duration], fake: FakeLanguageModels, database: String) async throws -> String {
        let seconds = times.map { $0 / .seconds(1) }
        let percentiles = Percentiles(of: seconds)!
        let average = seconds.reduce(0, +) / Double(seconds.count)
        var lines = [
            "runs: \(runs) at once, \(peers + 2) parts each, writer \(writer.rawValue)",
            String(
                format: "time to ready: p50 %.2f s, p95 %.2f s, average %.2f s, longest %.2f s", percentiles.p50, percentiles.p95,
                average, seconds.max()!),
            String(
                format: "seed's bar: p95 < 60 s (%@), average < 45 s (%@)", percentiles.p95 < 60 ? "met" : "missed",
                average < 45 ? "met" : "missed"),
        ]
        guard writer == .fake else { return lines.joined(separator: "\n") }
        let streams = fake.streamDurations.map { $0 / .milliseconds(1) }
        guard let streaming = Percentiles(of: streams) else { return lines.joined(separator: "\n") }
        let meanStream = streams.reduce(0, +) / Double(streams.count)
        let service = try await DatabaseService.open(location: .sqlite(path: database), poolSize: 1, logger: .init(label: "loadtest"))
        let latency = try await service.withRunning { database in
            try await database.query(
                "SELECT AVG(latency_ms) AS mean, COUNT(*) AS calls FROM language_model_calls WHERE outcome = 'answered'"
            )
            .first.map { (try $0.decode("mean", as: Double.self), try $0.decode("calls", as: Int.self)) }
        }
        lines.append(
            String(
                format: "fake provider per call: p50 %.0f ms, p95 %.0f ms streaming (%d calls)", streaming.p50, streaming.p95, streams.count
            ))
        if let (mean, calls) = latency {
            lines.append(String(format: "Bulletin per call beyond the provider: %.2f ms (mean of %d calls)", mean - meanStream, calls))
        }
        return lines.joined(separator: "\n")
    }

    private static func url(_ value: String) throws -> ServerURL {
        guard let url = ServerURL(argument: value) else { throw ValidationError("the server said it listens at \(value)") }
        return url
    }
}
