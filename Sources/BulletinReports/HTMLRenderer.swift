import Foundation

/// Renders a report as one self-contained HTML page: inline CSS that prints well, inline SVG
/// bar charts, the feature matrix as a table, and no scripts or outside resources.
public enum HTMLRenderer {
    public static func render(_ document: ReportDocument) -> String {
        var body = "<h1>\(escaped(document.title))</h1>\n"
        body +=
            "<p class=\"meta\">Generated <time datetime=\"\(document.generatedAt.formatted(.iso8601))\">\(document.generatedAt.formatted(date: .long, time: .shortened))</time></p>\n"
        body += "<section><h2>Summary</h2>\n" + document.summary.map { "<p>\(escaped($0))</p>" }.joined(separator: "\n") + "</section>\n"
        for chart in document.charts { body += svg(chart) }
        for section in document.sections {
            body += "<section><h2>\(escaped(section.heading))</h2>\n"
            if let pricing = section.pricing { body += "<p>\(escaped(pricing))</p>\n" }
            body += list("Strengths", section.strengths) + list("Weaknesses", section.weaknesses) + "</section>\n"
        }
        if !document.matrix.rows.isEmpty {
            body += "<section><h2>Features</h2>\n<table><thead><tr><th scope=\"col\">Feature</th>"
            body += document.matrix.participants.map { "<th scope=\"col\">\(escaped($0))</th>" }.joined() + "</tr></thead><tbody>\n"
            for row in document.matrix.rows {
                body += "<tr><th scope=\"row\">\(escaped(row.feature))</th>"
                body += row.has.map {
                    $0 ? "<td class=\"yes\">✓<span class=\"sr\"> yes</span></td>" : "<td class=\"no\">—<span class=\"sr\"> no</span></td>"
                }.joined()
                body += "</tr>\n"
            }
            body += "</tbody></table></section>\n"
        }
        body += "<section><h2>Changes since the last report</h2>\n"
        body += document.changes.isEmpty ? "<p>\(document.noChangesSentence)</p>" : list(nil, document.changes)
        body += "</section>\n"
        if !document.notes.isEmpty { body += "<section><h2>Notes</h2>\n" + list(nil, document.notes) + "</section>\n" }
        if document.authorship != nil {
            body += "<section><h2>How this report was written</h2>\n" + list(nil, document.authorshipLines) + "</section>\n"
        }
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escaped(document.title))</title>
            <style>\(style)</style></head>
            <body><main>
            \(body)</main></body></html>

            """
    }

    static let style = """
        body{font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff;margin:0}
        main{max-width:52rem;margin:0 auto;padding:1.5rem}
        h1{font-size:1.8rem;margin:0 0 .25rem}h2{font-size:1.25rem;margin:1.75rem 0 .5rem}
        .meta{color:#555;margin-top:0}table{border-collapse:collapse;width:100%}
        th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left}
        td.yes{color:#0a6b2d;font-weight:600}td.no{color:#777}
        .sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
        figure{margin:1.25rem 0}figcaption{font-weight:600;margin-bottom:.25rem}svg{max-width:100%;height:auto}
        svg text{font:13px system-ui,sans-serif;fill:#1a1a1a}svg rect{fill:#2f5fb3}
        @media print{main{max-width:none;padding:0}section,figure,table{break-inside:avoid}a{color:inherit}}
        """

    /// A horizontal bar chart, bars scaled to the largest value.
    static func svg(_ chart: BarChart) -> String {
        let rowHeight = 26
        let height = chart.bars.count * rowHeight + 8
        let largest = max(chart.bars.map(\.value).max() ?? 0, 1)
        var bars = ""
        for (index, bar) in chart.bars.enumerated() {
            let y = index * rowHeight + 4
            let width = Int((bar.value / largest * 380).rounded())
            bars += "<text x=\"0\" y=\"\(y + 17)\">\(escaped(String(bar.label.prefix(28))))</text>"
            bars += "<rect x=\"190\" y=\"\(y + 4)\" width=\"\(max(width, 1))\" height=\"16\" rx=\"2\"/>"
            bars += "<text x=\"\(196 + width)\" y=\"\(y + 17)\">\(Analyser.format(bar.value))</text>"
        }
        return """
            <figure><figcaption>\(escaped(chart.title))</figcaption>
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 \(height)" role="img" aria-label="\(escaped(chart.title))">\(bars)</svg></figure>

            """
    }

    private static func list(_ title: String?, _ items: [String]) -> String {
        guard !items.isEmpty else { return "" }
        let heading = title.map { "<h3>\(escaped($0))</h3>" } ?? ""
        return heading + "<ul>" + items.map { "<li>\(escaped($0))</li>" }.joined() + "</ul>\n"
    }

    /// Text safe in HTML content and attribute values.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
