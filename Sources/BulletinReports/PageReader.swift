import CLibXML2
import Foundation

/// Reads a page's facts with libxml2's HTML parser, which recovers from broken markup
/// (unquoted attributes, unclosed or stray tags, wrong nesting) as browsers do, and decodes
/// the charset the page declares. No package available here parses HTML; FoundationXML on
/// Linux is libxml2's XML parser, which loses the rest of a tag at an unquoted attribute.
public enum PageReader {
    /// The most headings, prices, features and links kept.
    static let limits = (headings: 50, prices: 20, features: 100, links: 200)

    /// libxml2's global state, set up once before any parse: its own lazy set-up is not safe
    /// when the first parses run on several threads at once.
    private static let parserReady: Void = xmlInitParser()

    /// The facts of an HTML page; `url` resolves its relative links.
    public static func facts(html: [UInt8], url: URL?) -> PageFacts {
        guard !html.isEmpty, html.count <= Int(Int32.max) else { return PageFacts() }
        _ = parserReady
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue)
        let parsed = html.withUnsafeBufferPointer { bytes in
            bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                htmlReadMemory($0, Int32(bytes.count), url?.absoluteString, nil, options)
            }
        }
        guard let document = parsed else { return PageFacts() }
        defer { xmlFreeDoc(document) }
        var reader = Walk(base: url)
        reader.walk(xmlDocGetRootElement(document))
        return reader.facts
    }

    /// One pass over the tree, depth first, without recursion (a page may nest deeply).
    private struct Walk {
        var facts = PageFacts()
        var base: URL?
        var seenLinks: Set<String> = []

        /// Elements whose text is not shown.
        static let hidden: Set<String> = ["script", "style", "noscript", "template", "head", "svg"]
        /// Elements whose list items are navigation, not features.
        static let chrome: Set<String> = ["nav", "header", "footer", "menu", "aside"]

        init(base: URL?) {
            self.base = base
        }

        mutating func walk(_ root: xmlNodePtr?) {
            // Each entry: a node, and whether it is inside hidden text or page chrome.
            var stack: [(node: xmlNodePtr, hidden: Bool, chrome: Bool)] = []
            if let root { stack.append((root, false, false)) }
            while let (node, hidden, chrome) = stack.popLast() {
                var hidesChildren = hidden
                var chromeChildren = chrome
                switch node.pointee.type {
                case XML_ELEMENT_NODE:
                    let name = Self.name(of: node)
                    hidesChildren = hidden || Self.hidden.contains(name)
                    chromeChildren = chrome || Self.chrome.contains(name)
                    read(element: node, name: name, chrome: chromeChildren)
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if !hidden { read(text: Self.string(node.pointee.content)) }
                default:
                    break
                }
                // Children go on the stack last first, so they are visited in page order.
                var children: [xmlNodePtr] = []
                var child = node.pointee.children
                while let current = child {
                    children.append(current)
                    child = current.pointee.next
                }
                for child in children.reversed() { stack.append((child, hidesChildren, chromeChildren)) }
            }
        }

        private mutating func read(element node: xmlNodePtr, name: String, chrome: Bool) {
            switch name {
            case "title" where facts.title == nil:
                facts.title = Self.text(of: node).nonEmpty
            case "meta":
                let key = (Self.attribute("name", of: node) ?? Self.attribute("property", of: node))?.lowercased()
                if key == "description" || (key == "og:description" && facts.description == nil),
                    let content = Self.attribute("content", of: node).map(Self.collapsed)?.nonEmpty
                {
                    facts.description = content
                }
            case "base":
                if let href = Self.attribute("href", of: node), let url = URL(string: href, relativeTo: base) {
                    base = url.absoluteURL
                }
            case "h1", "h2", "h3":
                if facts.headings.count < limits.headings, let heading = Self.text(of: node).nonEmpty {
                    facts.headings.append(String(heading.prefix(300)))
                }
            case "li" where !chrome:
                let item = Self.text(of: node)
                let words = item.split(separator: " ").count
                if facts.features.count < limits.features, (3...120).contains(item.count), words <= 16,
                    !facts.features.contains(item)
                {
                    facts.features.append(item)
                }
            case "a":
                guard facts.links.count < limits.links, let href = Self.attribute("href", of: node),
                    let url = URL(string: href.trimmingCharacters(in: .whitespaces), relativeTo: base)?.absoluteURL,
                    let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https"
                else { return }
                var link = url.absoluteString
                if let fragment = link.firstIndex(of: "#") { link = String(link[..<fragment]) }
                if seenLinks.insert(link).inserted { facts.links.append(link) }
            default:
                break
            }
        }

        private mutating func read(text: String) {
            let visible = Self.collapsed(text)
            guard !visible.isEmpty else { return }
            facts.textLength += visible.count + (facts.textLength > 0 ? 1 : 0)
            guard facts.prices.count < limits.prices else { return }
            for price in PriceReader.prices(in: visible) where facts.prices.count < limits.prices {
                facts.prices.append(price)
            }
        }

        static func name(of node: xmlNodePtr) -> String {
            string(node.pointee.name).lowercased()
        }

        /// An element's text: every text below it, whitespace collapsed.
        static func text(of node: xmlNodePtr) -> String {
            guard let content = xmlNodeGetContent(node) else { return "" }
            defer { bulletin_xml_free(content) }
            return collapsed(string(content))
        }

        static func attribute(_ name: String, of node: xmlNodePtr) -> String? {
            guard let value = xmlGetProp(node, Array(name.utf8) + [0]) else { return nil }
            defer { bulletin_xml_free(value) }
            return string(value)
        }

        static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
            guard let pointer else { return "" }
            return String(cString: pointer)
        }

        static func collapsed(_ text: String) -> String {
            text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }
    }
}

extension String {
    /// `nil` when empty.
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
