import Foundation

/// The charts a rendered template places, and the parts, relationships and content types they add.
///
/// Each chart is written as the DOCX renderer writes it (``DOCXCharts``, with its embedded
/// workbook from ``DOCXWorkbook``), numbered after any chart the template already holds.
struct TemplateCharts {
    struct Placement {
        var chart: Chart
        var number: Int
        /// The part that draws it, such as `word/document.xml`.
        var part: String
        var relationshipID: String
    }

    private(set) var placements: [Placement] = []
    var nextNumber = 1

    /// Appends a run with the chart drawn inline, full text width, in the paragraph the tag was.
    mutating func appendDrawing(of chart: Chart, in part: String, to xml: inout String) {
        let number = nextNumber
        nextNumber += 1
        // Word and LibreOffice name relationships `rIdN`, so a name of our own cannot collide with theirs.
        let id = "rIdBulletinChart\(number)"
        placements.append(Placement(chart: chart, number: number, part: part, relationshipID: id))
        let width = DOCXBody.Page.textWidth * DOCXBody.Page.emuPerTwip
        let height = DOCXBody.chartHeight(chart)
        // The namespaces are declared on the drawing: a template's root need not declare wp, a or c.
        xml.append(
            #"<w:r><w:drawing xmlns:wp="\#(OOXML.Namespace.wordDrawing)" xmlns:a="\#(OOXML.Namespace.drawing)" "#
                + #"xmlns:c="\#(OOXML.Namespace.chart)" xmlns:r="\#(OOXML.Namespace.relationships)">"#
                + #"<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="\#(width)" cy="\#(height)"/>"#
                + #"<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="\#(90_000 + number)" name="Chart \#(number)" descr=""#)
        XMLText.append(chart.title, to: &xml)
        xml.append(
            #""/><wp:cNvGraphicFramePr/><a:graphic><a:graphicData uri="\#(OOXML.Namespace.chart)">"#
                + #"<c:chart r:id="\#(id)"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#)
    }

    /// The parts to add for every chart placed: the chart, its relationships and its workbook.
    func parts() throws -> [(path: String, data: Data, compressed: Bool)] {
        var parts: [(path: String, data: Data, compressed: Bool)] = []
        for placement in placements {
            let number = placement.number
            parts.append(("word/charts/chart\(number).xml", Data(DOCXCharts.xml(placement.chart).utf8), true))
            parts.append(("word/charts/_rels/chart\(number).xml.rels", Data(DOCXCharts.relationships(number: number).utf8), true))
            parts.append(("word/embeddings/\(DOCXWorkbook.fileName(number: number))", try DOCXWorkbook.data(for: placement.chart), false))
        }
        return parts
    }

    /// `part`'s relationships with one for each chart it draws; `existing` is its current
    /// relationship part, if it has one.
    func relationships(of part: String, existing: String?) -> String? {
        let own = placements.filter { $0.part == part }
        guard !own.isEmpty else { return existing }
        var entries = ""
        for placement in own {
            entries.append(
                #"<Relationship Id="\#(placement.relationshipID)" Type="\#(OOXML.RelationshipType.chart)" "#
                    + #"Target="charts/chart\#(placement.number).xml"/>"#)
        }
        guard let existing, let end = existing.range(of: "</Relationships>", options: .backwards) else {
            return OOXML.declaration + #"<Relationships xmlns="\#(OOXML.Namespace.packageRelationships)">\#(entries)</Relationships>"#
        }
        return existing.replacingCharacters(in: end, with: entries + "</Relationships>")
    }

    /// [Content_Types].xml with the chart parts and, if missing, the `xlsx` default added.
    func contentTypes(_ existing: String) -> String {
        guard !placements.isEmpty, let end = existing.range(of: "</Types>", options: .backwards) else { return existing }
        var entries = ""
        if !existing.contains(#"Extension="xlsx""#) {
            entries.append(#"<Default Extension="xlsx" ContentType="\#(OOXML.ContentType.spreadsheet)"/>"#)
        }
        for placement in placements {
            entries.append(#"<Override PartName="/word/charts/chart\#(placement.number).xml" ContentType="\#(OOXML.ContentType.chart)"/>"#)
        }
        return existing.replacingCharacters(in: end, with: entries + "</Types>")
    }
}
