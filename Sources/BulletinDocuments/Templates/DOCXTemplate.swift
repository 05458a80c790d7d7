import Foundation

/// A Word template (.docx with `{{tags}}`) that a workspace uploads and reports fill, the way
/// Carbone does it.
///
/// Tags: `{{name}}` and `{{project.name}}` print a value; `{{#peers}}…{{/peers}}` repeats the
/// smallest unit around it once per item (the table row, else the text within a paragraph, else
/// the paragraphs between the tags), and inside it names resolve against the item first, with
/// `{{.}}` the item itself; `{{chart:scores}}`, alone in its paragraph, becomes a native Word
/// chart. The main document, headers and footers are filled. Tags that Word split across runs
/// work, and take the formatting of the run they start in.
///
/// ```swift
/// let template = try DOCXTemplate(data: upload, vocabulary: .report)
/// let docx = try template.render(values, charts: ["scores": scoresChart])
/// ```
public struct DOCXTemplate: Sendable {
    /// The tags found, in order: the main document first, then headers and footers by part name.
    public let tags: [TemplateTag]

    private let package: TemplatePackage
    /// Each templated part, its tags cut into slots and its loops built.
    private let parts: [(name: String, nodes: [WordNode])]

    /// Reads and checks a template.
    ///
    /// - Parameters:
    ///   - data: the .docx file's bytes.
    ///   - vocabulary: the names its tags may use, such as ``TemplateVocabulary/report``.
    /// - Throws: ``TemplateError/invalid(_:)`` listing every problem found, each with its tag and
    ///   where it is: a file that is not a .docx, malformed XML or tags, unknown names, unclosed or
    ///   mismatched loops, loops whose tags are in different containers, and chart tags not alone
    ///   in their paragraph.
    public init(data: Data, vocabulary: TemplateVocabulary) throws(TemplateError) {
        let package: TemplatePackage
        do {
            package = try TemplatePackage(data: data)
        } catch {
            let reason =
                error == .tooLarge ? "it is larger than \(TemplatePackage.maximumSize >> 20) MB uncompressed" : "it is not a ZIP file"
            throw .invalid([Self.notADocument("The file is not a Word document: \(reason).")])
        }
        guard package.text("word/document.xml") != nil else {
            throw .invalid([Self.notADocument("The file is not a Word document (.docx): it has no word/document.xml.")])
        }
        var tags: [TemplateTag] = []
        var problems: [TemplateProblem] = []
        var parts: [(name: String, nodes: [WordNode])] = []
        for name in package.templatedParts {
            let part = TemplatePart(name: name, xml: package.text(name) ?? "")
            tags += part.tags
            var found = part.problems + TemplateValidator.problems(in: part.tags, vocabulary: vocabulary)
            if found.isEmpty {
                do {
                    parts.append((name, try LoopStructurer.structure(part.nodes)))
                } catch {
                    found.append(error.problem)
                }
            }
            // In the order an author reads the part; problems in one paragraph keep their order.
            problems += found.enumerated().sorted {
                ($0.element.location?.paragraph ?? 0, $0.offset) < ($1.element.location?.paragraph ?? 0, $1.offset)
            }
            .map(\.element)
        }
        guard problems.isEmpty else { throw .invalid(problems) }
        self.tags = tags
        self.package = package
        self.parts = parts
    }

    /// The filled document, a .docx.
    ///
    /// - Parameters:
    ///   - data: the values, usually an ``TemplateValue/object(_:)`` whose keys are the vocabulary's names.
    ///     A name without a value prints nothing and its loops repeat zero times.
    ///   - charts: the charts that `{{chart:NAME}}` tags place, by name.
    /// - Throws: ``TemplateError/missingChart(_:)`` when a placed chart is not in `charts`, or an
    ///   error from the ZIP writer, which writes only to memory.
    public func render(_ data: TemplateValue, charts: [String: Chart]) throws -> Data {
        var renderer = TemplateRenderer(data: data, charts: charts, firstChartNumber: package.firstFreeChartNumber)
        var replaced: [String: String] = [:]
        for part in parts {
            replaced[part.name] = try renderer.render(part: part.name, part.nodes)
        }
        let placed = renderer.placed
        for part in Set(placed.placements.map(\.part)) {
            let relationshipsPath = Self.relationshipsPath(of: part)
            replaced[relationshipsPath] = placed.relationships(of: part, existing: package.text(relationshipsPath))
        }
        if let contentTypes = package.text("[Content_Types].xml") {
            replaced["[Content_Types].xml"] = placed.contentTypes(contentTypes)
        }
        return try package.writing(replaced: replaced, added: try placed.parts())
    }

    /// `word/_rels/document.xml.rels` for `word/document.xml`.
    static func relationshipsPath(of part: String) -> String {
        let slash = part.lastIndex(of: "/").map { part.index(after: $0) } ?? part.startIndex
        return part[..<slash] + "_rels/" + part[slash...] + ".rels"
    }

    private static func notADocument(_ message: String) -> TemplateProblem {
        TemplateProblem(code: .notADocument, tag: "", location: nil, message: message)
    }
}
