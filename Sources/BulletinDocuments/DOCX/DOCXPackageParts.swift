import Foundation

/// The package-level parts of a .docx: what each part is, where the main document is, and the
/// document's properties (title, author, dates) that Word shows under File › Info.
enum DOCXPackageParts {
    /// [Content_Types].xml for a document with `chartCount` charts, each with its workbook.
    static func contentTypes(chartCount: Int) -> String {
        typealias Type = OOXML.ContentType
        var xml = OOXML.declaration
        xml.append(#"<Types xmlns="\#(OOXML.Namespace.contentTypes)">"#)
        xml.append(#"<Default Extension="rels" ContentType="\#(Type.relationships)"/>"#)
        xml.append(#"<Default Extension="xml" ContentType="\#(Type.xml)"/>"#)
        xml.append(#"<Default Extension="xlsx" ContentType="\#(Type.spreadsheet)"/>"#)
        let overrides = [
            ("/word/document.xml", Type.document), ("/word/styles.xml", Type.styles), ("/word/settings.xml", Type.settings),
            ("/word/numbering.xml", Type.numbering), ("/word/fontTable.xml", Type.fontTable), ("/word/footer1.xml", Type.footer),
            ("/docProps/core.xml", Type.coreProperties), ("/docProps/app.xml", Type.extendedProperties),
        ]
        for (part, type) in overrides {
            xml.append(#"<Override PartName="\#(part)" ContentType="\#(type)"/>"#)
        }
        for number in stride(from: 1, through: chartCount, by: 1) {
            xml.append(#"<Override PartName="/word/charts/chart\#(number).xml" ContentType="\#(Type.chart)"/>"#)
        }
        xml.append("</Types>")
        return xml
    }

    /// _rels/.rels: the main document and the two property parts.
    static let rootRelationships = OOXML.relationships([
        ("rId1", OOXML.RelationshipType.officeDocument, "word/document.xml", false),
        ("rId2", OOXML.RelationshipType.coreProperties, "docProps/core.xml", false),
        ("rId3", OOXML.RelationshipType.extendedProperties, "docProps/app.xml", false),
    ])

    /// docProps/core.xml: title, subject, creator (the author, else the workspace) and the cover's
    /// date as both created and modified, so the same document gives the same bytes.
    static func coreProperties(_ document: Document) -> String {
        let date = DocumentDate.w3cdtf(document.cover.date)
        var xml = OOXML.declaration
        xml.append(
            #"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#
                + #"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#
                + #"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#)
        element("dc:title", document.cover.title, in: &xml)
        element("dc:subject", document.cover.subject, in: &xml)
        element("dc:creator", document.author ?? document.cover.workspace, in: &xml)
        xml.append(#"<dcterms:created xsi:type="dcterms:W3CDTF">\#(date)</dcterms:created>"#)
        xml.append(#"<dcterms:modified xsi:type="dcterms:W3CDTF">\#(date)</dcterms:modified>"#)
        xml.append("</cp:coreProperties>")
        return xml
    }

    /// docProps/app.xml: the producing application and the workspace as the company.
    static func appProperties(_ document: Document) -> String {
        var xml = OOXML.declaration
        xml.append(
            #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" "#
                + #"xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#)
        xml.append("<Application>Bulletin</Application>")
        element("Company", document.cover.workspace, in: &xml)
        xml.append("</Properties>")
        return xml
    }

    private static func element(_ name: String, _ text: String, in xml: inout String) {
        xml.append("<\(name)>")
        XMLText.append(text, to: &xml)
        xml.append("</\(name)>")
    }
}
