import Foundation

/// Writes a template part's nodes back as XML, filling fields, repeating loops and placing charts.
struct TemplateRenderer {
    /// The data, then each loop item entered, innermost last; names resolve innermost first.
    private var scopes: [TemplateValue]
    private let charts: [String: Chart]
    /// The charts placed so far, in every part rendered with this renderer.
    private(set) var placed = TemplateCharts()

    init(data: TemplateValue, charts: [String: Chart], firstChartNumber: Int) {
        scopes = [data]
        self.charts = charts
        placed.nextNumber = firstChartNumber
    }

    /// The part `name`'s XML.
    mutating func render(part name: String, _ nodes: [WordNode]) throws(TemplateError) -> String {
        var xml = ""
        try render(nodes, part: name, into: &xml)
        return xml
    }

    private mutating func render(_ nodes: [WordNode], part: String, into xml: inout String) throws(TemplateError) {
        for node in nodes {
            switch node {
            case .text(let text), .markup(let text):
                xml.append(text)
            case .element(let element) where element.children.isEmpty:
                element.serialize(into: &xml)
            case .element(let element):
                xml.append("<\(element.name)\(element.attributes)>")
                let start = xml.endIndex
                try render(element.children, part: part, into: &xml)
                // A cell whose paragraphs a loop repeated zero times still needs one, or Word refuses the file.
                if element.name == "w:tc" && xml[start...].range(of: "<w:p") == nil { xml.append("<w:p/>") }
                xml.append("</\(element.name)>")
            case .slot(.field(let path, let properties)):
                appendRun(resolve(path).displayText, properties: properties, to: &xml)
            case .slot(.loop(let name, let body)):
                for item in resolve(name).loopItems {
                    scopes.append(item)
                    defer { scopes.removeLast() }
                    try render(body, part: part, into: &xml)
                }
            case .slot(.chart(let name)):
                guard let chart = charts[name] else { throw .missingChart(name) }
                placed.appendDrawing(of: chart, in: part, to: &xml)
            case .slot(.loopStart), .slot(.loopEnd):
                break  // Paired into loops before rendering.
            }
        }
    }

    /// The value a field or loop names: `.` is the current item; a path is looked up in the
    /// innermost item that has its first name, out to the data itself.
    private func resolve(_ path: String) -> TemplateValue {
        if path == "." { return scopes.count > 1 ? scopes[scopes.count - 1] : .missing }
        for scope in scopes.reversed() {
            if let value = scope.value(at: path) { return value }
        }
        return .missing
    }

    /// A run with the tag's formatting; line breaks become `w:br` and tabs `w:tab`, as Word types them.
    private func appendRun(_ text: String, properties: WordElement?, to xml: inout String) {
        guard !text.isEmpty else { return }
        xml.append("<w:r>")
        properties?.serialize(into: &xml)
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" })
        for (number, line) in lines.enumerated() {
            if number > 0 { xml.append("<w:br/>") }
            for (index, piece) in line.split(separator: "\t", omittingEmptySubsequences: false).enumerated() {
                if index > 0 { xml.append("<w:tab/>") }
                guard !piece.isEmpty else { continue }
                xml.append(#"<w:t xml:space="preserve">"#)
                XMLText.append(String(piece), to: &xml)
                xml.append("</w:t>")
            }
        }
        xml.append("</w:r>")
    }
}
