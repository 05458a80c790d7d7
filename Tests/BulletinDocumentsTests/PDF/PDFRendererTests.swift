import BulletinTestSupport
import Foundation
import Testing

@testable import BulletinDocuments

/// The PDF writer, checked by independent readers: qpdf for the file's structure and poppler's
/// tools for its fonts, text, metadata and pages.
@Suite("PDF documents")
struct PDFRendererTests {
    /// Renders `document` into a temporary file and hands its path to `check`.
    static func withRendered(
        _ document: Document = DocumentFixtures.report, renderer: PDFRenderer = PDFRenderer(),
        _ check: (String, PDFOutput) async throws -> Void
    ) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let output = try renderer.render(document)
        let path = folder.path + "/report.pdf"
        try output.data.write(to: URL(fileURLWithPath: path))
        try await check(path, output)
    }

    @Test("the file passes qpdf's check, and the same document gives the same bytes")
    func structure() async throws {
        let qpdf = try ExternalTool("/usr/bin/qpdf", package: "qpdf")
        try await Self.withRendered { path, output in
            let report = try await qpdf.run(["--check", path])
            #expect(report.contains("No syntax or stream encoding errors found"))
            #expect(try PDFRenderer().render(DocumentFixtures.report).data == output.data)
        }
    }

    @Test("text uses embedded TrueType subsets that map back to Unicode: every name and number is found")
    func fontsAndText() async throws {
        let fonts = try ExternalTool("/usr/bin/pdffonts", package: "poppler-utils")
        let text = try ExternalTool("/usr/bin/pdftotext", package: "poppler-utils")
        try #require(FontLocator.shared.family() != nil, "a TrueType font (fonts-dejavu-core); scripts/test installs it")
        try await Self.withRendered { path, output in
            let listing = try await fonts.run([path]).split(separator: "\n").dropFirst(2)
            #expect(listing.count == 4)
            for line in listing {
                let columns = line.split(separator: " ", omittingEmptySubsequences: true)
                // name, type (CID TrueType), encoding (Identity-H), emb, sub, uni, object, generation
                #expect(columns[0].dropFirst(6).hasPrefix("+"), "subset tag in \(line)")
                #expect(line.contains("CID TrueType") && line.contains("yes yes yes"), "embedded, subset, Unicode: \(line)")
            }
            let content = try await text.run(["-enc", "UTF-8", path, "-"])
            for name in DocumentFixtures.peers { #expect(content.contains(name), "\(name)") }
            for row in DocumentFixtures.weeklyTable.rows { #expect(content.contains(row[2]) && content.contains(row[3]), "\(row)") }
            #expect(content.contains(DocumentFixtures.hostileAsRead))
            #expect(output.replacedCharacters == 0)
            #expect(!output.usedStandardFont)
        }
    }

    @Test("pdfinfo reads the page count, title, author and dates; headings are bookmarks; links are clickable")
    func metadataOutlineAndLinks() async throws {
        let info = try ExternalTool("/usr/bin/pdfinfo", package: "poppler-utils")
        let qpdf = try ExternalTool("/usr/bin/qpdf", package: "qpdf")
        try await Self.withRendered { path, output in
            let fields = try await info.run([path])
            #expect(Self.field("Pages", in: fields) == "\(output.pageCount)")
            #expect(output.pageCount >= 8)
            #expect(Self.field("Title", in: fields) == DocumentFixtures.report.cover.title)
            #expect(Self.field("Author", in: fields) == "Bulletin Analyst")
            #expect(Self.field("Subject", in: fields) == DocumentFixtures.report.cover.subject)
            #expect(Self.field("CreationDate", in: fields) == "Sat Mar  1 00:00:00 2025 UTC")
            #expect(Self.field("Page size", in: fields) == "595.28 x 841.89 pts (A4)")
            let json = try await qpdf.run(["--json", "--json-key=outlines", path])
            for heading in ["Summary", "Section 2: Zoë Café Ünïcode", "Highlights 12", "Mentions by week"] {
                #expect(json.contains("\"title\": \"\(heading)\""), "bookmark \(heading)")
            }
            let objects = try await qpdf.run(["--qdf", "--object-streams=disable", path, "-"])
            #expect(objects.contains("/URI (https://bulletin.example/method?a=1&b=2)"))
            #expect(objects.contains("/URI (mailto:team@bulletin.example)"))
            #expect(!objects.contains("javascript:"), "only web and mail links are clickable")
        }
    }

    @Test("a table longer than a page repeats its header row on the next page")
    func repeatedHeader() async throws {
        let text = try ExternalTool("/usr/bin/pdftotext", package: "poppler-utils")
        try await Self.withRendered { path, output in
            // In layout mode, the header's cells come out as one line wherever the row is drawn.
            var pagesWithHeader = 0
            for page in 1...output.pageCount {
                let content = try await text.run(["-layout", "-enc", "UTF-8", "-f", "\(page)", "-l", "\(page)", path, "-"])
                if content.contains(/Week +Peer +Mentions +Share/) { pagesWithHeader += 1 }
            }
            #expect(pagesWithHeader >= 2, "the 60-row table spans pages, each starting with its header row")
        }
    }

    @Test("characters the font lacks are replaced visibly and counted, never dropped")
    func replacement() async throws {
        let text = try ExternalTool("/usr/bin/pdftotext", package: "poppler-utils")
        var document = DocumentFixtures.report
        document.blocks = [.paragraph([.text("Score 𝄞 漢字 done")])]
        try await Self.withRendered(document) { path, output in
            #expect(output.replacedCharacters == 3)
            let content = try await text.run(["-enc", "UTF-8", path, "-"])
            #expect(content.contains("Score \u{FFFD} \u{FFFD}\u{FFFD} done"))
        }
    }

    @Test("without a TrueType font, the standard Helvetica draws what WinAnsi holds; Letter paper is Letter")
    func standardFontAndLetter() async throws {
        let qpdf = try ExternalTool("/usr/bin/qpdf", package: "qpdf")
        let fonts = try ExternalTool("/usr/bin/pdffonts", package: "poppler-utils")
        let info = try ExternalTool("/usr/bin/pdfinfo", package: "poppler-utils")
        try await Self.withRendered(renderer: PDFRenderer(paper: .letter, fonts: nil)) { path, output in
            #expect(output.usedStandardFont)
            #expect(output.replacedCharacters > 0, "Greek and Cyrillic are not in WinAnsi")
            _ = try await qpdf.run(["--check", path])
            #expect(try await fonts.run([path]).contains("Helvetica"))
            #expect(Self.field("Page size", in: try await info.run([path])) == "612 x 792 pts (letter)")
        }
    }

    /// A field of pdfinfo's listing, such as `Title`.
    static func field(_ name: String, in listing: String) -> String? {
        listing.split(separator: "\n").first { $0.hasPrefix(name + ":") }
            .map { $0.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces) }
    }

    @Test("link addresses are literal strings with parentheses and backslashes escaped, other bytes dropped")
    func literals() {
        #expect(PDFString.literal("https://a.example/(x)\\y\u{7}é") == "(https://a.example/\\(x\\)\\\\y)")
    }

    @Test(
        "numbers are written short and exact",
        arguments: [(0.0, "0"), (1.5, "1.5"), (-0.05, "-0.05"), (595.28, "595.28"), (12.345, "12.35")])
    func numbers(value: Double, written: String) {
        #expect(PDFNumber(value).description == written)
    }
}
