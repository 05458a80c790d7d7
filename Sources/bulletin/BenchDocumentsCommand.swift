import ArgumentParser
import BulletinCore
import BulletinDocuments
import BulletinReports
import Foundation

/// `bulletin bench documents`: renders the demo-shaped comparative report (12 peers) as PDF,
/// DOCX and LaTeX and prints each format's median time, after the page count and sizes.
struct BenchDocumentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "documents",
        abstract: "Render the 13-page comparative report as PDF, DOCX and LaTeX; print FORMAT MEDIAN ms per format.",
        discussion: """
            Fonts are found and parsed once, before timing, as a running server does. Each format \
            renders the same document --runs times after two warm-up renders; the last lines are \
            `pdf N ms`, `docx N ms` and `tex N ms` (medians).
            """)

    @Option(help: "How many timed renders per format.") var runs = 50
    @Option(name: .customLong("font-dir"), help: "Folder of TrueType fonts to use first.") var fontDirectory: String?
    @Option(help: "A folder to write report.pdf, report.docx and report.tex into (scripts/visual-check looks at them).")
    var outputFolder: String?

    func run() async throws {
        let document = ReportDocument.sample(peers: 12).layout(subject: "Inkwell Notes", workspace: "Acme")
        let pdf = PDFRenderer(fonts: FontLocator(directory: fontDirectory.map { URL(fileURLWithPath: $0) }).family())
        let first = try pdf.render(document)
        if let outputFolder {
            try FileManager.default.createDirectory(atPath: outputFolder, withIntermediateDirectories: true)
            try first.data.write(to: URL(fileURLWithPath: outputFolder + "/report.pdf"))
            try DOCXRenderer.render(document).write(to: URL(fileURLWithPath: outputFolder + "/report.docx"))
            try LaTeXRenderer.render(document).tex.write(toFile: outputFolder + "/report.tex", atomically: true, encoding: .utf8)
        }
        print(
            "pdf: \(first.pageCount) pages, \(first.data.count / 1024) KiB, "
                + (first.usedStandardFont ? "standard Helvetica (no TrueType font found)" : "fonts embedded as subsets")
                + ", \(first.replacedCharacters) characters replaced")
        print(
            "docx: \(try DOCXRenderer.render(document).count / 1024) KiB; tex: \(LaTeXRenderer.render(document).tex.utf8.count / 1024) KiB")
        let renders: [(String, () throws -> Void)] = [
            ("pdf", { _ = try pdf.render(document) }),
            ("docx", { _ = try DOCXRenderer.render(document) }),
            ("tex", { _ = LaTeXRenderer.render(document) }),
        ]
        var lines: [String] = []
        for (format, render) in renders {
            let clock = ContinuousClock()
            for _ in 0..<2 { try render() }
            var samples: [Double] = []
            for _ in 0..<max(runs, 1) {
                let elapsed = try clock.measure { try render() }
                samples.append(elapsed.timeInterval)
            }
            let median = Percentiles(of: samples)?.p50 ?? 0
            lines.append(String(format: "%@ %.1f ms", format, median * 1000))
        }
        for line in lines { print(line) }
    }
}
