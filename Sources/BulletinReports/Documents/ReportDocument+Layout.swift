import BulletinDocuments
import Foundation

extension ReportDocument {
    /// The report as a printable document (PDF, DOCX, LaTeX): a cover, the key figures, the
    /// summary and charts, a section per participant, the feature matrix, changes and notes.
    ///
    /// - Parameters:
    ///   - subject: Who the report is about (the project's subject).
    ///   - workspace: The workspace's name, for the cover and the metadata.
    public func layout(subject: String, workspace: String) -> Document {
        var blocks: [Block] = [.keyFigures(keyFigures), .heading(level: 1, text: "Summary")]
        blocks += summary.map { .paragraph([.text($0)]) }
        blocks += charts.map { .chart($0.documentChart) }
        blocks.append(.pageBreak)
        blocks.append(.heading(level: 1, text: "Participants"))
        for section in sections {
            blocks.append(.heading(level: 2, text: section.heading))
            if let pricing = section.pricing { blocks.append(.paragraph([.text(pricing)])) }
            blocks += list("Strengths", section.strengths) + list("Weaknesses", section.weaknesses)
        }
        if !matrix.rows.isEmpty {
            blocks.append(.heading(level: 1, text: "Features"))
            blocks += featureTables
        }
        blocks.append(.heading(level: 1, text: "Changes since the last report"))
        blocks += changes.isEmpty ? [.paragraph([.text(noChangesSentence)])] : [.bulletList(changes.map { [.text($0)] })]
        if !notes.isEmpty {
            blocks.append(.heading(level: 1, text: "Notes"))
            blocks.append(.bulletList(notes.map { [.text($0)] }))
        }
        if authorship != nil {
            blocks.append(.heading(level: 1, text: "How this report was written"))
            blocks.append(.bulletList(authorshipLines.map { [.text($0)] }))
        }
        return Document(
            cover: Cover(
                title: title, subject: "Compared with \(max(matrix.participants.count - 1, 0)) peers: \(subject)",
                date: generatedAt, workspace: workspace),
            blocks: blocks, author: workspace)
    }

    /// The feature matrix as tables of at most six participants each, so that names fit their
    /// columns on a page; each table repeats the features.
    private var featureTables: [Block] {
        let groups = stride(from: 0, to: matrix.participants.count, by: 6).map { $0..<min($0 + 6, matrix.participants.count) }
        return groups.enumerated().map { index, group in
            let part = groups.count > 1 ? " (\(index + 1) of \(groups.count))" : ""
            return .table(
                Table(
                    columns: [Table.Column("Feature")] + matrix.participants[group].map { Table.Column($0) },
                    rows: matrix.rows.map { row in [row.feature] + group.map { $0 < row.has.count && row.has[$0] ? "Yes" : "—" } },
                    caption: "Which participant offers which feature\(part)."))
        }
    }

    private var keyFigures: [KeyFigure] {
        var figures = [
            KeyFigure(label: "Participants compared", value: String(max(sections.count, matrix.participants.count))),
            KeyFigure(label: "Features compared", value: String(matrix.rows.count)),
            KeyFigure(label: "Changes since the last report", value: String(changes.count)),
        ]
        if let leader = charts.first?.bars.max(by: { $0.value < $1.value }) {
            figures.append(KeyFigure(label: "Highest overall score: \(leader.label)", value: Chart.label(for: leader.value)))
        }
        return figures
    }

    private func list(_ title: String, _ items: [String]) -> [Block] {
        items.isEmpty ? [] : [.heading(level: 3, text: title), .bulletList(items.map { [.text($0)] })]
    }
}

extension BarChart {
    /// The chart as documents draw it: one series of bars.
    var documentChart: Chart {
        Chart(kind: .bar, title: title, categories: bars.map(\.label), series: [.init(name: title, values: bars.map(\.value))])
    }
}
