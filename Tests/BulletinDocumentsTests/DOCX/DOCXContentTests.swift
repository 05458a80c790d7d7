import Foundation
import Testing

@testable import BulletinDocuments

/// What the body says: hostile text kept as text, links, tables, page breaks and native charts.
@Suite("DOCX content")
struct DOCXContentTests {
    @Test("hostile text everywhere stays well-formed and reads back as the same text")
    func hostileText() throws {
        let hostile = DocumentFixtures.hostile
        let chart = Chart(
            kind: .groupedBar, title: hostile, categories: [hostile, "b"],
            series: [
                Chart.Series(name: hostile, values: [1, .nan]), Chart.Series(name: "two", values: [.infinity, 2.5]),
            ])
        let table = Table(
            columns: [Table.Column(hostile), Table.Column("n", alignment: .trailing)], rows: [[hostile, "1"]], caption: hostile)
        let document = Document(
            cover: Cover(title: hostile, subject: hostile, date: Date(timeIntervalSince1970: 0), workspace: hostile),
            blocks: [
                .heading(level: 7, text: hostile),
                .paragraph([.text(hostile), .emphasis(hostile), .link(text: hostile, url: "https://x.example/?q=\(hostile)")]),
                .bulletList([[.strong(hostile)]]), .table(table), .chart(chart), .keyFigures([KeyFigure(label: hostile, value: hostile)]),
            ],
            author: hostile)
        let package = try UnzippedPackage(DOCXRenderer.render(document))
        for path in package.paths where path.hasSuffix(".xml") || path.hasSuffix(".rels") {
            #expect(XMLParsing.check(package.parts[path] ?? Data()).wellFormed, "\(path)")
        }
        let texts = XMLParsing.paragraphTexts(package.parts["word/document.xml"] ?? Data())
        #expect(texts.filter { $0 == DocumentFixtures.hostileAsRead }.count >= 8)
        #expect(texts.contains(String(repeating: DocumentFixtures.hostileAsRead, count: 3)))
        #expect(XMLParsing.texts(of: "dc:title", in: package.parts["docProps/core.xml"] ?? Data()) == [DocumentFixtures.hostileAsRead])
        let chartXML = package.parts["word/charts/chart1.xml"] ?? Data()
        #expect(XMLParsing.texts(of: "a:t", in: chartXML) == [DocumentFixtures.hostileAsRead])
        #expect(XMLParsing.texts(of: "c:v", in: chartXML).contains(DocumentFixtures.hostileAsRead))
        // The NaN and the infinity are gaps, not "nan" or "inf".
        #expect(!package.text("word/charts/chart1.xml").contains("nan") && !package.text("word/charts/chart1.xml").contains("inf<"))
    }

    @Test("tabs and line breaks in text become w:tab and w:br")
    func tabsAndBreaks() throws {
        let document = Document(
            cover: Cover(title: "T", subject: "", date: Date(timeIntervalSince1970: 0), workspace: ""),
            blocks: [.paragraph([.text("a\tb\r\nc\nd")])])
        let xml = try UnzippedPackage(DOCXRenderer.render(document)).text("word/document.xml")
        #expect(
            xml.contains(
                #"<w:t xml:space="preserve">a</w:t><w:tab/><w:t xml:space="preserve">b</w:t><w:br/>"#
                    + #"<w:t xml:space="preserve">c</w:t><w:br/>"#))
    }

    @Test("links become hyperlinks only for http, https and mailto")
    func links() throws {
        let package = try UnzippedPackage(DOCXRenderer.render(DocumentFixtures.report))
        let rels = package.text("word/_rels/document.xml.rels")
        #expect(rels.contains(#"Target="https://bulletin.example/method?a=1&amp;b=2" TargetMode="External""#))
        #expect(rels.contains(#"Target="mailto:team@bulletin.example" TargetMode="External""#))
        #expect(!rels.contains("javascript"))
        let texts = XMLParsing.paragraphTexts(package.parts["word/document.xml"] ?? Data())
        #expect(texts.contains { $0.contains("Unsafe: not a link.") })
        #expect(DOCXBody.linkTarget("https://x.example/a b/é") == "https://x.example/a%20b/%C3%A9")
        #expect(DOCXBody.isLinkable("HTTPS://X.EXAMPLE") && !DOCXBody.isLinkable("file:///etc/passwd"))
    }

    @Test("tables: the style, one repeating header row, trailing columns to the right, caption above")
    func tables() throws {
        let xml = try UnzippedPackage(DOCXRenderer.render(DocumentFixtures.report)).text("word/document.xml")
        #expect(xml.components(separatedBy: "<w:tblHeader/>").count == 2)
        #expect(xml.contains(#"<w:tblStyle w:val="BulletinTable"/><w:tblW w:w="5000" w:type="pct"/>"#))
        #expect(
            xml.contains(
                #"<w:p><w:pPr><w:pStyle w:val="Caption"/></w:pPr>"#
                    + #"<w:r><w:t xml:space="preserve">Table 1. Mentions by week and peer</w:t></w:r></w:p><w:tbl>"#))
        // Each of the 61 rows right-aligns its two trailing cells.
        #expect(xml.components(separatedBy: #"<w:jc w:val="right"/>"#).count - 1 == 61 * 2)
        let widths = DOCXBody.columnWidths(DocumentFixtures.weeklyTable)
        #expect(widths.count == 4 && widths.reduce(0, +) <= DOCXBody.Page.textWidth && widths[1] > widths[0])
    }

    @Test("page breaks: one after the cover, none doubled, none at the end")
    func pageBreaks() throws {
        let document = Document(
            cover: Cover(title: "T", subject: "S", date: Date(timeIntervalSince1970: 0), workspace: "W"),
            blocks: [.pageBreak, .paragraph([.text("one")]), .pageBreak, .pageBreak, .paragraph([.text("two")]), .pageBreak])
        let xml = try UnzippedPackage(DOCXRenderer.render(document)).text("word/document.xml")
        #expect(xml.components(separatedBy: #"<w:br w:type="page"/>"#).count - 1 == 2)
        #expect(
            try UnzippedPackage(DOCXRenderer.render(DocumentFixtures.report)).text("word/document.xml")
                .components(separatedBy: #"<w:br w:type="page"/>"#).count - 1 == 2)
    }

    @Test("charts are native: inline drawings pointing at chart parts with cached data and formulas")
    func charts() throws {
        let package = try UnzippedPackage(DOCXRenderer.render(DocumentFixtures.report))
        let xml = package.text("word/document.xml")
        #expect(xml.components(separatedBy: "<wp:inline ").count - 1 == 4)
        #expect(xml.contains(#"<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart r:id="rId8"/>"#))
        #expect(
            package.text("word/_rels/document.xml.rels").contains(
                #"Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="charts/chart1.xml""#))

        let bar = package.text("word/charts/chart1.xml")
        #expect(bar.contains(#"<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/>"#))
        #expect(bar.components(separatedBy: "<c:ser>").count - 1 == 1)  // a bar chart plots its first series only
        #expect(bar.contains("<c:f>Sheet1!$A$2:$A$13</c:f>") && bar.contains("<c:f>Sheet1!$B$2:$B$13</c:f>"))
        #expect(bar.contains(#"<c:pt idx="2"><c:v>Αθηνά Λόγος</c:v></c:pt>"#))
        #expect(bar.contains(#"<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData>"#))

        let grouped = package.text("word/charts/chart2.xml")
        #expect(grouped.contains(#"<c:barDir val="bar"/>"#) && grouped.components(separatedBy: "<c:ser>").count - 1 == 3)
        #expect(grouped.contains("<c:f>Sheet1!$D$2:$D$7</c:f>") && grouped.contains("<c:v>11.25</c:v>"))
        let line = package.text("word/charts/chart3.xml")
        #expect(line.contains("<c:lineChart>") && line.components(separatedBy: "<c:ser>").count - 1 == 3)

        for number in 1...4 {
            #expect(
                package.text("word/charts/_rels/chart\(number).xml.rels").contains(
                    #"relationships/package" Target="../embeddings/Microsoft_Excel_Worksheet\#(number).xlsx""#))
        }
    }

    @Test("each chart's workbook holds its categories in column A and one column per series")
    func workbooks() throws {
        let package = try UnzippedPackage(DOCXRenderer.render(DocumentFixtures.report))
        let workbook = try UnzippedPackage(package.parts["word/embeddings/Microsoft_Excel_Worksheet2.xlsx"] ?? Data())
        #expect(workbook.text("xl/workbook.xml").contains(#"<sheet name="Sheet1" sheetId="1" r:id="rId1"/>"#))
        let sheet = workbook.text("xl/worksheets/sheet1.xml")
        #expect(sheet.contains(#"<c r="D1" t="inlineStr"><is><t xml:space="preserve">Negative</t></is></c>"#))
        #expect(
            sheet.contains(
                #"<row r="4"><c r="A4" t="inlineStr"><is><t xml:space="preserve">Αθηνά Λόγος</t></is></c>"#
                    + #"<c r="B4"><v>51</v></c>"#))
        #expect(sheet.contains(#"<c r="D3"><v>9.5</v></c>"#))
        #expect(DOCXWorkbook.columnName(0) == "A" && DOCXWorkbook.columnName(25) == "Z" && DOCXWorkbook.columnName(26) == "AA")
        #expect(DOCXWorkbook.columnName(701) == "ZZ" && DOCXWorkbook.columnName(702) == "AAA")
    }
}
