import Foundation

/// Renders a report as CommonMark, tables included (GitHub's extension).
public enum MarkdownRenderer {
    public static func render(_ document: ReportDocument) -> String {
        var lines = ["# \(escaped(document.title))", "", "_Generated \(document.generatedAt.formatted(.iso8601))_", ""]
        lines += ["## Summary", ""] + document.summary.flatMap { [escaped($0), ""] }
        for section in document.sections {
            lines += ["## \(escaped(section.heading))", ""]
            if let pricing = section.pricing { lines += [escaped(pricing), ""] }
            lines += bullets("Strengths", section.strengths) + bullets("Weaknesses", section.weaknesses)
        }
        if !document.matrix.rows.isEmpty {
            lines += ["## Features", "", "| Feature | " + document.matrix.participants.map(cell).joined(separator: " | ") + " |"]
            lines.append("|---|" + String(repeating: "---|", count: document.matrix.participants.count))
            for row in document.matrix.rows {
                lines.append("| \(cell(row.feature)) | " + row.has.map { $0 ? "✓" : "—" }.joined(separator: " | ") + " |")
            }
            lines.append("")
        }
        for chart in document.charts {
            lines += ["## \(escaped(chart.title))", "", "| | |", "|---|---:|"]
            lines += chart.bars.map { "| \(cell($0.label)) | \(Analyser.format($0.value)) |" }
            lines.append("")
        }
        lines += ["## Changes since the last report", ""]
        lines += document.changes.isEmpty ? ["This is the project's first report.", ""] : document.changes.map { "- " + escaped($0) } + [""]
        if !document.notes.isEmpty { lines += ["## Notes", ""] + document.notes.map { "- " + escaped($0) } + [""] }
        return lines.joined(separator: "\n")
    }

    private static func bullets(_ title: String, _ items: [String]) -> [String] {
        items.isEmpty ? [] : ["**\(title)**", ""] + items.map { "- " + escaped($0) } + [""]
    }

    /// Text with Markdown's punctuation escaped, so names and page text cannot inject markup.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\`*_{}[]<>()#+-!|~".contains(character) { result.append("\\") }
            result.append(character == "\n" ? " " : character)
        }
        return result
    }

    private static func cell(_ text: String) -> String { escaped(text) }
}
