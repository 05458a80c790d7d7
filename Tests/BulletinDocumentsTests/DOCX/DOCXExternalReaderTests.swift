import BulletinTestSupport
import Foundation
import Testing

@testable import BulletinDocuments

/// The .docx opened by readers written apart from ours: python-docx (which `scripts/test`
/// installs), and LibreOffice when the machine has it (slow to install, so optional: skipped
/// with the reason shown).
@Suite("DOCX in other readers")
struct DOCXExternalReaderTests {
    @Test("python-docx reads styles, tables, links, charts and every name back")
    func pythonDocx() async throws {
        let document = DocumentFixtures.report
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path + "/report.docx"
        try DOCXRenderer.render(document).write(to: URL(fileURLWithPath: path))
        let output = try await ExternalTool.onPath("python3", package: "python3 with python-docx").run([
            "-c", PythonDocxReader.script, path,
        ])
        let seen = try JSONDecoder().decode(PythonDocxReader.Observations.self, from: Data(output.utf8))

        // Title, then the headings, in the document's order.
        var expected = [["Title", document.cover.title]]
        for case .heading(let level, let text) in document.blocks where level <= 2 {
            expected.append(["Heading \(level)", text])
        }
        #expect(seen.paragraphs.filter { ["Title", "Heading 1", "Heading 2"].contains($0[0]) } == expected)
        #expect(seen.paragraphs.contains(["Subtitle", document.cover.subject]))
        #expect(seen.paragraphs.contains(["Heading 1", "Section 4: Жёлтый Дом"]))
        #expect(seen.paragraphs.contains(["List Bullet", "Point 1 about Zoë Café Ünïcode: source 1"]))
        #expect(seen.paragraphs.contains(["Normal", DocumentFixtures.hostileAsRead]))
        #expect(seen.outlineLevels == ["Heading 1": "0", "Heading 2": "1", "Heading 3": "2"])

        // The key figures, then the 60-row table with its header.
        try #require(seen.tables.count == 2)
        let weekly = seen.tables[1]
        #expect(weekly.style == "Bulletin Table")
        #expect(weekly.rows == 61)
        #expect(weekly.headerFlags == [true, false])
        #expect(weekly.cells == [DocumentFixtures.weeklyTable.columns.map(\.title)] + DocumentFixtures.weeklyTable.rows)
        #expect(weekly.alignments.map { $0.hasPrefix("RIGHT") } == [false, false, true, true])
        #expect(seen.tables[0].cells.first?.first == "12\nPeers compared")

        var links: [String] = []
        for case .link(_, let url) in document.blocks.flatMap(Self.inlines) where DOCXBody.isLinkable(url) {
            links.append(url)
        }
        #expect(seen.hyperlinks == links)
        #expect(!seen.hyperlinks.contains { $0.hasPrefix("javascript") })

        #expect(seen.charts.map(\.part) == (1...4).map { "/word/charts/chart\($0).xml" })
        #expect(seen.charts.map(\.workbook) == (1...4).map { "/word/embeddings/Microsoft_Excel_Worksheet\($0).xlsx" })
        #expect(seen.charts.allSatisfy { $0.workbookIsZip })

        #expect(seen.title == document.cover.title && seen.author == "Bulletin Analyst")
        #expect(seen.created.hasPrefix("2025-03-01T00:00:00"))
        #expect(seen.pageWidth == 11906 * 635 && seen.pageHeight == 16838 * 635)
        #expect(seen.footer == "\(document.cover.title)\tPage 1 of 1")
    }

    @Test(
        "LibreOffice converts the document to PDF",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/soffice"), "LibreOffice (soffice) is not installed"),
        .timeLimit(.minutes(3)))
    func libreOffice() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path + "/report.docx"
        try DOCXRenderer.render(DocumentFixtures.report).write(to: URL(fileURLWithPath: path))
        try await ExternalTool("/usr/bin/soffice", package: "libreoffice-writer").run([
            "-env:UserInstallation=file://\(folder.path)/profile", "--headless", "--convert-to", "pdf", "--outdir", folder.path, path,
        ])
        let pdf = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/report.pdf"))
        #expect(pdf.starts(with: Data("%PDF".utf8)) && pdf.count > 10_000)
    }

    private static func inlines(_ block: Block) -> [Inline] {
        switch block {
        case .paragraph(let inlines): inlines
        case .bulletList(let items): items.flatMap { $0 }
        default: []
        }
    }
}
