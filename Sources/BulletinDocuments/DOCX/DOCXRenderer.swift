import Foundation

/// Writes a document as a Word document (.docx, Office Open XML), built in memory.
///
/// The result uses real styles (Title, Subtitle, Heading 1–3 in the navigation pane, List Bullet,
/// Caption, Hyperlink, a Bulletin Table style whose header row repeats on every page), an A4
/// section with "Page X of Y" in the footer, and native charts whose data is embedded as a
/// workbook, so a reader can restyle the report and edit the charts in Word or LibreOffice.
///
/// The same document always gives the same bytes: dates come from the cover and every ZIP entry
/// carries a fixed timestamp, so the output can be cached and served with a stable ETag.
///
/// ```swift
/// let data = try DOCXRenderer.render(document)
/// try data.write(to: URL(filePath: "report.docx"))
/// ```
public enum DOCXRenderer {
    /// The .docx file's bytes for `document`.
    ///
    /// - Throws: an error from the ZIP writer, which writes only to memory (in practice, never).
    public static func render(_ document: Document) throws -> Data {
        var body = DOCXBody(estimatedSize: estimatedSize(of: document))
        body.appendCover(document.cover)
        for block in document.blocks {
            body.append(block)
        }
        let documentXML = body.finish()

        let archive = try OOXMLArchive()
        try archive.add("[Content_Types].xml", xml: DOCXPackageParts.contentTypes(chartCount: body.charts.count))
        try archive.add("_rels/.rels", xml: DOCXPackageParts.rootRelationships)
        try archive.add("docProps/core.xml", xml: DOCXPackageParts.coreProperties(document))
        try archive.add("docProps/app.xml", xml: DOCXPackageParts.appProperties(document))
        try archive.add("word/document.xml", xml: documentXML)
        try archive.add("word/_rels/document.xml.rels", xml: body.relationships.xml)
        try archive.add("word/styles.xml", xml: DOCXStyles.xml)
        try archive.add("word/settings.xml", xml: DOCXSupportParts.settings)
        try archive.add("word/fontTable.xml", xml: DOCXSupportParts.fontTable)
        try archive.add("word/numbering.xml", xml: DOCXSupportParts.numbering)
        try archive.add("word/footer1.xml", xml: DOCXSupportParts.footer(title: document.cover.title))
        for (index, chart) in body.charts.enumerated() {
            let number = index + 1
            try archive.add("word/charts/chart\(number).xml", xml: DOCXCharts.xml(chart))
            try archive.add("word/charts/_rels/chart\(number).xml.rels", xml: DOCXCharts.relationships(number: number))
            try archive.add(
                "word/embeddings/\(DOCXWorkbook.fileName(number: number))", data: DOCXWorkbook.data(for: chart), compressed: false)
        }
        return try archive.data()
    }

    /// A generous guess at document.xml's size, so its buffer grows at most once or twice.
    private static func estimatedSize(of document: Document) -> Int {
        document.blocks.reduce(4096) { size, block in
            switch block {
            case .table(let table): size + 512 + table.rows.count * table.columns.count * 160
            case .bulletList(let items): size + items.count * 320
            case .keyFigures(let figures): size + figures.count * 400
            default: size + 400
            }
        }
    }
}
