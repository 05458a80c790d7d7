import Foundation

/// Where a report run stands. It moves forward through the stages and ends `ready`,
/// `failed` or `cancelled`; a failed or cancelled run can be retried, which queues it again.
public enum ReportRunState: String, Sendable, Hashable, CaseIterable {
    case queued, collecting, analysing, writing, rendering, ready, failed, cancelled

    /// Whether the run has yet to end.
    public var isActive: Bool { ![.ready, .failed, .cancelled].contains(self) }
}

/// Why a run failed, shown to users as a problem document.
public struct RunProblem: Codable, Sendable, Hashable {
    public var title: String
    public var detail: String

    public init(title: String, detail: String) {
        self.title = title
        self.detail = detail
    }
}

/// One attempt to produce a project's report, as stored.
public struct ReportRun: Sendable, Hashable {
    public let id: String
    public let workspaceID: String
    public let projectID: String
    public let state: ReportRunState
    /// The whole run's progress, from 0 to 1.
    public let progress: Double
    /// What the run is doing now, or how it ended.
    public let message: String?
    /// Set when the run failed.
    public let problem: RunProblem?
    /// The job working the run.
    public let jobID: Int64?
    /// The report the run produced, once ready.
    public let reportID: String?
    public let requestedBy: String?
    /// What started the run.
    public let trigger: ReportRunTrigger
    public let createdAt: Date
    public let startedAt: Date?
    public let finishedAt: Date?
    public let updatedAt: Date

    /// The realtime topic the run's progress is announced on.
    public var topic: String { "run:\(id)" }
}

/// What started a report run.
public enum ReportRunTrigger: String, Sendable, Hashable, CaseIterable {
    /// The project's creation.
    case project
    /// A person or an API key, asking for a new version (a retry keeps the run's trigger).
    case manual
    /// The project's report schedule.
    case schedule
}

/// A finished report: one version of a project's report.
public struct StoredReport: Sendable, Hashable {
    public let id: String
    public let workspaceID: String
    public let projectID: String
    public let runID: String
    /// 1 for the project's first report, then counting up.
    public let version: Int
    public let title: String
    /// The analysis as JSON: what the next version compares with.
    public let analysis: String
    /// The report document as JSON.
    public let document: String
    public let markdown: String
    public let html: String
    public let createdAt: Date
}

/// What a run produced, stored as the project's next report version.
public struct NewReport: Sendable {
    public var title: String
    public var analysis: String
    public var document: String
    public var markdown: String
    public var html: String

    public init(title: String, analysis: String, document: String, markdown: String, html: String) {
        self.title = title
        self.analysis = analysis
        self.document = document
        self.markdown = markdown
        self.html = html
    }
}

/// A workspace's allowance of report runs: how many may be in progress at once, and how many
/// may start in any 24 hours.
public struct ReportRunLimits: Sendable, Hashable {
    public var concurrentRuns: Int
    public var runsPerDay: Int

    public init(concurrentRuns: Int, runsPerDay: Int) {
        self.concurrentRuns = concurrentRuns
        self.runsPerDay = runsPerDay
    }
}

/// Why the store refused a change to a report run.
public enum ReportRunError: Error, Equatable {
    case notFound
    /// The workspace's allowance is used up; the detail says which, and when it frees up if known.
    case limitReached(detail: String, retryAfter: Int)
    /// The run already ended.
    case notCancellable(ReportRunState)
    /// Only failed and cancelled runs are retried.
    case notRetryable(ReportRunState)
    /// Another run of the project is in progress.
    case anotherRunActive(runID: String)
}
