import BulletinCore
import BulletinJobs
import BulletinStore
import Foundation

/// Why an export cannot start.
public enum ReportExportError: Error, Equatable {
    /// Projects the workspace does not have, by their index in the request.
    case unknownProjects([Int])
}

/// Starts batch exports: the export and the job that builds it, in one transaction.
public struct ReportExporter: Sendable {
    /// The most projects and formats one export takes.
    public static let maximumProjects = 50

    let enqueuer: JobEnqueuer

    public init(enqueuer: JobEnqueuer) {
        self.enqueuer = enqueuer
    }

    /// Queues an export of the latest report of each project (in the order given, each once)
    /// in each format.
    /// - Throws: ``ReportExportError/unknownProjects(_:)`` naming the projects the workspace lacks.
    public func start(
        projectIDs: [String], formats: [ReportFileFormat], audit: AuditScope, now: Date, in database: any Database
    ) async throws -> ReportExport {
        var seen = Set<String>()
        let distinctProjects = projectIDs.filter { seen.insert($0).inserted }
        var formatsSeen = Set<ReportFileFormat>()
        let formats = formats.filter { formatsSeen.insert($0).inserted }
        return try await database.transaction { executor in
            let projects = ProjectRepository(database: executor)
            var unknown: [Int] = []
            for (index, id) in projectIDs.enumerated() where try await projects.project(id: id, workspaceID: audit.workspaceID) == nil {
                unknown.append(index)
            }
            guard unknown.isEmpty else { throw ReportExportError.unknownProjects(unknown) }
            let exports = ReportExportRepository(database: executor)
            let export = try await exports.create(
                id: RandomID.make(), projectIDs: distinctProjects, formats: formats.map(\.rawValue), audit: audit, now: now)
            let job = try await enqueuer.enqueue(
                NewJob(
                    ReportExportJob.self, arguments: .init(exportId: export.id, workspaceId: export.workspaceID),
                    options: EnqueueOptions(
                        workspaceID: export.workspaceID,
                        enqueuedBy: audit.context.actorID.map { "\(audit.context.actorType):\($0)" },
                        requestID: audit.context.requestID, correlationID: audit.context.correlationID)),
                now: now, in: executor)
            return try await exports.attach(jobID: job.id, toExport: export.id)
        }
    }
}
