import Foundation
import Testing

@testable import BulletinDocuments

@Suite("Templates: values as text, headers and footers")
struct TemplateTextTests {
    let vocabulary = TemplateVocabulary(fields: ["title", "workspace", "subject"], lists: ["notes": .values])

    func fill(_ body: String, _ data: TemplateValue, header: String? = nil, footer: String? = nil) throws -> Data {
        let template = try DOCXTemplate(data: TemplateFixture.docx(body: body, header: header, footer: footer), vocabulary: vocabulary)
        return try template.render(data, charts: [:])
    }

    @Test func hostileValuesComeOutAsText() throws {
        let hostile = "</w:t></w:r><w:r><w:t>x & y ]]> <![CDATA[z]]> \u{1}\u{8}\u{B}end\u{FFFF}"
        let body = TemplateFixture.paragraph("{{title}}") + TemplateFixture.paragraph("{{#notes}}{{.}}|{{/notes}}")
        let output = try fill(body, .object(["title": .text(hostile), "notes": .list([.text("<w:t>"), .text("a&b")])]))
        let xml = try #require(try TemplateFixture.part("word/document.xml", of: output))
        // The part still parses, and the text reads back as given, minus what XML cannot hold.
        let paragraphs = try TemplateFixture.paragraphs(xml)
        #expect(paragraphs == ["</w:t></w:r><w:r><w:t>x & y ]]> <![CDATA[z]]> end", "<w:t>|a&b|"])
        #expect(!xml.contains("\u{1}") && !xml.contains("<![CDATA"))
    }

    @Test func valuesThatLookLikeTagsAreNotExpanded() throws {
        let output = try fill(TemplateFixture.paragraph("{{title}}"), .object(["title": .text("{{workspace}}"), "workspace": .text("W")]))
        #expect(
            try TemplateFixture.paragraphs(try #require(try TemplateFixture.part("word/document.xml", of: output))) == ["{{workspace}}"])
    }

    @Test func nonLatinTextRoundTrips() throws {
        let names = ["Zoë Café Ünïcode", "Αθηνά Λόγος", "Жёлтый Дом"]
        let body =
            TemplateFixture.paragraph("Título — {{title}}") + TemplateFixture.paragraph("{{#notes}}") + TemplateFixture.paragraph("• {{.}}")
            + TemplateFixture.paragraph("{{/notes}}")
        let output = try fill(body, .object(["title": .text(names[0]), "notes": .list(names.map { .text($0) })]))
        let xml = try #require(try TemplateFixture.part("word/document.xml", of: output))
        #expect(try TemplateFixture.paragraphs(xml) == ["Título — Zoë Café Ünïcode"] + names.map { "• \($0)" })
    }

    @Test func headersAndFootersAreFilled() throws {
        let output = try fill(
            TemplateFixture.paragraph("Body"), .object(["workspace": .text("Αθηνά"), "subject": .text("Pricing")]),
            header: TemplateFixture.paragraph("{{work", "space}} report"), footer: TemplateFixture.paragraph("About {{subject}}"))
        #expect(try TemplateFixture.paragraphs(try #require(try TemplateFixture.part("word/header1.xml", of: output))) == ["Αθηνά report"])
        #expect(try TemplateFixture.paragraphs(try #require(try TemplateFixture.part("word/footer1.xml", of: output))) == ["About Pricing"])
    }

    @Test func sameInputGivesSameBytes() throws {
        let body = TemplateFixture.paragraph("{{title}}")
        #expect(try fill(body, .object(["title": .text("A")])) == fill(body, .object(["title": .text("A")])))
    }
}
