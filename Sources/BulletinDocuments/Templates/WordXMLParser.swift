/// Reads a WordprocessingML part into ``WordNode``s, keeping the original markup.
///
/// A small tokenizer of our own rather than `XMLParser` or `XMLDocument`: `XMLDocument` is not in
/// swift-corelibs-foundation without `FoundationXML` (and is a DOM we would have to re-serialise,
/// losing prefixes and formatting), and `XMLParser` reports decoded events, so writing a part back
/// unchanged would mean rebuilding every namespace declaration and escape. The parts it reads are
/// machine-written by Word, LibreOffice or python-docx: no DTD and no entities beyond the
/// predefined ones, which is all this handles. Anything not well-formed (unbalanced or mismatched
/// tags, an unterminated construct) is refused rather than guessed at.
struct WordXMLParser {
    enum Failure: Error, Equatable {
        case malformed(String)
    }

    private let bytes: [UInt8]
    private var position = 0

    private init(_ xml: String) {
        bytes = Array(xml.utf8)
    }

    /// The part's top-level nodes: the declaration, then the root element.
    static func parse(_ xml: String) throws(Failure) -> [WordNode] {
        var parser = WordXMLParser(xml)
        return try parser.parseDocument()
    }

    private mutating func parseDocument() throws(Failure) -> [WordNode] {
        // A stack of open elements; the bottom entry collects the top-level nodes.
        var stack: [WordElement] = [WordElement(name: "")]
        while position < bytes.count {
            if bytes[position] != UInt8(ascii: "<") {
                let start = position
                while position < bytes.count, bytes[position] != UInt8(ascii: "<") { position += 1 }
                stack[stack.count - 1].children.append(.text(string(start..<position)))
            } else if starts(with: "<?") {
                stack[stack.count - 1].children.append(.markup(try scan(through: "?>")))
            } else if starts(with: "<!--") {
                stack[stack.count - 1].children.append(.markup(try scan(through: "-->")))
            } else if starts(with: "<![CDATA[") {
                stack[stack.count - 1].children.append(.markup(try scan(through: "]]>")))
            } else if starts(with: "<!") {
                throw .malformed("a document type declaration is not expected in a WordprocessingML part")
            } else if starts(with: "</") {
                let tag = try scanTag()
                let name = String(tag.dropFirst(2).dropLast().filter { !$0.isWhitespace })
                guard stack.count > 1, stack[stack.count - 1].name == name else {
                    throw .malformed("unexpected end tag </\(name)>")
                }
                let element = stack.removeLast()
                stack[stack.count - 1].children.append(.element(element))
            } else {
                let element = try startTag(try scanTag())
                if element.isEmpty {
                    stack[stack.count - 1].children.append(.element(element))
                } else {
                    stack.append(element)
                }
            }
        }
        guard stack.count == 1 else { throw .malformed("element <\(stack[stack.count - 1].name)> is not closed") }
        return stack[0].children
    }

    /// Splits `<name attributes>` or `<name attributes/>` into an element without children.
    private func startTag(_ tag: String) throws(Failure) -> WordElement {
        var inner = tag.dropFirst().dropLast()
        let isEmpty = inner.last == "/"
        if isEmpty { inner = inner.dropLast() }
        let nameEnd = inner.firstIndex { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" } ?? inner.endIndex
        let name = String(inner[..<nameEnd])
        guard !name.isEmpty else { throw .malformed("a start tag has no name") }
        return WordElement(name: name, attributes: String(inner[nameEnd...]), isEmpty: isEmpty)
    }

    /// A tag from `<` to its `>`, skipping any `>` inside quoted attribute values.
    private mutating func scanTag() throws(Failure) -> String {
        let start = position
        var quote: UInt8?
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return string(start..<position)
            }
        }
        throw .malformed("a tag is not terminated")
    }

    private mutating func scan(through terminator: String) throws(Failure) -> String {
        let start = position
        let end = Array(terminator.utf8)
        while position + end.count <= bytes.count {
            if bytes[position..<position + end.count].elementsEqual(end) {
                position += end.count
                return string(start..<position)
            }
            position += 1
        }
        throw .malformed("\(terminator) is missing")
    }

    private func starts(with prefix: String) -> Bool {
        let prefix = Array(prefix.utf8)
        return position + prefix.count <= bytes.count && bytes[position..<position + prefix.count].elementsEqual(prefix)
    }

    private func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}
