import BulletinCore
import Foundation
import Testing

@testable import BulletinReports

@Suite("Writing and rendering reports")
struct ReportWritingTests {
    static func document(_ inputs: [AnalysisInput] = AnalysisTests.inputs, notes: [String] = []) async throws -> ReportDocument {
        let project = ProjectDraft(
            name: "Note apps", subject: inputs[0].participant, peers: inputs.dropFirst().map(\.participant))
        return try await OfflineWriter().write(
            project: project, analysis: Analyser.analyse(inputs, previous: nil), notes: notes,
            at: Date(timeIntervalSince1970: 1_800_000_000))
    }

    @Test("the offline writer states the analysis: the summary, a section each, the matrix and charts")
    func offlineWriter() async throws {
        let document = try await Self.document(notes: ["Obsidian's page could not be read: timed out."])
        #expect(document.summary.first == "This report compares Inkwell with Bear and Obsidian.")
        #expect(document.summary.contains { $0.hasPrefix("By overall score, ") && $0.contains("followed by") })
        #expect(document.summary.contains("On price, Inkwell is lowest at 8 and Bear highest at 10."))
        #expect(document.summary.contains("All of them offer Offline mode."))
        #expect(document.sections.map(\.heading) == ["Inkwell", "Bear", "Obsidian"])
        let inkwell = document.sections[0]
        #expect(inkwell.strengths.contains("Lowest price: 8"))
        #expect(inkwell.pricing == "At 8, its price is the lowest of 2.")
        #expect(document.sections[2].weaknesses.contains("Lowest rating: 4.10"))
        #expect(document.matrix.rows.first == FeatureMatrix.Row(feature: "Offline mode", has: [true, true, true]))
        #expect(document.charts.map(\.title) == ["Overall score", "Price", "Price (from website)"])
        #expect(document.notes == ["Obsidian's page could not be read: timed out."])
        // Deterministic: the same analysis gives the same report.
        #expect(try await Self.document(notes: ["Obsidian's page could not be read: timed out."]) == document)
    }

    @Test("Markdown and HTML carry every participant, the matrix and the charts, with text escaped")
    func rendering() async throws {
        var inputs = AnalysisTests.inputs
        inputs[2].participant.name = "<b>Evil</b> & *co*"
        let document = try await Self.document(inputs)
        let markdown = MarkdownRenderer.render(document)
        #expect(markdown.hasPrefix("# Note apps\n"))
        #expect(markdown.contains("| Feature | Inkwell | Bear |"))
        #expect(markdown.contains("This is the project's first report."))
        #expect(markdown.contains(#"\<b\>Evil\</b\> & \*co\*"#))
        // Block markers are escaped only where they would start a block; plain punctuation stays readable.
        #expect(MarkdownRenderer.escaped("# Top-rated (new)") == ##"\# Top-rated (new)"##)
        #expect(MarkdownRenderer.escaped("3. Peer | 1.5") == #"3\. Peer \| 1.5"#)
        let html = HTMLRenderer.render(document)
        #expect(html.hasPrefix("<!doctype html>"))
        #expect(html.components(separatedBy: "<svg").count - 1 == document.charts.count)
        #expect(html.contains("<table>"))
        for name in ["Inkwell", "Bear", "&lt;b&gt;Evil&lt;/b&gt; &amp; *co*"] { #expect(html.contains(name), "\(name)") }
        #expect(!html.contains("<b>Evil"))
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("<img"))
        #expect(html.contains("@media print"))
    }
}
