import ArgumentParser
import Foundation

/// `bulletin loadtest`: load generators, run against a running server (`board`) or a new one
/// of this binary (`reports`).
struct LoadTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loadtest", abstract: "Put a server under load and measure its latency.",
        subcommands: [LoadTestBoardCommand.self, LoadTestReportsCommand.self])
}

/// `bulletin loadtest board`: board reads, stats and moves at a fixed rate, with latency
/// percentiles per operation and, with `--slo`, a verdict against the service-level objectives.
struct LoadTestBoardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board",
        abstract: "Read the board (60 %), its stats (30 %) and move cards (10 %) at a fixed rate; print p50/p95/p99.",
        discussion: """
            Requests start on a fixed schedule (the open model): request i at start + i/rps, whatever \
            the answers before it; a request that had to wait for a free slot (--concurrency) is \
            timed from when it was due, so a slow server shows in the percentiles. Moves take a \
            random card of the day to a random column with the version last seen for it: they move \
            real cards, so run it on a test day or a staging server. When the day has no cards, \
            up to 10 temporary appointments (and a temporary service when none is active) are \
            created first and deleted afterwards. A 409 for a stale version or a full column is \
            not an error; any other failure is.
            """)

    @Argument(help: "The server's base URL, such as http://127.0.0.1:8080.") var url: ServerURL
    @Option(help: "An access token of an editor, sent as Authorization: Bearer.") var token: String
    @Option(help: "Requests started per second.") var rps: Double
    @Option(help: "How long the load lasts: 60, 60s or 2m.") var duration: LoadDuration
    @Flag(help: "Compare the p95s and the error rate with the objectives; exit 1 when one is missed.") var slo = false
    @Option(help: "The board read's p95 objective, in milliseconds.") var sloBoardMs = 800.0
    @Option(help: "The stats read's p95 objective, in milliseconds.") var sloStatsMs = 500.0
    @Option(help: "The move's p95 objective, in milliseconds.") var sloMoveMs = 400.0
    @Option(help: "The highest error rate, in percent.") var sloErrorRate = 0.5
    @Option(help: "The board's day, YYYY-MM-DD (default: today in UTC).") var date: String?
    @Option(help: "The most requests in flight at once.") var concurrency = 256

    func validate() throws {
        guard rps > 0, rps.isFinite else { throw ValidationError("--rps must be above 0") }
        guard Int((rps * duration.seconds).rounded()) >= 1 else { throw ValidationError("--rps and --duration give no request") }
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        guard [sloBoardMs, sloStatsMs, sloMoveMs, sloErrorRate].allSatisfy({ $0 >= 0 }) else {
            throw ValidationError("the --slo-* thresholds cannot be negative")
        }
        if let date, BoardLoadFixtures.noon(of: date) == nil { throw ValidationError("--date must be YYYY-MM-DD") }
    }

    func run() async throws {
        let day = date ?? BoardAPI.today()
        let count = Int((rps * duration.seconds).rounded())
        let result: LoadResult
        do {
            result = try await load(day: day, count: count)
        } catch let failure as SetupFailed {
            printError(failure.description)
            throw ExitCode(1)
        }
        let report = LoadReport(result)
        print(report.table)
        for (failure, count) in report.commonFailures() {
            printError("\(count) × \(failure)")
        }
        if slo {
            let missed = report.missedObjectives(
                board: sloBoardMs, stats: sloStatsMs, move: sloMoveMs, errorRate: sloErrorRate)
            print(missed.isEmpty ? "slo: passed" : "slo: failed (\(missed.joined(separator: ", ")))")
            if !missed.isEmpty { throw ExitCode(1) }
        } else if report.errors == report.total {
            printError("every request failed")
            throw ExitCode(1)
        }
    }

    /// Prepares the cards, runs the load and deletes the temporary cards.
    private func load(day: String, count: Int) async throws -> LoadResult {
        try await OperatorClient.with(url, token: token, prefix: "load", connections: concurrency) { client in
            var fixtures = BoardLoadFixtures(client: client, date: day)
            let cards: [String: String]
            do {
                cards = try await fixtures.prepare()
            } catch {
                await fixtures.cleanUp()
                throw error
            }
            print("loadtest: \(count) requests at \(String(format: "%g", rps))/s on the board of \(day) (\(cards.count) cards)")
            let generator = BoardLoadGenerator(
                client: client, date: day, rate: rps, count: count, concurrency: concurrency, cards: KnownCards(cards))
            let result = await generator.run()
            await fixtures.cleanUp()
            return result
        }
    }
}

/// How long a load lasts, as given on the command line: seconds (`60`, `60s`, `1.5s`) or
/// minutes (`2m`).
struct LoadDuration: ExpressibleByArgument, Sendable {
    let seconds: Double

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces).lowercased()
        let (number, unit): (Substring, Double) =
            if text.hasSuffix("m") {
                (text.dropLast(), 60)
            } else if text.hasSuffix("s") {
                (text.dropLast(), 1)
            } else {
                (Substring(text), 1)
            }
        guard let value = Double(number), value.isFinite, value > 0 else { return nil }
        seconds = value * unit
    }
}
