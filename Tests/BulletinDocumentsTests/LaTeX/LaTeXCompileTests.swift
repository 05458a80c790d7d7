import BulletinTestSupport
import Foundation
import Testing

@testable import BulletinDocuments

/// The fixture's `.tex` compiled by the real pdflatex of `texlive-latex-recommended`, and the PDF
/// read back with poppler's `pdftotext` and `pdfinfo` (`scripts/test` installs both).
@Suite("LaTeX compiled with pdflatex", .serialized)
struct LaTeXCompileTests {

    @Test("pdflatex compiles the report twice without error, with bookmarks, links and metadata")
    func compiles() async throws {
        let folder = try await Self.compile(LaTeXFixtures.report)
        defer { folder.remove() }
        let log = try String(contentsOfFile: folder.path + "/report.log", encoding: .isoLatin1)
        #expect(!log.contains("Missing character"))
        #expect(!log.contains("Token not allowed in a PDF string"))
        #expect(!log.contains("Rerun to get"), "two runs are enough")
        // Compiled uncompressed (see `compile`), so the PDF's objects can be read as text.
        let pdf = try String(contentsOfFile: folder.path + "/report.pdf", encoding: .isoLatin1)
        #expect(pdf.contains("/Outlines"))
        for bookmark in ["Peer Comparison: Q4 2024", "Summary", "Hostile input", "Revenue", "All figures", "Peers"] {
            // hyperref writes each title as a string object of its own, spaces in octal.
            #expect(pdf.contains("obj\n(\(bookmark.replacingOccurrences(of: " ", with: "\\040")))\nendobj"), "bookmark \(bookmark)")
        }
        #expect(pdf.contains("/URI(https://example.com/method?id=42&view=full#sources_2024)"))
        #expect(pdf.contains("/URI(mailto:research@example.com)"))
        #expect(!pdf.contains("javascript"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/bulletin-pwned"), "\\write18 ran")
    }

    @Test("the PDF's text has the title, every peer, the hostile string literally, and Page X of Y")
    func text() async throws {
        let folder = try await Self.compile(LaTeXFixtures.report)
        defer { folder.remove() }
        let pdf = folder.path + "/report.pdf"
        let info = try await ExternalTool("/usr/bin/pdfinfo", package: "poppler-utils").run([pdf])
        #expect(info.contains("Title:           Peer Comparison: Q4 2024"))
        #expect(info.contains("Author:          Bulletin Research"))
        let pages = try #require(
            info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last.flatMap { Int($0) })
        #expect(pages >= 6)

        let text = try await ExternalTool("/usr/bin/pdftotext", package: "poppler-utils").run(["-enc", "UTF-8", pdf, "-"])
        #expect(text.contains("Peer Comparison: Q4 2024"))
        #expect(text.contains("5 March 2025"))
        for peer in LaTeXFixtures.printedPeers { #expect(text.contains(peer), "\(peer)") }
        #expect(text.contains("Page 2 of \(pages)"))
        #expect(text.contains("Page \(pages) of \(pages)"))
        #expect(text.contains("190 Greek or Cyrillic letters are transliterated"))
        // The hostile string, character for character (pdftotext may break its line).
        let flattened = text.replacingOccurrences(of: "\n", with: " ")
        #expect(flattened.contains(LaTeXFixtures.hostile), "\(flattened)")
        #expect(!text.contains("root:"), "/etc/passwd was read")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/bulletin-pwned"), "\\write18 ran")
    }

    @Test("awkward documents compile too: specials everywhere, empty and overlong text, odd charts, every supported character")
    func edgeCases() async throws {
        let folder = try await Self.compile(LaTeXFixtures.edgeCases)
        defer { folder.remove() }
        let log = try String(contentsOfFile: folder.path + "/report.log", encoding: .isoLatin1)
        #expect(!log.contains("Missing character"))
        #expect(!log.contains("\n! "), "no TeX error")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/bulletin-pwned"), "\\write18 ran")
        let text = try await ExternalTool("/usr/bin/pdftotext", package: "poppler-utils").run(
            ["-enc", "UTF-8", folder.path + "/report.pdf", "-"])
        // Letters of the T1 fonts, which cmap maps back to Unicode (TS1 symbols such as € are not mapped).
        for letter in ["Ł", "ß", "Æ", "ő", "ŋ", "Þ", "ÿ"] { #expect(text.contains(letter), "\(letter)") }
    }

    @Test("the fixture every renderer is checked against compiles too, each peer written in Latin letters")
    func sharedFixture() async throws {
        let folder = try await Self.compile(DocumentFixtures.report)
        defer { folder.remove() }
        let text = try await ExternalTool("/usr/bin/pdftotext", package: "poppler-utils").run(
            ["-enc", "UTF-8", folder.path + "/report.pdf", "-"])
        for peer in DocumentFixtures.peers where peer.unicodeScalars.allSatisfy({ $0.value < 0x370 }) {
            #expect(text.contains(peer), "\(peer)")
        }
        #expect(text.contains("Athina Logos") && text.contains("Zhyoltyy Dom"))
    }

    /// Writes `document` to a new temporary folder and runs pdflatex there twice; returns the folder.
    ///
    /// The source is compiled unchanged; only `\pdfcompresslevel=0` is given before it on the
    /// command line, so that the test can read the PDF's objects.
    static func compile(_ document: Document) async throws -> TemporaryFolder {
        let pdflatex = try ExternalTool("/usr/bin/pdflatex", package: "texlive-latex-recommended")
        let folder = try TemporaryFolder()
        try LaTeXRenderer.render(document).tex.write(toFile: folder.path + "/report.tex", atomically: true, encoding: .utf8)
        let arguments = [
            "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "-jobname=report",
            "\\pdfcompresslevel=0\\pdfobjcompresslevel=0\\input{report.tex}",
        ]
        for _ in 0..<2 {
            try await pdflatex.run(arguments, in: folder.path)
        }
        return folder
    }
}
