import Foundation
import Testing

@testable import BulletinDocuments

/// The .docx as a package: its parts, their content types and relationships, well-formed XML,
/// the styles, the section and the properties, and the same bytes for the same document.
@Suite("DOCX package")
struct DOCXPackageTests {
    let package: UnzippedPackage

    init() throws {
        package = try UnzippedPackage(DOCXRenderer.render(DocumentFixtures.report))
    }

    @Test("holds every part, content types first")
    func parts() {
        var expected = [
            "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml", "word/document.xml",
            "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml", "word/fontTable.xml", "word/numbering.xml",
            "word/footer1.xml",
        ]
        for number in 1...4 {
            expected += [
                "word/charts/chart\(number).xml", "word/charts/_rels/chart\(number).xml.rels",
                "word/embeddings/Microsoft_Excel_Worksheet\(number).xlsx",
            ]
        }
        #expect(package.paths == expected)
    }

    @Test("declares the content type of every part")
    func contentTypes() {
        let types = package.text("[Content_Types].xml")
        let word = "application/vnd.openxmlformats-officedocument.wordprocessingml."
        for (part, type) in [
            ("/word/document.xml", word + "document.main+xml"), ("/word/styles.xml", word + "styles+xml"),
            ("/word/settings.xml", word + "settings+xml"), ("/word/numbering.xml", word + "numbering+xml"),
            ("/word/footer1.xml", word + "footer+xml"), ("/word/fontTable.xml", word + "fontTable+xml"),
            ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
            ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
            ("/word/charts/chart4.xml", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"),
        ] {
            #expect(types.contains(#"<Override PartName="\#(part)" ContentType="\#(type)"/>"#), "\(part)")
        }
        #expect(
            types.contains(#"<Default Extension="xlsx" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/>"#))
        #expect(types.contains(#"<Default Extension="rels" "#))
    }

    @Test("every XML part is well-formed, in the document and in each embedded workbook")
    func wellFormed() throws {
        for path in package.paths where path.hasSuffix(".xml") || path.hasSuffix(".rels") {
            let result = XMLParsing.check(package.parts[path] ?? Data())
            #expect(result.wellFormed, "\(path): \(result.error ?? "")")
        }
        let workbook = try UnzippedPackage(package.parts["word/embeddings/Microsoft_Excel_Worksheet2.xlsx"] ?? Data())
        #expect(workbook.paths.contains("xl/worksheets/sheet1.xml"))
        for path in workbook.paths {
            #expect(XMLParsing.check(workbook.parts[path] ?? Data()).wellFormed, "\(path)")
        }
    }

    @Test("the same document gives the same bytes")
    func deterministic() throws {
        let first = try DOCXRenderer.render(DocumentFixtures.report)
        let second = try DOCXRenderer.render(DocumentFixtures.report)
        #expect(first == second)
    }

    @Test("the main document, properties and relationships are where _rels/.rels says")
    func rootRelationships() {
        let rels = package.text("_rels/.rels")
        #expect(rels.contains(#"relationships/officeDocument" Target="word/document.xml""#))
        #expect(rels.contains(#"metadata/core-properties" Target="docProps/core.xml""#))
        #expect(rels.contains(#"relationships/extended-properties" Target="docProps/app.xml""#))
    }

    @Test("core properties: title, subject, the author as creator, the cover's date")
    func coreProperties() throws {
        let core = package.parts["docProps/core.xml"] ?? Data()
        #expect(XMLParsing.texts(of: "dc:title", in: core) == ["Competitive landscape: Q1 2025"])
        #expect(XMLParsing.texts(of: "dc:subject", in: core) == ["Acme Corporation compared with 12 peers"])
        #expect(XMLParsing.texts(of: "dc:creator", in: core) == ["Bulletin Analyst"])
        #expect(XMLParsing.texts(of: "dcterms:created", in: core) == ["2025-03-01T00:00:00Z"])
        #expect(XMLParsing.texts(of: "dcterms:modified", in: core) == ["2025-03-01T00:00:00Z"])

        var anonymous = DocumentFixtures.report
        anonymous.author = nil
        let fallback = try UnzippedPackage(DOCXRenderer.render(anonymous)).parts["docProps/core.xml"] ?? Data()
        #expect(XMLParsing.texts(of: "dc:creator", in: fallback) == ["Market Intelligence"])
    }

    @Test("the cover: title, subject, the long date in UTC, the workspace, then a page break")
    func cover() {
        let document = package.text("word/document.xml")
        let texts = XMLParsing.paragraphTexts(Data(document.utf8))
        #expect(
            Array(texts.prefix(4)) == [
                "Competitive landscape: Q1 2025", "Acme Corporation compared with 12 peers", "March 1, 2025", "Market Intelligence",
            ])
        #expect(document.contains(#"<w:pStyle w:val="Title"/>"#) && document.contains(#"<w:pStyle w:val="Subtitle"/>"#))
        #expect(DocumentDate.long(Date(timeIntervalSince1970: 1_767_225_599)) == "December 31, 2025")
        #expect(DocumentDate.w3cdtf(Date(timeIntervalSince1970: 1_767_225_599)) == "2025-12-31T23:59:59Z")
    }

    @Test("styles: title, headings with outline levels, list, link, caption and the table style")
    func styles() {
        let styles = package.text("word/styles.xml")
        for id in ["Normal", "Title", "Subtitle", "ListBullet", "Hyperlink", "Caption", "BulletinTable", "TableNormal"] {
            #expect(styles.contains(#"w:styleId="\#(id)""#), "\(id)")
        }
        for level in 1...3 {
            #expect(
                styles.contains(
                    #"w:styleId="Heading\#(level)"><w:name w:val="heading \#(level)"/>"#), "Heading\(level)")
            #expect(styles.contains(#"<w:outlineLvl w:val="\#(level - 1)"/>"#))
        }
        #expect(styles.contains(#"<w:tblStylePr w:type="firstRow"><w:rPr><w:b/>"#))
        #expect(styles.contains(#"<w:rFonts w:ascii="Arial""#))
        #expect(package.text("word/numbering.xml").contains(#"<w:numFmt w:val="bullet"/>"#))
    }

    @Test("one A4 section with the page-numbered footer on every page")
    func section() {
        let document = package.text("word/document.xml")
        #expect(document.contains(#"<w:footerReference w:type="default" r:id="rId5"/>"#))
        #expect(document.contains(#"<w:pgSz w:w="11906" w:h="16838"/>"#))
        #expect(!document.contains("<w:titlePg/>"))
        #expect(
            package.text("word/_rels/document.xml.rels").contains(
                #"Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml""#))
        let footer = package.parts["word/footer1.xml"] ?? Data()
        #expect(XMLParsing.texts(of: "w:instrText", in: footer) == [" PAGE ", " NUMPAGES "])
        #expect(XMLParsing.paragraphTexts(footer) == ["Competitive landscape: Q1 2025\tPage 1 of 1"])
    }
}
