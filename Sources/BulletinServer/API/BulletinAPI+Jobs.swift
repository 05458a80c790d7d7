import BulletinCore
import BulletinOpenAPI
import BulletinStore
import Foundation

/// Jobs and queues: editors watch them; admins cancel, retry, pause and resume. The
/// installation's own jobs (those of no workspace, such as pruning) exist only for
/// installation admins: to everyone else they are not found.
extension BulletinAPI {
    func listJobs(_ input: Operations.ListJobs.Input) async throws -> Operations.ListJobs.Output {
        let principal = try RequestScope.principal()
        let query = input.query
        let limit = query.limit ?? 50
        guard (1...200).contains(limit) else { throw APIError(.badRequest, detail: "limit must be from 1 to 200.") }
        var filter = JobFilter(workspaceID: principal.workspaceID)
        filter.includesInstallationJobs = principal.isInstallationAdmin
        filter.states = (query.state ?? []).map(JobState.init)
        filter.queue = query.queue
        filter.kind = query.kind
        filter.createdFrom = query.since
        filter.createdBefore = query.until
        filter.limit = limit + 1
        if let cursor = query.cursor {
            guard let id = Int64(cursor), id > 0 else { throw APIError(.badRequest, detail: "The cursor is not valid.") }
            filter.beforeID = id
        }
        let jobs = try await JobRepository(database: services.database).list(filter)
        let page = jobs.prefix(limit)
        let nextCursor = jobs.count > limit ? page.last.map { String($0.id) } : nil
        return .ok(.init(body: .json(.init(items: page.map(Components.Schemas.Job.init), nextCursor: ListCursor(nextCursor)))))
    }

    func getJob(_ input: Operations.GetJob.Input) async throws -> Operations.GetJob.Output {
        let principal = try RequestScope.principal()
        let repository = JobRepository(database: services.database)
        guard let id = Int64(input.path.jobId),
            let job = try await repository.job(
                id: id, workspaceID: principal.workspaceID, includingInstallation: principal.isInstallationAdmin)
        else { throw APIError(.notFound, detail: "No such job.") }
        let errors = try await repository.errors(ofJob: id)
        return .ok(.init(body: .json(.init(job: .init(job), errors: errors.map(Components.Schemas.JobAttemptError.init)))))
    }

    func cancelJob(_ input: Operations.CancelJob.Input) async throws -> Operations.CancelJob.Output {
        let job = try await changeJob(input.path.jobId) { repository, id, principal in
            try await repository.cancel(
                id: id, workspaceID: principal.workspaceID, includingInstallation: principal.isInstallationAdmin,
                context: RequestScope.auditContext(), now: services.clock.now())
        }
        return .ok(.init(body: .json(.init(job))))
    }

    func retryJob(_ input: Operations.RetryJob.Input) async throws -> Operations.RetryJob.Output {
        let job = try await changeJob(input.path.jobId) { repository, id, principal in
            try await repository.retry(
                id: id, workspaceID: principal.workspaceID, includingInstallation: principal.isInstallationAdmin,
                context: RequestScope.auditContext(), now: services.clock.now())
        }
        return .ok(.init(body: .json(.init(job))))
    }

    func listQueues(_ input: Operations.ListQueues.Input) async throws -> Operations.ListQueues.Output {
        let principal = try RequestScope.principal()
        let queues = try await JobRepository(database: services.database).queues(
            workspaceID: principal.workspaceID, includingInstallation: principal.isInstallationAdmin, now: services.clock.now())
        return .ok(.init(body: .json(.init(items: queues.map(Components.Schemas.Queue.init), nextCursor: ListCursor(nil)))))
    }

    func pauseQueue(_ input: Operations.PauseQueue.Input) async throws -> Operations.PauseQueue.Output {
        let queue = try await changeQueue(input.path.queue) { repository, audit, now in
            let actor = audit.context.actorType + ":" + (audit.context.actorID ?? "")
            try await repository.pause(queue: input.path.queue, workspaceID: audit.workspaceID, by: actor, audit: audit, now: now)
        }
        return .ok(.init(body: .json(queue)))
    }

    func resumeQueue(_ input: Operations.ResumeQueue.Input) async throws -> Operations.ResumeQueue.Output {
        let queue = try await changeQueue(input.path.queue) { repository, audit, now in
            try await repository.resume(queue: input.path.queue, workspaceID: audit.workspaceID, audit: audit, now: now)
        }
        return .ok(.init(body: .json(queue)))
    }

    /// Runs a change to a job the caller may change (of its workspace, or of the installation
    /// for an installation admin), mapping the store's refusals to problems.
    private func changeJob(
        _ jobID: String, _ change: (JobRepository, Int64, Principal) async throws -> JobRecord
    ) async throws -> JobRecord {
        let principal = try RequestScope.principal()
        guard let id = Int64(jobID) else { throw APIError(.notFound, detail: "No such job.") }
        do {
            return try await change(JobRepository(database: services.database), id, principal)
        } catch let error as JobStoreError {
            switch error {
            case .notFound: throw APIError(.notFound, detail: "No such job.")
            case .notCancellable: throw APIError(.jobNotCancellable, detail: "The job is \(error.stateName).")
            case .notRetryable: throw APIError(.jobNotRetryable, detail: "The job is \(error.stateName).")
            case .uniqueKeyTaken(let holder): throw APIError(.uniqueKeyTaken, detail: "Job \(holder) holds the key.")
            case .uniqueSlotContended: throw APIError(.uniqueKeyTaken, detail: "The unique key is contended; try again.")
            }
        }
    }

    /// Runs a change to a queue, audited in the caller's workspace, and answers the queue.
    private func changeQueue(
        _ name: String, _ change: (JobRepository, AuditScope, Date) async throws -> Void
    ) async throws -> Components.Schemas.Queue {
        let principal = try RequestScope.principal()
        guard (1...100).contains(name.count), name.allSatisfy(Self.isQueueNameCharacter) else {
            throw APIError(.badRequest, detail: "A queue's name is 1 to 100 of A–Z, a–z, 0–9, '_', '.', ':' and '-'.")
        }
        let repository = JobRepository(database: services.database)
        let now = services.clock.now()
        do {
            try await change(repository, AuditScope(workspaceID: principal.workspaceID, context: RequestScope.auditContext()), now)
        } catch JobStoreError.notFound {
            throw APIError(.notFound, detail: "This workspace has no queue named \(name).")
        }
        let queues = try await repository.queues(
            workspaceID: principal.workspaceID, includingInstallation: principal.isInstallationAdmin, now: now)
        return .init(queues.first { $0.name == name } ?? QueueOverview(name: name))
    }
}

extension BulletinAPI {
    fileprivate static func isQueueNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "_.:-".contains(character))
    }
}

extension JobStoreError {
    /// The state named by a refusal, for its problem's detail.
    fileprivate var stateName: String {
        switch self {
        case .notCancellable(let state), .notRetryable(let state): state.rawValue
        default: "in another state"
        }
    }
}
