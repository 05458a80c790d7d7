import BulletinDocuments
import Foundation

extension ReportDocument {
    /// The report as a Word template's data, in the names of ``TemplateVocabulary/report``.
    ///
    /// - Parameters:
    ///   - projectName: The project's name, `{{project.name}}`.
    ///   - projectDescription: The project's description, `{{project.description}}`.
    ///   - subject: Who the report is about, `{{subject}}`.
    ///   - workspace: The workspace's name, `{{workspace}}`.
    public func templateValue(projectName: String, projectDescription: String, subject: String, workspace: String) -> TemplateValue {
        let scores = Dictionary(charts.first?.bars.map { ($0.label, $0.value) } ?? [], uniquingKeysWith: { first, _ in first })
        let peers: [TemplateValue] = sections.map { section in
            .object([
                "name": .text(section.heading),
                "score": scores[section.heading].map(TemplateValue.number) ?? .missing,
                "pricing": section.pricing.map(TemplateValue.text) ?? .missing,
                "strengths": .list(section.strengths.map(TemplateValue.text)),
                "weaknesses": .list(section.weaknesses.map(TemplateValue.text)),
            ])
        }
        let features: [TemplateValue] = matrix.rows.map { row in
            let owners = matrix.participants.indices.filter { $0 < row.has.count && row.has[$0] }.map { matrix.participants[$0] }
            return .object(["feature": .text(row.feature), "participants": .text(owners.joined(separator: ", "))])
        }
        return .object([
            "project": .object(["name": .text(projectName), "description": .text(projectDescription)]),
            "workspace": .text(workspace),
            "title": .text(title),
            "date": .text(Cover(title: title, subject: subject, date: generatedAt, workspace: workspace).longDate),
            "subject": .text(subject),
            // Line breaks within the paragraph the tag is in.
            "summary": .text(summary.joined(separator: "\n")),
            "peers": .list(peers),
            "features": .list(features),
            "changes": .list((changes.isEmpty ? [noChangesSentence] : changes).map(TemplateValue.text)),
            "notes": .list(notes.map(TemplateValue.text)),
        ])
    }

    /// The charts a template places: `scores` (the overall score) and `prices` (the first
    /// comparison where lower is better; without one, a chart with no bars).
    public var templateCharts: [String: Chart] {
        let scores = charts.first ?? BarChart(title: "Overall score", bars: [])
        let prices = charts.dropFirst().first ?? BarChart(title: "Prices", bars: [])
        return ["scores": scores.documentChart, "prices": prices.documentChart]
    }
}
