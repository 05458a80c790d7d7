import Foundation

/// Where a tag is: the part and the paragraph's number in it, counted from 1 in document order
/// (paragraphs in tables count too), as a template author can find it in Word.
public struct TemplateLocation: Sendable, Hashable, CustomStringConvertible {
    /// The part's name in the package, such as `word/document.xml` or `word/footer1.xml`.
    public var part: String
    /// The paragraph's number in the part, from 1.
    public var paragraph: Int

    public init(part: String, paragraph: Int) {
        self.part = part
        self.paragraph = paragraph
    }

    /// "word/document.xml, paragraph 12".
    public var description: String { "\(part), paragraph \(paragraph)" }
}

/// A tag found in a template, in document order.
public struct TemplateTag: Sendable, Hashable {
    /// What a tag asks for.
    public enum Kind: Sendable, Hashable {
        /// `{{name}}` or `{{project.name}}`: the value at a dotted path.
        case field(path: String)
        /// `{{.}}`: the current loop item itself.
        case item
        /// `{{#name}}`: starts repeating a unit once per item of the list `name`.
        case loopStart(name: String)
        /// `{{/name}}`: ends the loop over `name`.
        case loopEnd(name: String)
        /// `{{chart:name}}`: a native Word chart, alone in its paragraph.
        case chart(name: String)
    }

    /// The tag as written, braces included, such as `{{project.name}}`.
    public var text: String
    /// What it asks for, or `nil` when it is malformed (`{{ }}`, `{{#}}`, `{{a..b}}`).
    public var kind: Kind?
    public var location: TemplateLocation

    public init(text: String, kind: Kind?, location: TemplateLocation) {
        self.text = text
        self.kind = kind
        self.location = location
    }
}

extension TemplateTag.Kind {
    /// The kind of the tag whose text between the braces is `body`; `nil` if it is malformed.
    ///
    /// Spaces around the body are allowed (`{{ name }}`); names are letters, digits, `_` and `-`,
    /// and paths are names joined by single dots.
    static func parse(_ body: String) -> Self? {
        let body = body.trimmingCharacters(in: .whitespaces)
        if body == "." { return .item }
        if body.hasPrefix("#") { return name(body.dropFirst()).map { .loopStart(name: $0) } }
        if body.hasPrefix("/") { return name(body.dropFirst()).map { .loopEnd(name: $0) } }
        if body.hasPrefix("chart:") { return name(body.dropFirst(6)).map { .chart(name: $0) } }
        return path(body[...]).map { .field(path: $0) }
    }

    private static func name(_ text: Substring) -> String? {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, text.unicodeScalars.allSatisfy(isNameCharacter) else { return nil }
        return text
    }

    private static func path(_ text: Substring) -> String? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0.unicodeScalars.allSatisfy(isNameCharacter) }) else { return nil }
        return String(text)
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "_" || scalar == "-"
    }
}
