import Foundation

/// One part of a template that may hold tags (the main document, a header, a footer), read into
/// nodes with its tags gathered into single runs and cut out as slots.
struct TemplatePart: Sendable {
    /// The part's name in the package, such as `word/document.xml`.
    var name: String
    var nodes: [WordNode]
    /// The tags found, in document order.
    var tags: [TemplateTag] = []
    /// What is wrong within single paragraphs: malformed tags, charts not alone.
    var problems: [TemplateProblem] = []

    private var paragraphCount = 0

    /// Reads the part; malformed XML is reported as a problem rather than thrown.
    init(name: String, xml: String) {
        self.name = name
        do {
            nodes = try WordXMLParser.parse(xml)
        } catch {
            nodes = []
            let detail =
                switch error {
                case .malformed(let detail): detail
                }
            problems.append(
                TemplateProblem(code: .malformedXML, tag: "", location: nil, message: "\(name) is not well-formed XML: \(detail)"))
            return
        }
        nodes = visitParagraphs(nodes)
    }

    private mutating func visitParagraphs(_ nodes: [WordNode]) -> [WordNode] {
        nodes.map { node in
            guard case .element(var element) = node else { return node }
            if element.name == "w:p" {
                paragraphCount += 1
                prepare(&element, location: TemplateLocation(part: name, paragraph: paragraphCount))
            }
            // Paragraphs nest in tables, and in text boxes inside a paragraph's runs.
            element.children = visitParagraphs(element.children)
            return .element(element)
        }
    }

    private mutating func prepare(_ paragraph: inout WordElement, location: TemplateLocation) {
        let (text, found) = RunNormalizer.normalize(&paragraph)
        guard !found.isEmpty else { return }
        for (tagText, isTerminated) in found {
            let kind = isTerminated ? TemplateTag.Kind.parse(TagScanner.body(of: tagText)) : nil
            let tag = TemplateTag(text: tagText, kind: kind, location: location)
            tags.append(tag)
            if !isTerminated {
                problems.append(problem(.malformedTag, tag, "the tag has no closing }} in its paragraph"))
            } else if kind == nil {
                problems.append(problem(.malformedTag, tag, "a tag is a name, a dotted path, #list, /list, chart:name or ."))
            } else if case .chart = kind, text.trimmingCharacters(in: .whitespacesAndNewlines) != tagText {
                problems.append(problem(.chartNotAlone, tag, "a chart tag must be alone in its paragraph"))
            }
        }
        paragraph.children = RunSplitter.split(paragraph.children, location: location)
    }

    private func problem(_ code: TemplateProblem.Code, _ tag: TemplateTag, _ message: String) -> TemplateProblem {
        TemplateProblem(code: code, tag: tag.text, location: tag.location, message: message)
    }
}
