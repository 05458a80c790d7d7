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
        lines += document.changes.isEmpty ? [document.noChangesSentence, ""] : document.changes.map { "- " + escaped($0) } + [""]
        if !document.notes.isEmpty { lines += ["## Notes", ""] + document.notes.map { "- " + escaped($0) } + [""] }
        if document.authorship != nil {
            lines += ["## How this report was written", ""] + document.authorshipLines.map { "- " + escaped($0) } + [""]
        }
        return lines.joined(separator: "\n")
    }

    private static func bullets(_ title: String, _ items: [String]) -> [String] {
        items.isEmpty ? [] : ["**\(title)**", ""] + items.map { "- " + escaped($0) } + [""]
    }

    /// Text with Markdown's markup characters escaped, so names and page text cannot inject
    /// markup: inline ones (emphasis, code, links, HTML, table cells, strikethrough) anywhere,
    /// and block markers (headings, list items, quotes) only where they would start a block.
    static func escaped(_ text: String) -> String {
        var result = ""
        let leadingDigits = text.prefix { $0.isASCII && $0.isNumber }.count
        for (offset, character) in text.enumerated() {
            let startsBlock = offset == 0 && "#+-".contains(character)
            let endsListNumber = offset == leadingDigits && leadingDigits > 0 && ".)".contains(character)
            if "\\`*_[]<>|~".contains(character) || startsBlock || endsListNumber { result.append("\\") }
            result.append(character == "\n" ? " " : character)
        }
        return result
    }

    private static func cell(_ text: String) -> String { escaped(text) }
}
