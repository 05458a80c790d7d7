import BulletinDocuments
import BulletinReports
import Foundation
import Testing

/// A report as a Word template's data, and the sample template that uses all of it.
@Suite("Report templates")
struct ReportTemplateTests {
    static let report = ReportDocument.sample(peers: 12)

    @Test("the sample template uses every name a report fills, and passes the check")
    func sampleUsesTheVocabulary() throws {
        let tags = Set(try ReportTemplates.check(try ReportTemplates.sample()).map(\.text))
        let vocabulary = TemplateVocabulary.report
        for field in vocabulary.fields { #expect(tags.contains("{{\(field)}}"), "the sample lacks \(field)") }
        for (list, items) in vocabulary.lists {
            #expect(tags.contains("{{#\(list)}}") && tags.contains("{{/\(list)}}"), "the sample lacks the loop \(list)")
            for field in items.fields { #expect(tags.contains("{{\(field)}}"), "the sample lacks \(list)'s \(field)") }
        }
        for chart in vocabulary.charts { #expect(tags.contains("{{chart:\(chart)}}"), "the sample lacks the chart \(chart)") }
        #expect(tags.contains("{{.}}"))
    }

    @Test("a report fills the sample completely: no tag is left in the document")
    func sampleFills() throws {
        let values = Self.report.templateValue(
            projectName: "Note apps", projectDescription: "Which notes app", subject: "Inkwell Notes", workspace: "Acme")
        let filled = try DOCXTemplate(data: try ReportTemplates.sample(), vocabulary: .report)
            .render(values, charts: Self.report.templateCharts)
        #expect(try DOCXTemplate(data: filled, vocabulary: .report).tags.isEmpty)
    }

    @Test("the values: the project, the cover's date, participants with their scores, features with their owners")
    func values() throws {
        let values = Self.report.templateValue(
            projectName: "Note apps", projectDescription: "Which notes app", subject: "Inkwell Notes", workspace: "Acme")
        #expect(values.value(at: "project.name") == .text("Note apps"))
        #expect(values.value(at: "project.description") == .text("Which notes app"))
        #expect(values.value(at: "date")?.displayText.hasSuffix(", 2026") == true)
        #expect(values.value(at: "summary") == .text(Self.report.summary.joined(separator: "\n")))
        guard case .list(let peers) = values.value(at: "peers"), case .list(let features) = values.value(at: "features") else {
            Issue.record("peers and features are lists")
            return
        }
        #expect(peers.count == Self.report.sections.count)
        let leader = try #require(Self.report.charts.first?.bars.first)
        let entry = try #require(peers.first { $0.value(at: "name") == .text(leader.label) })
        #expect(entry.value(at: "score") == .number(leader.value))
        let row = Self.report.matrix.rows[0]
        let owners = Self.report.matrix.participants.indices.filter { row.has[$0] }.map { Self.report.matrix.participants[$0] }
        #expect(features.first?.value(at: "participants") == .text(owners.joined(separator: ", ")))
        #expect(Self.report.templateCharts["scores"]?.categories == Self.report.charts[0].bars.map(\.label))
        #expect(Self.report.templateCharts.keys.sorted() == ["prices", "scores"])
    }

    @Test("a first report without changes says so, and a report without a price chart places an empty one")
    func defaults() throws {
        var report = Self.report
        report.changes = []
        report.charts = Array(report.charts.prefix(1))
        let values = report.templateValue(projectName: "P", projectDescription: "", subject: "S", workspace: "W")
        #expect(values.value(at: "changes") == .list([.text(report.noChangesSentence)]))
        #expect(report.templateCharts["prices"]?.categories.isEmpty == true)
        let filled = try DOCXTemplate(data: try ReportTemplates.sample(), vocabulary: .report).render(values, charts: report.templateCharts)
        #expect(!filled.isEmpty)
    }
}
