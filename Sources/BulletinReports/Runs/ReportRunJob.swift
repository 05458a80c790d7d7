import BulletinCore
import BulletinJobs
import BulletinStore
import Foundation
import Logging
import Synchronization

/// `report.run`: works a report run through its stages — collect the participants' pages,
/// analyse, write, render — and stores the result as the project's next report version.
/// Each stage announces itself (stage, overall progress, message) on `run:ID` and `project:ID`.
///
/// A cancelled run stops at its next step (its job is cancelled too, which stops the handler
/// within a second). An unexpected error fails the attempt and the run is retried from the
/// start; when the attempts are used up, the run fails with the error as its problem.
public struct ReportRunJob: JobHandler {
    /// The run to work, and its workspace.
    public struct Arguments: Codable, Sendable {
        public var runId: String
        public var workspaceId: String
    }

    public static let kind = "report.run"
    public static var options: JobKindOptions {
        JobKindOptions(queue: "reports", priority: 2, maxAttempts: 3, timeout: .seconds(300))
    }

    /// The least time between two progress events of the collect stage: each is a write
    /// and two events, and a page read every few milliseconds would flood both.
    static let progressInterval = Duration.milliseconds(200)

    let database: any Database
    /// Which addresses the fetcher may reach, asked at each run (the demo's port is known
    /// only once the server listens).
    let addressPolicy: @Sendable () -> AddressPolicy
    let writers: ReportWriters
    let metrics: ReportMetrics
    let clock: WallClock

    /// Creates the handler.
    ///
    /// - Parameters:
    ///   - addressPolicy: Which addresses the fetcher may reach, asked at each run.
    ///   - writers: Who writes each run's narrative: language models, or offline.
    public init(
        database: any Database, addressPolicy: @escaping @Sendable () -> AddressPolicy, writers: ReportWriters,
        metrics: ReportMetrics, clock: WallClock
    ) {
        self.database = database
        self.addressPolicy = addressPolicy
        self.writers = writers
        self.metrics = metrics
        self.clock = clock
    }

    public func run(_ arguments: Arguments, context: JobContext) async throws {
        let runs = ReportRunRepository(database: database)
        let collecting = ContinuousClock.now
        guard
            let (run, project) = try await runs.begin(
                runID: arguments.runId, workspaceID: arguments.workspaceId, message: Self.collectingMessage, now: clock.now())
        else { return }
        do {
            guard let report = try await work(run, project: project.draft, runs: runs, since: collecting) else { return }
            metrics.count(.ready)
            try context.setResult(["reportId": report.id, "version": String(report.version)])
        } catch let error where !(error is CancellationError) && !Task.isCancelled {
            // What went wrong is for the log; members read only that it did, and where to look.
            context.logger.error("report run attempt failed", metadata: ["runId": "\(run.id)", "error": "\(String(reflecting: error))"])
            guard context.job.attempt >= context.job.maxAttempts else {
                _ = try await runs.advance(
                    runID: run.id, to: .queued, progress: 0,
                    message: "Attempt \(context.job.attempt) of \(context.job.maxAttempts) failed; trying again.", now: clock.now())
                throw error
            }
            let detail =
                "An unexpected error stopped the run \(context.job.maxAttempts) times; the server's log has it under job \(context.job.id)."
            try await runs.fail(
                runID: run.id, problem: RunProblem(title: "The report could not be produced", detail: detail), now: clock.now())
            metrics.count(.failed)
            throw JobError.discard("\(error)")
        }
    }

    /// What a run says as it begins collecting.
    @Sendable static func collectingMessage(_ project: ProjectDraft) -> String {
        let websites = ([project.subject] + project.peers).filter { $0.website != nil }.count
        return websites == 0 ? "No websites to read." : "Reading \(websites) website\(websites == 1 ? "" : "s")."
    }

    /// Runs the stages after `begin` started collecting; `nil` when the run was cancelled on the way.
    private func work(
        _ run: ReportRun, project: ProjectDraft, runs: ReportRunRepository, since collecting: ContinuousClock.Instant
    ) async throws -> StoredReport? {
        let pace = ProgressPace(interval: Self.progressInterval)
        let (inputs, notes) = await Collector(fetcher: PageFetcher(policy: addressPolicy())).collect(project) { done, total in
            guard done < total, pace.isDue() else { return }
            _ = try? await runs.advance(
                runID: run.id, to: .collecting,
                progress: ReportRunRepository.collectingProgress + 0.65 * Double(done) / Double(total),
                message: "Read \(done) of \(total) website\(total == 1 ? "" : "s").", now: clock.now())
        }
        try Task.checkCancellation()
        metrics.record(.collecting, took: ContinuousClock.now - collecting)

        let analysing = ContinuousClock.now
        guard
            try await runs.advance(
                runID: run.id, to: .analysing, progress: 0.75, message: "Comparing \(inputs.count) participants.", now: clock.now())
        else { return nil }
        let previous = try await runs.latestAnalysis(projectID: run.projectID).flatMap {
            try? JSONDecoder.reports.decode(Analysis.self, from: Data($0.utf8))
        }
        let analysis = Analyser.analyse(inputs, previous: previous)
        metrics.record(.analysing, took: ContinuousClock.now - analysing)

        let writing = ContinuousClock.now
        guard try await runs.advance(runID: run.id, to: .writing, progress: 0.85, message: "Writing the report.", now: clock.now())
        else { return nil }
        let live = LiveText()
        let send: @Sendable (String, String) async -> Void = { part, text in
            try? await runs.announceText(run, part: part, text: text, now: clock.now())
        }
        let announcing = Task { await live.announce(every: Self.progressInterval, send) }
        defer { announcing.cancel() }
        let writer = try await writers.writer(for: run, database: database, metrics: metrics, clock: clock) { part, text in
            live.update(part, text)
        }
        let document = try await writer.write(project: project, analysis: analysis, notes: notes, at: clock.now())
        // The last of the text, once the announcing task has stopped (no older text after it).
        announcing.cancel()
        await announcing.value
        await live.flush(send)
        metrics.record(.writing, took: ContinuousClock.now - writing)

        let rendering = ContinuousClock.now
        guard
            try await runs.advance(
                runID: run.id, to: .rendering, progress: 0.95, message: "Rendering Markdown and HTML.", now: clock.now())
        else { return nil }
        let report = NewReport(
            title: document.title, analysis: try JSONText.encode(analysis), document: try JSONText.encode(document),
            markdown: MarkdownRenderer.render(document), html: HTMLRenderer.render(document))
        metrics.record(.rendering, took: ContinuousClock.now - rendering)
        return try await runs.finish(runID: run.id, with: report, now: clock.now())
    }
}

/// Lets a progress report through when `interval` has passed since the last one let through
/// (the first waits a whole interval from the start, when the stage's own event went out).
final class ProgressPace: Sendable {
    private let interval: Duration
    private let last: Mutex<ContinuousClock.Instant>

    init(interval: Duration) {
        self.interval = interval
        last = Mutex(.now)
    }

    func isDue() -> Bool {
        last.withLock { last in
            let now = ContinuousClock.now
            guard now - last >= interval else { return false }
            last = now
            return true
        }
    }
}

/// The text of the parts being written, announced every `interval` by a task of its own, so
/// that reading a model's stream never waits for the database: each part's latest answer
/// replaces the one not yet announced, and only what is announced is made readable (the
/// answer's JSON so far turned into its lines of text).
final class LiveText: Sendable {
    private let pending = Mutex<[String: String]>([:])

    /// Keeps the part's text for the next announcement.
    func update(_ part: String, _ text: String) {
        pending.withLock { $0[part] = text }
    }

    /// Announces what changed every `interval`, until the task is cancelled.
    func announce(every interval: Duration, _ send: @Sendable (String, String) async -> Void) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            guard !Task.isCancelled else { return }
            await flush(send)
        }
    }

    /// Announces what changed since the last announcement, now.
    func flush(_ send: @Sendable (String, String) async -> Void) async {
        let changed = pending.withLock { pending in
            defer { pending = [:] }
            return pending
        }
        for (part, answer) in changed.sorted(by: { $0.key < $1.key }) { await send(part, PartialJSONText.values(in: answer)) }
    }
}

extension JSONDecoder {
    /// Reads what ``JSONText`` wrote: ISO 8601 dates.
    static let reports: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
