import Foundation
import Testing

@testable import BulletinDocuments

@Suite("Templates: loops")
struct TemplateLoopTests {
    static let peers: TemplateValue = .list([
        .object(["name": .text("Acme"), "score": .number(82), "strengths": .list([.text("fast"), .text("cheap")])]),
        .object(["name": .text("Globex"), "score": .number(67.5), "strengths": .list([.text("friendly")])]),
    ])

    func render(_ body: String, _ data: TemplateValue) throws -> [String] {
        let template = try DOCXTemplate(data: TemplateFixture.docx(body: body), vocabulary: .report)
        let output = try template.render(data, charts: [:])
        return try TemplateFixture.paragraphs(try #require(try TemplateFixture.part("word/document.xml", of: output)))
    }

    @Test func tableRowRepeatsOncePerItemWithItsFields() throws {
        let body = TemplateFixture.table(
            TemplateFixture.row("Name", "Score"), TemplateFixture.row("{{#peers}}{{name}}", "{{score}}{{/peers}}"))
        let template = try DOCXTemplate(data: TemplateFixture.docx(body: body), vocabulary: .report)
        let output = try template.render(.object(["peers": Self.peers]), charts: [:])
        let xml = try #require(try TemplateFixture.part("word/document.xml", of: output))
        #expect(try TemplateFixture.paragraphs(xml) == ["Name", "Score", "Acme", "82", "Globex", "67.5"])
        #expect(xml.components(separatedBy: "<w:tr>").count - 1 == 3)
    }

    @Test func paragraphLoopRepeatsTheTextBetweenItsTags() throws {
        let body = TemplateFixture.paragraph("Changes: ", "{{#changes}}", "[{{.}}]", "{{/changes}}", " end")
        let lines = try render(body, .object(["changes": .list([.text("one"), .text("two"), .number(3)])]))
        #expect(lines == ["Changes: [one][two][3] end"])
    }

    @Test func paragraphsBetweenTagParagraphsRepeatAndTheTagParagraphsGo() throws {
        let body =
            TemplateFixture.paragraph("Before") + TemplateFixture.paragraph("{{#peers}}") + TemplateFixture.paragraph("Peer {{name}}")
            + TemplateFixture.paragraph("Score {{score}} in {{project.name}}") + TemplateFixture.paragraph("{{/peers}}")
            + TemplateFixture.paragraph("After")
        let lines = try render(body, .object(["peers": Self.peers, "project": .object(["name": .text("Atlas")])]))
        #expect(lines == ["Before", "Peer Acme", "Score 82 in Atlas", "Peer Globex", "Score 67.5 in Atlas", "After"])
    }

    @Test func tagParagraphsWithTextStayInTheRepeatedUnit() throws {
        let body = TemplateFixture.paragraph("{{#peers}}Peer {{name}}") + TemplateFixture.paragraph("score {{score}}{{/peers}}")
        let lines = try render(body, .object(["peers": Self.peers]))
        #expect(lines == ["Peer Acme", "score 82", "Peer Globex", "score 67.5"])
    }

    @Test func nestedParagraphLoopInsideARowLoop() throws {
        let body = TemplateFixture.table(
            TemplateFixture.row("{{#peers}}{{name}}", "{{#strengths}}{{.}}; {{/strengths}}{{/peers}}"))
        let lines = try render(body, .object(["peers": Self.peers]))
        #expect(lines == ["Acme", "fast; cheap; ", "Globex", "friendly; "])
    }

    @Test func nestedLoopsOfParagraphs() throws {
        let body =
            TemplateFixture.paragraph("{{#peers}}") + TemplateFixture.paragraph("{{name}}") + TemplateFixture.paragraph("{{#strengths}}")
            + TemplateFixture.paragraph("- {{.}} ({{name}})") + TemplateFixture.paragraph("{{/strengths}}")
            + TemplateFixture.paragraph("{{/peers}}")
        let lines = try render(body, .object(["peers": Self.peers]))
        #expect(lines == ["Acme", "- fast (Acme)", "- cheap (Acme)", "Globex", "- friendly (Globex)"])
    }

    @Test func emptyOrMissingListRemovesTheUnit() throws {
        let body =
            TemplateFixture.table(TemplateFixture.row("Head"), TemplateFixture.row("{{#peers}}{{name}}{{/peers}}"))
            + TemplateFixture.paragraph("{{#notes}}") + TemplateFixture.paragraph("Note {{.}}") + TemplateFixture.paragraph("{{/notes}}")
            + TemplateFixture.paragraph("x{{#changes}}{{.}}{{/changes}}y")
        #expect(try render(body, .object(["peers": .list([]), "notes": .list([])])) == ["Head", "xy"])
    }

    @Test func cellWhoseParagraphsAllRepeatZeroTimesKeepsAParagraph() throws {
        // Both loops are in one row; the inner one cannot repeat that row again, so it repeats paragraphs of its cell.
        let cell =
            "<w:tc>" + TemplateFixture.paragraph("{{#strengths}}") + TemplateFixture.paragraph("{{.}}")
            + TemplateFixture.paragraph("{{/strengths}}") + "</w:tc>"
        let body = TemplateFixture.table(
            "<w:tr><w:tc>\(TemplateFixture.paragraph("{{#peers}}{{name}}"))</w:tc>\(cell)"
                + "<w:tc>\(TemplateFixture.paragraph("{{/peers}}"))</w:tc></w:tr>")
        let template = try DOCXTemplate(data: TemplateFixture.docx(body: body), vocabulary: .report)
        let data: TemplateValue = .object(["peers": .list([.object(["name": .text("Solo"), "strengths": .list([])])])])
        let xml = try #require(try TemplateFixture.part("word/document.xml", of: template.render(data, charts: [:])))
        #expect(xml.contains("<w:tc><w:p/></w:tc>"))
        #expect(try TemplateFixture.paragraphs(xml) == ["Solo", "", ""])
    }
}
