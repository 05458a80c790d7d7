import Foundation
import Testing

@testable import BulletinDocuments

@Suite("Templates: tags Word split across runs")
struct TemplateSplitRunTests {
    /// `{{project.name}}` as Word stores it after a spelling mark and a bold edit.
    static let splitTag =
        #"<w:p><w:r><w:t>Project: </w:t></w:r><w:r><w:t>{{</w:t></w:r><w:proofErr w:type="spellStart"/>"#
        + #"<w:r><w:rPr><w:b/></w:rPr><w:t>project.</w:t></w:r><w:bookmarkStart w:id="0" w:name="x"/><w:r/>"#
        + #"<w:r><w:t>name}}</w:t></w:r><w:proofErr w:type="spellEnd"/><w:r><w:t xml:space="preserve"> (live)</w:t></w:r>"#
        + #"<w:bookmarkEnd w:id="0"/></w:p>"#

    let vocabulary = TemplateVocabulary(fields: ["project.name", "title"])

    @Test func findsATagSplitAcrossRunsWithProofingMarksAndBookmarks() throws {
        let template = try DOCXTemplate(data: TemplateFixture.docx(body: Self.splitTag), vocabulary: vocabulary)
        #expect(template.tags.map(\.text) == ["{{project.name}}"])
        #expect(template.tags.first?.kind == .field(path: "project.name"))
        #expect(template.tags.first?.location == TemplateLocation(part: "word/document.xml", paragraph: 1))
    }

    @Test func fillsItWithTheFormattingOfTheFirstRunItTouches() throws {
        let template = try DOCXTemplate(data: TemplateFixture.docx(body: Self.splitTag), vocabulary: vocabulary)
        let output = try template.render(.object(["project": .object(["name": .text("Atlas")])]), charts: [:])
        let xml = try #require(try TemplateFixture.part("word/document.xml", of: output))
        #expect(try TemplateFixture.paragraphs(xml) == ["Project: Atlas (live)"])
        // The tag started in the plain run `{{`: the value takes that run's (absent) formatting.
        #expect(xml.contains(#"<w:r><w:t xml:space="preserve">Atlas</w:t></w:r>"#))
        #expect(!xml.contains("{{") && !xml.contains("}}"))
    }

    @Test func keepsBoldWhenTheTagStartsInABoldRun() throws {
        let body =
            #"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{{ti</w:t></w:r><w:proofErr w:type="gramStart"/>"#
            + #"<w:r><w:rPr><w:i/></w:rPr><w:t>tle}} and more</w:t></w:r></w:p>"#
        let template = try DOCXTemplate(data: TemplateFixture.docx(body: body), vocabulary: vocabulary)
        let output = try template.render(.object(["title": .text("Quarterly")]), charts: [:])
        let xml = try #require(try TemplateFixture.part("word/document.xml", of: output))
        #expect(xml.contains(#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Quarterly</w:t></w:r>"#))
        // The rest of the second run keeps its own formatting.
        #expect(xml.contains(#"<w:rPr><w:i/></w:rPr><w:t xml:space="preserve"> and more</w:t>"#))
        #expect(try TemplateFixture.paragraphs(xml) == ["Quarterly and more"])
    }

    @Test func tagsInOneRunAmongText() throws {
        let body = TemplateFixture.paragraph("A {{title}} and {{ project.name }}.")
        let template = try DOCXTemplate(data: TemplateFixture.docx(body: body), vocabulary: vocabulary)
        let output = try template.render(.object(["title": .text("T"), "project": .object(["name": .text("P")])]), charts: [:])
        let xml = try #require(try TemplateFixture.part("word/document.xml", of: output))
        #expect(try TemplateFixture.paragraphs(xml) == ["A T and P."])
    }

    @Test func missingValuesPrintNothingAndNumbersPrintAsLabels() throws {
        let body = TemplateFixture.paragraph("[{{title}}]") + TemplateFixture.paragraph("{{project.name}}")
        let template = try DOCXTemplate(data: TemplateFixture.docx(body: body), vocabulary: vocabulary)
        let output = try template.render(.object(["project": .object(["name": .number(82.5)])]), charts: [:])
        let xml = try #require(try TemplateFixture.part("word/document.xml", of: output))
        #expect(try TemplateFixture.paragraphs(xml) == ["[]", "82.5"])
    }

    @Test func multilineValuesBecomeLineBreaks() throws {
        let template = try DOCXTemplate(data: TemplateFixture.docx(body: TemplateFixture.paragraph("{{title}}")), vocabulary: vocabulary)
        let output = try template.render(.object(["title": .text("One\nTwo\r\nThree")]), charts: [:])
        let xml = try #require(try TemplateFixture.part("word/document.xml", of: output))
        #expect(xml.contains(#"One</w:t><w:br/><w:t xml:space="preserve">Two</w:t><w:br/>"#))
        #expect(try TemplateFixture.paragraphs(xml) == ["One\nTwo\nThree"])
    }

    @Test func leavesPartsWithoutTagsByteForByte() throws {
        let body =
            #"<w:p w14:paraId="1A2B" xmlns:w14="urn:x"><w:r><w:t xml:space="preserve"> a &amp; b &#233; </w:t></w:r><!-- c --></w:p>"#
        let data = try TemplateFixture.docx(body: body)
        let output = try DOCXTemplate(data: data, vocabulary: vocabulary).render(.object([:]), charts: [:])
        #expect(try TemplateFixture.part("word/document.xml", of: output) == TemplateFixture.part("word/document.xml", of: data))
    }
}
