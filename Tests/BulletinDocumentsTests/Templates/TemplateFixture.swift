import Foundation
import ZIPFoundation

@testable import BulletinDocuments

/// Builds template .docx files in memory from hand-written WordprocessingML, and reads parts back.
enum TemplateFixture {
    static let namespaces =
        #"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#
        + #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#

    /// A minimal .docx whose body is `body`, with optional header and footer paragraphs.
    static func docx(body: String, header: String? = nil, footer: String? = nil) throws -> Data {
        let archive = try OOXMLArchive()
        var overrides = #"<Override PartName="/word/document.xml" ContentType="\#(OOXML.ContentType.document)"/>"#
        var relationships: [(id: String, type: String, target: String, external: Bool)] = []
        var sectionReferences = ""
        if let header {
            overrides += #"<Override PartName="/word/header1.xml" ContentType="\#(wordType)header+xml"/>"#
            relationships.append(("rId1", OOXML.RelationshipType.base + "header", "header1.xml", false))
            sectionReferences += #"<w:headerReference w:type="default" r:id="rId1"/>"#
            try archive.add("word/header1.xml", xml: OOXML.declaration + "<w:hdr \(namespaces)>\(header)</w:hdr>")
        }
        if let footer {
            overrides += #"<Override PartName="/word/footer1.xml" ContentType="\#(OOXML.ContentType.footer)"/>"#
            relationships.append(("rId2", OOXML.RelationshipType.footer, "footer1.xml", false))
            sectionReferences += #"<w:footerReference w:type="default" r:id="rId2"/>"#
            try archive.add("word/footer1.xml", xml: OOXML.declaration + "<w:ftr \(namespaces)>\(footer)</w:ftr>")
        }
        try archive.add(
            "[Content_Types].xml",
            xml: OOXML.declaration + #"<Types xmlns="\#(OOXML.Namespace.contentTypes)">"#
                + #"<Default Extension="rels" ContentType="\#(OOXML.ContentType.relationships)"/>"#
                + #"<Default Extension="xml" ContentType="\#(OOXML.ContentType.xml)"/>\#(overrides)</Types>"#)
        try archive.add(
            "_rels/.rels", xml: OOXML.relationships([("rId1", OOXML.RelationshipType.officeDocument, "word/document.xml", false)]))
        try archive.add("word/_rels/document.xml.rels", xml: OOXML.relationships(relationships))
        try archive.add(
            "word/document.xml",
            xml: OOXML.declaration
                + "<w:document \(namespaces)><w:body>\(body)<w:sectPr>\(sectionReferences)</w:sectPr></w:body></w:document>")
        return try archive.data()
    }

    private static let wordType = "application/vnd.openxmlformats-officedocument.wordprocessingml."

    /// A paragraph of plain runs, one per string.
    static func paragraph(_ runs: String...) -> String {
        "<w:p>" + runs.map { #"<w:r><w:t xml:space="preserve">\#(XMLText.escaped($0))</w:t></w:r>"# }.joined() + "</w:p>"
    }

    /// A table row with one cell per string, each a one-run paragraph.
    static func row(_ cells: String...) -> String {
        "<w:tr>" + cells.map { "<w:tc>\(paragraph($0))</w:tc>" }.joined() + "</w:tr>"
    }

    /// A table of rows.
    static func table(_ rows: String...) -> String {
        "<w:tbl><w:tblPr/><w:tblGrid/>" + rows.joined() + "</w:tbl>"
    }

    /// The text of the part at `path` in a .docx.
    static func part(_ path: String, of docx: Data) throws -> String? {
        let archive = try Archive(data: docx, accessMode: .read, pathEncoding: nil)
        guard let entry = archive[path] else { return nil }
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    /// The visible text of each paragraph of a part, in order (`w:t` joined, `w:br` as a newline).
    static func paragraphs(_ xml: String) throws -> [String] {
        var texts: [String] = []
        collect(try WordXMLParser.parse(xml), into: &texts)
        return texts
    }

    private static func collect(_ nodes: [WordNode], into texts: inout [String]) {
        for case .element(let element) in nodes {
            if element.name == "w:p" {
                var text = ""
                appendText(element.children, to: &text)
                texts.append(text)
            } else {
                collect(element.children, into: &texts)
            }
        }
    }

    private static func appendText(_ nodes: [WordNode], to text: inout String) {
        for case .element(let element) in nodes {
            switch element.name {
            case "w:t": text += element.decodedText
            case "w:br": text += "\n"
            case "w:tab": text += "\t"
            default: appendText(element.children, to: &text)
            }
        }
    }
}

extension OOXML.RelationshipType {
    static let base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
}
