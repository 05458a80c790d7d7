import Foundation
import Testing

@testable import BulletinDocuments

@Suite("Templates: made and read by python-docx")
struct TemplatePythonDocxTests {
    /// A template as python-docx writes it: each `add_run` is its own run, so tags are split.
    static let makeTemplate = """
        import docx, sys
        d = docx.Document()
        d.sections[0].header.paragraphs[0].text = "{{workspace}} — header"
        d.sections[0].footer.paragraphs[0].text = "{{date}}"
        d.add_heading("{{title}}", 0)
        p = d.add_paragraph("Project: ")
        p.add_run("{{")
        p.add_run("project.").bold = True
        p.add_run("name}}")
        d.add_paragraph("{{summary}}")
        t = d.add_table(rows=2, cols=3)
        for cell, text in zip(t.rows[0].cells, ["Peer", "Score", "Strengths"]): cell.text = text
        t.rows[1].cells[0].text = "{{#peers}}{{name}}"
        t.rows[1].cells[1].text = "{{score}}"
        c = t.rows[1].cells[2].paragraphs[0]
        for text in ["{{#strengths}}", "{{.}}", ", ", "{{/strengths}}", "{{/peers}}"]: c.add_run(text)
        d.add_paragraph("{{#notes}}")
        d.add_paragraph("Note: {{.}}")
        d.add_paragraph("{{/notes}}")
        d.add_paragraph("{{chart:scores}}")
        d.save(sys.argv[1])
        """

    static let data: TemplateValue = .object([
        "title": .text("Αθηνά Λόγος"),
        "workspace": .text("Zoë Café Ünïcode"),
        "date": .text("6 December 2026"),
        "summary": .text("First paragraph.\nSecond & <last>."),
        "project": .object(["name": .text("Жёлтый Дом")]),
        "peers": .list([
            .object(["name": .text("Acme"), "score": .number(82), "strengths": .list([.text("fast"), .text("cheap")])]),
            .object(["name": .text("Globex"), "score": .number(67.5), "strengths": .list([])]),
        ]),
        "notes": .list([.text("one"), .text("two")]),
    ])

    static let chart = Chart(
        kind: .bar, title: "Scores", categories: ["Acme", "Globex"], series: [Chart.Series(name: "Score", values: [82, 67.5])])

    @Test func fillsATemplateMadeByPythonDocxAndTheResultOpens() async throws {
        let path = PythonDocx.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await PythonDocx.run(Self.makeTemplate, arguments: [path])
        let template = try DOCXTemplate(data: Data(contentsOf: URL(filePath: path)), vocabulary: .report)
        #expect(template.tags.contains { $0.text == "{{project.name}}" && $0.location.paragraph == 2 })

        let output = try template.render(Self.data, charts: ["scores": Self.chart])
        let reading = try await PythonDocx.read(output)
        #expect(
            reading.paragraphs == [
                "Αθηνά Λόγος", "Project: Жёлтый Дом", "First paragraph.\nSecond & <last>.", "Note: one", "Note: two", "",
            ])
        #expect(reading.cells == [["Peer", "Score", "Strengths"], ["Acme", "82", "fast, cheap, "], ["Globex", "67.5", ""]])
        #expect(reading.headers == ["Zoë Café Ünïcode — header"])
        #expect(reading.footers == ["6 December 2026"])
        #expect(reading.relatedContentTypes.contains(OOXML.ContentType.chart))

        let xml = try #require(try TemplateFixture.part("word/document.xml", of: output))
        // python-docx wrote `{{` plain and `project.` bold: the value takes the first run's formatting.
        #expect(xml.contains(#"<w:r><w:t xml:space="preserve">Жёлтый Дом</w:t></w:r>"#))
        #expect(try TemplateFixture.part("word/charts/chart1.xml", of: output)?.contains("<c:barChart>") == true)
        #expect(try TemplateFixture.part("word/embeddings/Microsoft_Excel_Worksheet1.xlsx", of: output) != nil)
    }

    @Test func boldFirstRunStaysBoldAfterPythonDocxReadsIt() async throws {
        let body =
            #"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{{</w:t></w:r><w:proofErr w:type="spellStart"/>"#
            + #"<w:r><w:t>title</w:t></w:r><w:r><w:t>}}</w:t></w:r></w:p>"#
        let template = try DOCXTemplate(data: TemplateFixture.docx(body: body), vocabulary: .report)
        let output = try template.render(.object(["title": .text("Bold & brave")]), charts: [:])
        let path = PythonDocx.temporaryPath()
        try output.write(to: URL(filePath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let runs = try await PythonDocx.run(
            "import docx, sys; print([(r.text, r.bold) for r in docx.Document(sys.argv[1]).paragraphs[0].runs if r.text])",
            arguments: [path])
        #expect(runs.trimmingCharacters(in: .whitespacesAndNewlines) == "[('Bold & brave', True)]")
    }
}
