/// Why a template cannot be used or rendered.
public enum TemplateError: Error, Sendable, Hashable {
    /// The template was refused; every problem found is listed, in document order.
    case invalid([TemplateProblem])
    /// `render` was not given a chart that the template places.
    case missingChart(String)
}

/// One thing wrong with a template, with the tag and where it is, for the author to fix.
public struct TemplateProblem: Sendable, Hashable, CustomStringConvertible {
    /// What is wrong; a struct of constants so the set can grow without breaking callers.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let description: String

        /// The file is not a Word document: not a ZIP, or no `word/document.xml`.
        public static let notADocument = Code(description: "not-a-document")
        /// A part is not well-formed XML.
        public static let malformedXML = Code(description: "malformed-xml")
        /// `{{ }}`, `{{#}}`, `{{a..b}}`, or `{{` without `}}` in the same paragraph.
        public static let malformedTag = Code(description: "malformed-tag")
        /// A field, list or chart the vocabulary does not have, or `{{.}}` outside a list of values.
        public static let unknownTag = Code(description: "unknown-tag")
        /// `{{#name}}` without its `{{/name}}`.
        public static let unclosedLoop = Code(description: "unclosed-loop")
        /// `{{/name}}` that does not close the innermost open loop.
        public static let mismatchedLoop = Code(description: "mismatched-loop")
        /// A loop whose tags are in different containers (a cell and the body), or at different levels of a paragraph.
        public static let loopSpansContainers = Code(description: "loop-spans-containers")
        /// `{{chart:name}}` shares its paragraph with other text.
        public static let chartNotAlone = Code(description: "chart-not-alone")
    }

    public var code: Code
    /// The tag as written (empty when the problem is the file itself).
    public var tag: String
    /// Where the tag is; `nil` when the problem is the file itself.
    public var location: TemplateLocation?
    /// A sentence for the template's author.
    public var message: String

    public init(code: Code, tag: String, location: TemplateLocation?, message: String) {
        self.code = code
        self.tag = tag
        self.location = location
        self.message = message
    }

    /// "word/document.xml, paragraph 12: {{projct.name}}: unknown field projct.name".
    public var description: String {
        let place = location.map { "\($0): " } ?? ""
        let tag = tag.isEmpty ? "" : "\(tag): "
        return "\(place)\(tag)\(message)"
    }
}
