import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads XML back with Foundation's parser (libxml2 on Linux), independently of how it was written.
enum XMLParsing {
    /// Whether the bytes are well-formed XML; on failure, the parser's error.
    static func check(_ data: Data) -> (wellFormed: Bool, error: String?) {
        let parser = XMLParser(data: data)
        let wellFormed = parser.parse()
        return (wellFormed, parser.parserError.map { "\($0)" })
    }

    /// The text of each `<w:p>` of a WordprocessingML part, as the parser decodes it (`<w:tab/>`
    /// read as a tab, `<w:br/>` as a line feed).
    static func paragraphTexts(_ data: Data) -> [String] {
        let collector = ParagraphCollector()
        let parser = XMLParser(data: data)
        parser.delegate = collector
        _ = parser.parse()
        return collector.paragraphs
    }

    /// The decoded text of every element with this qualified name, in order.
    static func texts(of element: String, in data: Data) -> [String] {
        let collector = ElementCollector(element: element)
        let parser = XMLParser(data: data)
        parser.delegate = collector
        _ = parser.parse()
        return collector.texts
    }
}

private final class ParagraphCollector: NSObject, XMLParserDelegate {
    var paragraphs: [String] = []
    private var current = ""
    private var inText = false

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch name {
        case "w:p": current = ""
        case "w:t": inText = true
        case "w:tab": current += "\t"
        case "w:br" where attributes["w:type"] == nil: current += "\n"
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "w:t" { inText = false }
        if name == "w:p" { paragraphs.append(current) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }
}

private final class ElementCollector: NSObject, XMLParserDelegate {
    let element: String
    var texts: [String] = []
    private var current: String?

    init(element: String) { self.element = element }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if name == element { current = "" }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == element, let current { texts.append(current) }
        if name == element { current = nil }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        current? += string
    }
}
