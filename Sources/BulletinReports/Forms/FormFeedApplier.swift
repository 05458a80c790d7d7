import BulletinCore
import BulletinForms
import BulletinStore
import Foundation

/// Applies a form's submission to the project the form feeds, inside the submission's
/// transaction: the participant's attributes change (audited as the respondent, announced on
/// the project's topic) and, when the feed says so, a report run starts — so the submission,
/// the project's change and the run commit together or not at all.
///
/// What the project refuses does not refuse the submission: a deleted project, answers that
/// would break the project's rules (a 21st peer, a text too long) or a workspace out of report
/// runs leave the answers stored and say why in the outcome.
public struct FormFeedApplier: Sendable {
    let starter: ReportRunStarter

    /// Creates an applier that starts runs through `starter`.
    public init(starter: ReportRunStarter) {
        self.starter = starter
    }

    /// Feeds the project with one submission's answers.
    /// - Throws: only what the database throws; refusals are outcomes with status `skipped`.
    public func apply(
        _ feed: FormFeed, answers: [String: JSONValue], audit: AuditScope, now: Date, in executor: any SQLExecutor
    ) async throws -> FormFeedOutcome {
        func skipped(_ detail: String) -> FormFeedOutcome {
            FormFeedOutcome(status: .skipped, projectID: feed.projectID, detail: detail)
        }
        let projects = ProjectRepository(database: executor)
        guard let project = try await projects.project(id: feed.projectID, workspaceID: audit.workspaceID) else {
            return skipped("The project this form feeds no longer exists.")
        }
        let change: FormFeedChange
        switch feed.applied(to: project.draft, answers: answers) {
        case .success(let applied): change = applied
        case .failure(let refusal): return skipped(refusal.reason)
        }
        let draft = ProjectValidator.tidied(change.draft)
        let problems = ProjectValidator.problems(in: draft)
        guard problems.isEmpty else {
            return skipped("The project refused the answers: " + problems.map(\.message).joined(separator: " "))
        }
        var outcome = FormFeedOutcome(
            status: .applied, projectID: project.id, participant: change.target.name, detail: Self.describe(change.target))
        guard draft != project.draft else {
            outcome.detail = "\(change.target.name) already had these answers in the project."
            return outcome
        }
        do {
            _ = try await projects.update(id: project.id, with: draft, expectedVersion: nil, audit: audit, now: now)
        } catch ProjectStoreError.notFound {
            return skipped("The project this form feeds no longer exists.")
        }
        guard feed.runsReport else { return outcome }
        do {
            let started = try await starter.start(projectID: project.id, audit: audit, audited: true, now: now, in: executor)
            outcome.runID = started.run.id
            outcome.detail +=
                started.isNew
                ? " A report run started."
                : " A report run was already in progress, so the answers will be in the next one."
        } catch let error as ReportRunError {
            outcome.detail += " No report run started: \(Self.describe(error))"
        }
        return outcome
    }

    private static func describe(_ target: FormFeedChange.Target) -> String {
        switch target {
        case .subject(let name): "The answers went to \(name), the project's subject."
        case .existingPeer(let name): "The answers updated the peer \(name)."
        case .newPeer(let name): "\(name) was added as a peer."
        }
    }

    private static func describe(_ error: ReportRunError) -> String {
        switch error {
        case .limitReached(let detail, _): detail
        case .notFound: "the project no longer exists."
        case .notCancellable, .notRetryable, .anotherRunActive: "another run of the project is in progress."
        }
    }
}
