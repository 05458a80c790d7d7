import Foundation
import Testing

@testable import BulletinDocuments

@Suite("Templates: charts")
struct TemplateChartTests {
    static let chart = Chart(
        kind: .groupedBar, title: "Prices & plans", categories: ["Acme", "Globex"],
        series: [Chart.Series(name: "Basic", values: [10, 12]), Chart.Series(name: "Pro", values: [30, 28])])

    @Test func chartTagBecomesANativeChartWithItsPartsAndRelationships() throws {
        let body =
            TemplateFixture.paragraph("Before") + #"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>{{chart:prices}}</w:t></w:r></w:p>"#
        let template = try DOCXTemplate(data: TemplateFixture.docx(body: body), vocabulary: .report)
        #expect(template.tags.map(\.kind) == [.chart(name: "prices")])
        let output = try template.render(.object([:]), charts: ["prices": Self.chart])

        let document = try #require(try TemplateFixture.part("word/document.xml", of: output))
        #expect(document.contains(#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:drawing "#))
        #expect(document.contains(#"<c:chart r:id="rIdBulletinChart1"/>"#))
        #expect(!document.contains("{{"))
        let relationships = try #require(try TemplateFixture.part("word/_rels/document.xml.rels", of: output))
        #expect(relationships.contains(#"Id="rIdBulletinChart1" Type="\#(OOXML.RelationshipType.chart)" Target="charts/chart1.xml""#))
        let contentTypes = try #require(try TemplateFixture.part("[Content_Types].xml", of: output))
        #expect(contentTypes.contains(#"<Override PartName="/word/charts/chart1.xml" ContentType="\#(OOXML.ContentType.chart)"/>"#))
        #expect(contentTypes.contains(#"Extension="xlsx""#))
        #expect(try TemplateFixture.part("word/charts/chart1.xml", of: output) == DOCXCharts.xml(Self.chart))
        #expect(try TemplateFixture.part("word/charts/_rels/chart1.xml.rels", of: output) != nil)
        #expect(try TemplateFixture.part("word/embeddings/Microsoft_Excel_Worksheet1.xlsx", of: output) != nil)
    }

    @Test func chartInARepeatedUnitIsPlacedOncePerItem() throws {
        let body =
            TemplateFixture.paragraph("{{#notes}}") + TemplateFixture.paragraph("{{chart:scores}}")
            + TemplateFixture.paragraph("{{/notes}}")
        let template = try DOCXTemplate(data: TemplateFixture.docx(body: body), vocabulary: .report)
        let output = try template.render(.object(["notes": .list([.text("a"), .text("b")])]), charts: ["scores": Self.chart])
        #expect(try TemplateFixture.part("word/charts/chart2.xml", of: output) != nil)
        let relationships = try #require(try TemplateFixture.part("word/_rels/document.xml.rels", of: output))
        #expect(relationships.contains("rIdBulletinChart2"))
    }

    @Test func aChartNotGivenIsAnError() throws {
        let template = try DOCXTemplate(
            data: TemplateFixture.docx(body: TemplateFixture.paragraph("{{chart:scores}}")), vocabulary: .report)
        #expect(throws: TemplateError.missingChart("scores")) { try template.render(.object([:]), charts: [:]) }
    }

    @Test func reportVocabularyAcceptsTheChartsItIsGiven() throws {
        let data = try TemplateFixture.docx(body: TemplateFixture.paragraph("{{chart:trend}}"))
        #expect(throws: TemplateError.self) { try DOCXTemplate(data: data, vocabulary: .report) }
        _ = try DOCXTemplate(data: data, vocabulary: .report(chartNames: ["trend"]))
    }
}
