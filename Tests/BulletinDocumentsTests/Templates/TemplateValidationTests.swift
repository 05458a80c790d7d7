import Foundation
import Testing

@testable import BulletinDocuments

@Suite("Templates: refusing templates")
struct TemplateValidationTests {
    func problems(_ body: String, header: String? = nil, vocabulary: TemplateVocabulary = .report) throws -> [TemplateProblem] {
        let data = try TemplateFixture.docx(body: body, header: header)
        do {
            _ = try DOCXTemplate(data: data, vocabulary: vocabulary)
            return []
        } catch {
            guard case .invalid(let problems) = error else { return [] }
            return problems
        }
    }

    func location(_ paragraph: Int, _ part: String = "word/document.xml") -> TemplateLocation {
        TemplateLocation(part: part, paragraph: paragraph)
    }

    @Test func listsEveryUnknownTagWithItsLocation() throws {
        let body =
            TemplateFixture.paragraph("{{title}}") + TemplateFixture.paragraph("{{projct.name}}")
            + TemplateFixture.table(TemplateFixture.row("{{#peers}}{{nam}}", "{{score}}{{/peers}}"))
            + TemplateFixture.paragraph("{{#competitors}}{{/competitors}}") + TemplateFixture.paragraph("{{chart:pie}}")
        let found = try problems(body, header: TemplateFixture.paragraph("{{compnay}}"))
        #expect(found.map(\.tag) == ["{{projct.name}}", "{{nam}}", "{{#competitors}}", "{{chart:pie}}", "{{compnay}}"])
        #expect(found.allSatisfy { $0.code == .unknownTag })
        #expect(found.map(\.location) == [location(2), location(3), location(5), location(6), location(1, "word/header1.xml")])
        #expect(found[0].description == "word/document.xml, paragraph 2: {{projct.name}}: there is no field projct.name")
    }

    @Test func itemFieldsAreUnknownOutsideTheirLoop() throws {
        let found = try problems(TemplateFixture.paragraph("{{name}} {{.}}"))
        #expect(found.map(\.tag) == ["{{name}}", "{{.}}"])
    }

    @Test func dotNeedsAListOfValues() throws {
        let found = try problems(TemplateFixture.paragraph("{{#peers}}{{.}}{{/peers}}"))
        #expect(found.map(\.code) == [.unknownTag])
    }

    @Test func unclosedAndMismatchedLoops() throws {
        let unclosed = try problems(TemplateFixture.paragraph("x") + TemplateFixture.paragraph("{{#peers}}{{name}}"))
        #expect(unclosed.map(\.code) == [.unclosedLoop])
        #expect(unclosed.first?.location == location(2))
        #expect(unclosed.first?.tag == "{{#peers}}")

        let mismatched = try problems(TemplateFixture.paragraph("{{#peers}}{{#strengths}}{{/peers}}{{/strengths}}"))
        #expect(mismatched.map(\.code) == [.mismatchedLoop, .unclosedLoop, .mismatchedLoop])
        #expect(try problems(TemplateFixture.paragraph("{{/notes}}")).map(\.code) == [.mismatchedLoop])
    }

    @Test func loopMustCloseInTheContainerItOpens() throws {
        let body = TemplateFixture.table(TemplateFixture.row("{{#notes}}{{.}}")) + TemplateFixture.paragraph("{{/notes}}")
        let found = try problems(body)
        #expect(found.map(\.code) == [.loopSpansContainers])
        #expect(found.first?.location == location(1))
    }

    @Test func chartTagMustBeAloneInItsParagraph() throws {
        #expect(try problems(TemplateFixture.paragraph("See ", "{{chart:scores}}")).map(\.code) == [.chartNotAlone])
        #expect(try problems(TemplateFixture.paragraph(" {{chart:scores}} ")).isEmpty)
    }

    @Test(arguments: ["{{ }}", "{{}}", "{{#}}", "{{/}}", "{{chart:}}", "{{a..b}}", "{{.name}}", "{{na me}}", "{{title"])
    func malformedTags(_ text: String) throws {
        let found = try problems(TemplateFixture.paragraph(text))
        #expect(found.map(\.code) == [.malformedTag])
        #expect(found.first?.tag == text)
    }

    @Test func notADocument() throws {
        for data in [Data("plain text".utf8), try zipWithoutDocument()] {
            #expect {
                try DOCXTemplate(data: data, vocabulary: .report)
            } throws: { error in
                guard case TemplateError.invalid(let problems) = error else { return false }
                return problems.map(\.code) == [.notADocument]
            }
        }
    }

    @Test func malformedXMLIsAProblem() throws {
        let found = try problems("<w:p><w:r><w:t>{{title}}</w:r></w:p>")
        #expect(found.map(\.code) == [.malformedXML])
    }

    private func zipWithoutDocument() throws -> Data {
        let archive = try OOXMLArchive()
        try archive.add("word/styles.xml", xml: "<x/>")
        return try archive.data()
    }
}
