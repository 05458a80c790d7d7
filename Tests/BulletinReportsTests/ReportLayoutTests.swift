import BulletinCore
import BulletinDocuments
import BulletinReports
import Foundation
import Testing

/// A report as a printable document: what it holds, and that every format renders it.
@Suite("Report layout")
struct ReportLayoutTests {
    static let report = ReportDocument.sample(peers: 12)

    @Test("the layout has a cover, key figures, the charts, a section per participant and the matrix in tables of six")
    func layout() throws {
        let document = Self.report.layout(subject: "Inkwell Notes", workspace: "Acme")
        #expect(document.cover.title == Self.report.title && document.cover.workspace == "Acme")
        #expect(document.cover.subject == "Compared with 12 peers: Inkwell Notes")
        guard case .keyFigures(let figures) = document.blocks.first else {
            Issue.record("the key figures come first")
            return
        }
        #expect(figures.first == KeyFigure(label: "Participants compared", value: "13"))
        var headings: [String] = []
        var tables: [Table] = []
        var charts = 0
        for block in document.blocks {
            switch block {
            case .heading(2, let text): headings.append(text)
            case .table(let table): tables.append(table)
            case .chart: charts += 1
            default: break
            }
        }
        #expect(headings == Self.report.sections.map(\.heading))
        #expect(charts == Self.report.charts.count)
        #expect(tables.map { $0.columns.count } == [7, 7, 2])
        #expect(tables.allSatisfy { $0.rows.count == Self.report.matrix.rows.count })
        #expect(tables[2].columns.map(\.title) == ["Feature", Self.report.matrix.participants[12]])
        let first = Self.report.matrix.rows[0]
        #expect(tables[0].rows[0] == [first.feature] + first.has.prefix(6).map { $0 ? "Yes" : "—" })
    }

    @Test("the sample report renders as PDF, DOCX and LaTeX")
    func renders() throws {
        let document = Self.report.layout(subject: "Inkwell Notes", workspace: "Acme")
        let pdf = try PDFRenderer().render(document)
        #expect(pdf.data.starts(with: Data("%PDF-1.7".utf8)))
        if !pdf.usedStandardFont { #expect(pdf.replacedCharacters == 0) }
        #expect(try DOCXRenderer.render(document).starts(with: Data("PK".utf8)))
        #expect(LaTeXRenderer.render(document).tex.contains("\\begin{document}"))
    }

    @Test("a report of the largest numbers a project may hold renders in every format")
    func extremeNumbers() async throws {
        let subject = Participant(name: "Low", attributes: ["size": .number(-1.7e308), "price": .number(1e300)])
        let peers = [
            Participant(name: "High", attributes: ["size": .number(1.7e308), "price": .number(-1e300)]),
            Participant(name: "Zero", attributes: ["size": .number(0), "price": .number(5e-324)]),
        ]
        let inputs = ([subject] + peers).map { AnalysisInput(participant: $0, page: PageFacts()) }
        let project = ProjectDraft(name: "Extremes", subject: subject, peers: peers)
        let report = try await OfflineWriter().write(
            project: project, analysis: Analyser.analyse(inputs, previous: nil), notes: [], at: Date(timeIntervalSince1970: 0))
        let document = report.layout(subject: "Low", workspace: "Acme")
        #expect(try PDFRenderer().render(document).data.starts(with: Data("%PDF-1.7".utf8)))
        #expect(try DOCXRenderer.render(document).starts(with: Data("PK".utf8)))
        #expect(LaTeXRenderer.render(document).tex.contains("\\begin{document}"))
        #expect(MarkdownRenderer.render(report).contains("1.7e+308"))
    }
}
