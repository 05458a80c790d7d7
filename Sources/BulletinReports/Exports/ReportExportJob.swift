import BulletinCore
import BulletinJobs
import BulletinStore
import Foundation
import ZIPFoundation

/// `reports.export`: builds a batch export's ZIP — the latest report of each project in each
/// format asked for — announcing its progress on `export:ID`, and stores it for download.
///
/// An attempt builds the whole ZIP from the stored reports, so one interrupted by a restart is
/// simply run again. Projects without a report (or deleted since) are listed in the ZIP's
/// `README.txt` rather than failing the export; an export with nothing to put in fails.
public struct ReportExportJob: JobHandler {
    /// The export to build, and its workspace.
    public struct Arguments: Codable, Sendable {
        public var exportId: String
        public var workspaceId: String
    }

    public static let kind = "reports.export"
    public static var options: JobKindOptions {
        JobKindOptions(queue: "reports", priority: 1, maxAttempts: 3, timeout: .seconds(300))
    }

    let database: any Database
    let files: ReportFiles
    let clock: WallClock

    /// Creates the handler, rendering through `files` (its cache is shared with downloads).
    public init(database: any Database, files: ReportFiles, clock: WallClock) {
        self.database = database
        self.files = files
        self.clock = clock
    }

    public func run(_ arguments: Arguments, context: JobContext) async throws {
        let exports = ReportExportRepository(database: database)
        guard let export = try await exports.export(id: arguments.exportId, workspaceID: arguments.workspaceId),
            export.state == .queued || export.state == .building
        else { return }
        do {
            try await build(export, context: context)
        } catch {
            // The last attempt's failure is the export's: it must not stay "building".
            if context.job.attempt >= context.job.maxAttempts {
                try await exports.fail(id: export.id, message: "The export could not be built.", now: clock.now())
            }
            throw error
        }
    }

    private func build(_ export: ReportExport, context: JobContext) async throws {
        let exports = ReportExportRepository(database: database)
        let workspace = try await MemberRepository(database: database).workspace(id: export.workspaceID)?.name ?? ""
        let formats = export.formats.compactMap(ReportFileFormat.init(rawValue:))
        let archive = try Archive(accessMode: .create)
        var names = Set<String>()
        var missing: [String] = []
        var added = 0
        for (index, projectID) in export.projectIDs.enumerated() {
            try Task.checkCancellation()
            let project = try await ProjectRepository(database: database).project(id: projectID, workspaceID: export.workspaceID)
            guard let project,
                let report = try await ReportRunRepository(database: database).report(
                    id: nil, projectID: projectID, workspaceID: export.workspaceID)
            else {
                missing.append(project.map { "\($0.draft.name): no report yet" } ?? "\(projectID): no such project")
                try await exports.advance(
                    id: export.id, progress: Double(index + 1) / Double(export.projectIDs.count),
                    message: "Skipped \(missing.last!).", now: clock.now())
                continue
            }
            for format in formats {
                let file = try files.file(
                    format, document: report.document, key: report.id, projectName: project.draft.name,
                    projectDescription: project.draft.description, subject: project.draft.subject.name, workspace: workspace)
                try Self.add(file.data, named: Self.unique(file.fileName, among: &names), to: archive)
                added += 1
            }
            try await exports.advance(
                id: export.id, progress: Double(index + 1) / Double(export.projectIDs.count),
                message: "Rendered \(project.draft.name) (\(index + 1) of \(export.projectIDs.count)).", now: clock.now())
        }
        guard added > 0 else {
            try await exports.fail(id: export.id, message: "None of the projects has a report yet.", now: clock.now())
            return
        }
        if !missing.isEmpty {
            let text = "Not in this export:\n" + missing.map { "- \($0)\n" }.joined()
            try Self.add(Data(text.utf8), named: "README.txt", to: archive)
        }
        let day = ISO8601DateFormatter.string(from: clock.now(), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
        let summary =
            "\(added) files from \(export.projectIDs.count - missing.count) projects"
            + (missing.isEmpty ? "." : "; \(missing.count) without a report.")
        // An archive created in memory always has its data; without it the attempt fails rather than store an empty ZIP.
        guard let zip = archive.data else { throw CocoaError(.fileWriteUnknown) }
        try await exports.finish(id: export.id, archive: zip, fileName: "reports-\(day).zip", message: summary, now: clock.now())
        try context.setResult(["files": added, "missing": missing.count])
    }

    /// `name`, or `name (2)` before its extension when an earlier file took it.
    static func unique(_ name: String, among names: inout Set<String>) -> String {
        var candidate = name
        var number = 2
        while names.contains(candidate) {
            let dot = name.lastIndex(of: ".") ?? name.endIndex
            candidate = "\(name[..<dot]) (\(number))\(name[dot...])"
            number += 1
        }
        names.insert(candidate)
        return candidate
    }

    private static func add(_ data: Data, named name: String, to archive: Archive) throws {
        try archive.addEntry(
            with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
            provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
    }
}
