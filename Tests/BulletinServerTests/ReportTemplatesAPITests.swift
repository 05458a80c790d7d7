import BulletinCore
import BulletinReports
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Testing
import ZIPFoundation

@testable import BulletinServer

/// Word templates through the API: the sample downloads, an upload is checked (every problem
/// listed with its tag and place), stored, listed, downloaded as sent, filled by a report's DOCX
/// download, and deleted; editors write, viewers read.
@Suite("Report templates API")
struct ReportTemplatesAPITests {
    static let docx = ReportFileFormat.docx.mediaType

    @Test("a template is checked, stored, filled by a report's DOCX and deleted", arguments: TestDatabases.dialects)
    func templates(dialect: SQLDialect) async throws {
        try await PeerSite.run { site in
            try await AccessFixture.run(dialect, configure: ReportsAPITests.loopback, live: true) { fixture in
                let (editor, viewer) = (fixture[.editor].accessToken, fixture[.viewer].accessToken)
                let sample = try await fixture.call(.get, "/v1/report-templates/sample", token: viewer)
                #expect(sample.status == .ok && sample.headers[.contentType] == Self.docx)
                #expect(sample.headers[.contentDisposition] == #"attachment; filename="bulletin-report-template.docx""#)

                let refused = try await fixture.call(
                    .post, "/v1/report-templates?name=Client", token: viewer, file: (sample.data, Self.docx))
                #expect(refused.status == .forbidden)
                let uploaded = try await fixture.call(
                    .post, "/v1/report-templates?name=Client", token: editor, file: (sample.data, Self.docx))
                #expect(uploaded.status == .created, "\(uploaded.json)")
                let templateID = try #require(uploaded.json["id"] as? String)
                let tags = uploaded.json["tags"] as? [String] ?? []
                #expect(tags.contains("{{project.name}}") && tags.contains("{{chart:scores}}") && tags.contains("{{#peers}}"))
                #expect(uploaded.json["size"] as? Int == sample.data.count)
                let again = try await fixture.call(
                    .post, "/v1/report-templates?name=Client", token: editor, file: (sample.data, Self.docx))
                #expect(again.status == .conflict && again.problemType == "template-name-taken")

                let listed = try await fixture.call(.get, "/v1/report-templates", token: viewer)
                #expect((listed.json["items"] as? [[String: Any]])?.map { $0["name"] as? String } == ["Client"])
                let details = try await fixture.call(.get, "/v1/report-templates/\(templateID)", token: viewer)
                #expect(details.json["sha256"] as? String == uploaded.json["sha256"] as? String)
                let file = try await fixture.call(.get, "/v1/report-templates/\(templateID)/file", token: viewer)
                #expect(file.data == sample.data && file.headers[.contentDisposition] == #"attachment; filename="Client.docx""#)

                // A report's DOCX fills it: names and numbers in place of the tags, a native chart.
                let created = try await fixture.call(.post, "/v1/projects", token: editor, json: ReportsAPITests.project(site))
                let run = try #require(created.json["latestRun"] as? [String: Any])
                let ready = try await ReportsAPITests.waitForRun(fixture, run["id"] as? String ?? "", in: ["ready", "failed"])
                #expect(ready["state"] as? String == "ready")
                let report = "/v1/projects/\(created.json["id"] as? String ?? "")/reports/latest"
                let filled = try await fixture.call(.get, report + "?format=docx&template=\(templateID)", token: viewer)
                #expect(filled.status == .ok && filled.headers[.contentType] == Self.docx, "\(filled.json)")
                let body = try Self.part("word/document.xml", of: filled.data)
                for text in ["Note apps", "Inkwell", "Bear", "Obsidian", "Strengths"] {
                    #expect(body.contains(text), "the filled template lacks \(text)")
                }
                #expect(!body.contains("{{"), "a tag was left unfilled")
                #expect(try Self.part("word/charts/chart1.xml", of: filled.data).contains("Inkwell"))
                let standard = try await fixture.call(.get, report + "?format=docx", token: viewer)
                #expect(standard.headers[.eTag] != filled.headers[.eTag])
                let unchanged = try await fixture.call(
                    .get, report + "?format=docx&template=\(templateID)", token: viewer,
                    headers: [.ifNoneMatch: filled.headers[.eTag] ?? ""])
                #expect(unchanged.status == .notModified)
                let notDOCX = try await fixture.call(.get, report + "?format=pdf&template=\(templateID)", token: viewer)
                #expect(notDOCX.status == .unprocessableContent && notDOCX.problemType == "validation-failed")
                let missing = try await fixture.call(.get, report + "?format=docx&template=nothing", token: viewer)
                #expect(missing.status == .notFound)

                #expect(try await fixture.call(.delete, "/v1/report-templates/\(templateID)", token: viewer).status == .forbidden)
                let deleted = try await fixture.call(.delete, "/v1/report-templates/\(templateID)", token: editor)
                #expect(deleted.status == .noContent)
                #expect(try await fixture.call(.delete, "/v1/report-templates/\(templateID)", token: editor).status == .notFound)
                let audited = try await fixture.database.query(
                    "SELECT action FROM audit_log WHERE target_id = \(templateID) ORDER BY id")
                #expect(
                    try audited.map { try $0.decode("action", as: String.self) } == ["report-template.create", "report-template.delete"])
            }
        }
    }

    @Test("a template with problems is refused, each tag listed with its part and paragraph", arguments: TestDatabases.dialects)
    func refusals(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            let editor = fixture[.editor].accessToken
            let sample = try ReportTemplates.sample()
            let broken = try Self.replacing(
                "{{project.name}}", with: "{{projct.name}}", in: "word/document.xml",
                of: Self.replacing("{{/peers}}", with: "", in: "word/document.xml", of: sample))
            let refused = try await fixture.call(.post, "/v1/report-templates?name=Broken", token: editor, file: (broken, Self.docx))
            #expect(refused.status == .unprocessableContent && refused.problemType == "template-invalid", "\(refused.json)")
            let problems = try #require(refused.json["templateProblems"] as? [[String: Any]])
            let unknown = try #require(problems.first { $0["code"] as? String == "unknown-tag" })
            #expect(unknown["tag"] as? String == "{{projct.name}}" && unknown["part"] as? String == "word/document.xml")
            #expect((unknown["paragraph"] as? Int ?? 0) > 0)
            #expect(problems.contains { $0["code"] as? String == "unclosed-loop" || $0["code"] as? String == "mismatched-loop" })

            let notWord = try await fixture.call(
                .post, "/v1/report-templates?name=Text", token: editor, file: (Data("hello".utf8), Self.docx))
            #expect(notWord.status == .unprocessableContent)
            #expect((notWord.json["templateProblems"] as? [[String: Any]])?.first?["code"] as? String == "not-a-document")

            let wrongType = try await fixture.call(
                .post, "/v1/report-templates?name=Text", token: editor, file: (sample, "text/plain"))
            #expect(wrongType.status == .unsupportedMediaType && wrongType.headers[HTTPField.Name("Accept-Post")!] == Self.docx)
            let tooLarge = try await fixture.call(
                .post, "/v1/report-templates?name=Large", token: editor,
                file: (Data(count: ReportTemplates.maximumSize + 1), Self.docx))
            #expect(tooLarge.status == .contentTooLarge && tooLarge.problemType == "payload-too-large")
            let unnamed = try await fixture.call(.post, "/v1/report-templates?name=%20", token: editor, file: (sample, Self.docx))
            #expect(unnamed.status == .badRequest && unnamed.problemType == "bad-request", "\(unnamed.json)")
            let listed = try await fixture.call(.get, "/v1/report-templates", token: editor)
            #expect((listed.json["items"] as? [Any])?.isEmpty == true)
        }
    }

    /// A part of a .docx as text.
    static func part(_ path: String, of docx: Data) throws -> String {
        let archive = try Archive(data: docx, accessMode: .read, pathEncoding: nil)
        let entry = try #require(archive[path], "no \(path)")
        var bytes = Data()
        _ = try archive.extract(entry) { bytes.append($0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The .docx with `text` replaced in one part.
    static func replacing(_ text: String, with replacement: String, in path: String, of docx: Data) throws -> Data {
        let source = try Archive(data: docx, accessMode: .read, pathEncoding: nil)
        let copy = try Archive(accessMode: .create)
        for entry in source {
            var bytes = Data()
            _ = try source.extract(entry) { bytes.append($0) }
            if entry.path == path {
                bytes = Data(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: text, with: replacement).utf8)
            }
            try copy.addEntry(
                with: entry.path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate,
                provider: { position, size in bytes.subdata(in: Int(position)..<Int(position) + size) })
        }
        return try #require(copy.data)
    }
}
