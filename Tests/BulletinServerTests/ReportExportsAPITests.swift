import BulletinCore
import BulletinReports
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Testing
import ZIPFoundation

@testable import BulletinServer

/// Batch exports through the API with real workers: several projects' latest reports in several
/// formats become one ZIP, built by a job that announces its progress on the export's topic;
/// projects without a report are listed in the ZIP, unknown ones are refused.
@Suite("Report exports API")
struct ReportExportsAPITests {
    @Test("an export builds one ZIP of every project's latest report in every format asked for", arguments: TestDatabases.dialects)
    func export(dialect: SQLDialect) async throws {
        try await PeerSite.run { site in
            try await AccessFixture.run(dialect, configure: ReportsAPITests.loopback, live: true) { fixture in
                let (editor, viewer) = (fixture[.editor].accessToken, fixture[.viewer].accessToken)
                var projectIDs: [String] = []
                for name in ["Note apps", "Chat apps"] {
                    let created = try await fixture.call(
                        .post, "/v1/projects", token: editor, json: ReportsAPITests.project(site, name: name))
                    projectIDs.append(try #require(created.json["id"] as? String))
                    let run = try #require(created.json["latestRun"] as? [String: Any])
                    let ready = try await ReportsAPITests.waitForRun(fixture, run["id"] as? String ?? "", in: ["ready", "failed"])
                    #expect(ready["state"] as? String == "ready")
                }
                // A project without a report yet: listed in the ZIP, not failing the export.
                fixture.clock.advance(by: 1)
                try await fixture.database.execute("DELETE FROM reports WHERE project_id = \(projectIDs[1])")

                let unknown = try await fixture.call(
                    .post, "/v1/reports/exports", token: viewer, json: ["projectIds": [projectIDs[0], "nothing"], "formats": ["pdf"]])
                #expect(unknown.status == .unprocessableContent)
                #expect((unknown.json["errors"] as? [[String: Any]])?.first?["pointer"] as? String == "/projectIds/1")

                let started = try await fixture.call(
                    .post, "/v1/reports/exports", token: viewer,
                    json: ["projectIds": projectIDs + [projectIDs[0]], "formats": ["pdf", "docx", "tex"]])
                #expect(started.status == .accepted, "\(started.json)")
                let exportID = try #require(started.json["id"] as? String)
                #expect(started.json["topic"] as? String == "export:\(exportID)" && started.json["jobId"] is String)
                #expect(started.json["projectIds"] as? [String] == projectIDs)
                var export: [String: Any] = [:]
                try await waitUntil("the export ends") {
                    export = try await fixture.call(.get, "/v1/reports/exports/\(exportID)", token: viewer).json
                    return ["ready", "failed"].contains(export["state"] as? String ?? "")
                }
                #expect(export["state"] as? String == "ready" && export["progress"] as? Double == 1, "\(export)")
                let url = try #require(export["downloadUrl"] as? String)
                let file = try await fixture.call(.get, url, token: viewer)
                #expect(file.status == .ok && file.headers[.contentType] == "application/zip")
                #expect(file.headers[.contentDisposition]?.hasPrefix(#"attachment; filename="reports-"#) == true)
                let archive = try Archive(data: file.data, accessMode: .read, pathEncoding: nil)
                let names = archive.map(\.path).sorted()
                #expect(names.count == 4, "\(names)")
                for format in ["pdf", "docx", "tex"] {
                    #expect(names.contains { $0.hasPrefix("note-apps-") && $0.hasSuffix(".\(format)") })
                }
                var readme = Data()
                _ = try archive.extract(try #require(archive["README.txt"])) { readme.append($0) }
                #expect(String(decoding: readme, as: UTF8.self).contains("Chat apps: no report yet"))

                let events = try await EventLog(database: fixture.database).events(after: 0, topics: ["export:\(exportID)"], limit: 100)
                #expect(events.map(\.type) == ["export.progress", "export.progress", "export.ready"])

                // Another workspace's member, or an unknown export, finds nothing.
                #expect(try await fixture.call(.get, "/v1/reports/exports/nothing", token: viewer).status == .notFound)
                #expect(try await fixture.call(.get, "/v1/reports/exports/nothing/file", token: viewer).status == .notFound)

                // Expired exports are pruned with their ZIP.
                fixture.clock.advance(by: ReportExportRepository.lifetime + 60)
                #expect(try await ReportExportRepository(database: fixture.database).deleteExpired(now: fixture.clock.wallClock.now()) == 1)
                #expect(
                    try await ReportExportRepository(database: fixture.database).archive(id: exportID, workspaceID: fixture.workspaceID)
                        == nil)
            }
        }
    }

    @Test("an export with no report at all fails, saying why", arguments: TestDatabases.dialects)
    func nothingToExport(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect, live: true) { fixture in
            let editor = fixture[.editor].accessToken
            let created = try await fixture.call(.post, "/v1/projects", token: editor, json: ProjectsAPITests.body())
            let projectID = try #require(created.json["id"] as? String)
            if let run = (created.json["latestRun"] as? [String: Any])?["id"] as? String {
                _ = try await ReportsAPITests.waitForRun(fixture, run, in: ["ready", "failed"])
            }
            try await fixture.database.execute("DELETE FROM reports WHERE project_id = \(projectID)")
            let started = try await fixture.call(
                .post, "/v1/reports/exports", token: editor, json: ["projectIds": [projectID], "formats": ["pdf"]])
            let exportID = try #require(started.json["id"] as? String)
            var export: [String: Any] = [:]
            try await waitUntil("the export ends") {
                export = try await fixture.call(.get, "/v1/reports/exports/\(exportID)", token: editor).json
                return ["ready", "failed"].contains(export["state"] as? String ?? "")
            }
            #expect(export["state"] as? String == "failed" && export["message"] as? String == "None of the projects has a report yet.")
            #expect(export["downloadUrl"] == nil)
            let invalid = try await fixture.call(
                .post, "/v1/reports/exports", token: editor, json: ["projectIds": [String](), "formats": ["pdf", "pdf", "tex", "docx"]])
            #expect(invalid.status == .unprocessableContent && invalid.problemType == "validation-failed", "\(invalid.json)")
            #expect((invalid.json["errors"] as? [[String: Any]])?.compactMap { $0["pointer"] as? String } == ["/projectIds", "/formats"])
        }
    }
}
