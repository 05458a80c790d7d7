/// A node of a WordprocessingML part as the template engine holds it: the XML as Word wrote it,
/// plus the template's own slots (fields, loops, charts) once tags have been found.
///
/// Elements keep their attributes as the raw text of the start tag, and text and other markup
/// keep their raw, still-escaped form, so a part the template does not touch is written back
/// byte for byte.
enum WordNode: Sendable {
    case element(WordElement)
    /// Character data, still escaped as it was in the part.
    case text(String)
    /// Markup the engine never looks into: the declaration, comments, processing instructions, CDATA.
    case markup(String)
    /// Where a template tag was, after runs have been split at the tags.
    case slot(TemplateSlot)

    var element: WordElement? {
        if case .element(let element) = self { return element }
        return nil
    }
}

/// An element: its qualified name, the raw attribute text of its start tag, and its children.
struct WordElement: Sendable {
    var name: String
    /// Everything between the name and the end of the start tag, such as ` w:val="Heading1"`.
    var attributes: String
    var children: [WordNode]
    /// Written as `<name/>` when it still has no children.
    var isEmpty: Bool

    init(name: String, attributes: String = "", children: [WordNode] = [], isEmpty: Bool = false) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.isEmpty = isEmpty
    }

    /// The first child element named `name`.
    func child(_ name: String) -> WordElement? {
        children.lazy.compactMap(\.element).first { $0.name == name }
    }

    /// The element's text content, unescaped (used for `w:t`).
    var decodedText: String {
        var raw = ""
        for case .text(let text) in children { raw.append(text) }
        return XMLEntities.decode(raw)
    }

    /// Replaces the content with `text`, escaped, keeping spaces at either end (`xml:space`).
    mutating func setText(_ text: String) {
        children = text.isEmpty ? [] : [.text(XMLText.escaped(text))]
        isEmpty = false
        if !attributes.contains("xml:space") { attributes.append(#" xml:space="preserve""#) }
    }
}

/// A template tag's place in a part, after its run has been split from the text around it.
enum TemplateSlot: Sendable {
    /// `{{path}}`: replaced by a run with the formatting (`w:rPr`) of the run the tag was in.
    case field(path: String, runProperties: WordElement?)
    case loopStart(name: String, tag: TemplateTag)
    case loopEnd(name: String, tag: TemplateTag)
    /// A loop's repeated unit (rows, paragraphs, or runs), once its tags have been paired.
    case loop(name: String, body: [WordNode])
    /// `{{chart:name}}`: the run that held it becomes an inline drawing of the chart.
    case chart(name: String)
}

extension WordNode {
    /// The nodes written back as XML; slots must have been rendered away before this.
    static func serialize(_ nodes: [WordNode], into xml: inout String) {
        for node in nodes {
            switch node {
            case .text(let text), .markup(let text):
                xml.append(text)
            case .element(let element):
                element.serialize(into: &xml)
            case .slot:
                assertionFailure("template slots are rendered before serialising")
            }
        }
    }
}

extension WordElement {
    /// The element as XML.
    func serialize(into xml: inout String) {
        xml.append("<")
        xml.append(name)
        xml.append(attributes)
        if isEmpty && children.isEmpty {
            xml.append("/>")
            return
        }
        xml.append(">")
        WordNode.serialize(children, into: &xml)
        xml.append("</")
        xml.append(name)
        xml.append(">")
    }
}
