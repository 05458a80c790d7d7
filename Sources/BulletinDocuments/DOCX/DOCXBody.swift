/// word/document.xml as it is written, block by block, with the relationships (links, charts)
/// and the charts the body refers to.
///
/// XML goes into one `String` buffer reserved up front: no DOM, because building and serialising
/// a tree costs more than the whole render budget.
struct DOCXBody {
    /// A4 with 2 cm side margins, in twentieths of a point.
    enum Page {
        static let width = 11906, height = 16838, sideMargin = 1134, topMargin = 1418
        static let textWidth = width - 2 * sideMargin
        /// English Metric Units per twentieth of a point, for drawings.
        static let emuPerTwip = 635
    }

    // Settable from the extensions (inlines, tables, charts), which live in their own files.
    var xml = ""
    var relationships = DOCXRelationships()
    /// The charts in document order; chart N is word/charts/chartN.xml.
    var charts: [Chart] = []
    /// A break asked for (by the cover or a block) but not yet written: written before the next
    /// block and dropped at the end, so breaks in a row or at the end never leave an empty page.
    private var pendingPageBreak = false

    init(estimatedSize: Int) {
        xml.reserveCapacity(estimatedSize)
        xml.append(OOXML.declaration)
        xml.append(
            #"<w:document xmlns:w="\#(OOXML.Namespace.wordprocessing)" xmlns:r="\#(OOXML.Namespace.relationships)" "#
                + #"xmlns:wp="\#(OOXML.Namespace.wordDrawing)" xmlns:a="\#(OOXML.Namespace.drawing)" "#
                + #"xmlns:c="\#(OOXML.Namespace.chart)"><w:body>"#)
    }

    /// The cover page: title, subject, the date in long form, the workspace, then a page break.
    mutating func appendCover(_ cover: Cover) {
        appendParagraph(style: DOCXStyles.ID.title, text: cover.title)
        if !cover.subject.isEmpty { appendParagraph(style: DOCXStyles.ID.subtitle, text: cover.subject) }
        appendParagraph(style: DOCXStyles.ID.coverDetail, text: DocumentDate.long(cover.date))
        if !cover.workspace.isEmpty { appendParagraph(style: DOCXStyles.ID.coverDetail, text: cover.workspace) }
        pendingPageBreak = true
    }

    mutating func append(_ block: Block) {
        if case .pageBreak = block {
            pendingPageBreak = true
            return
        }
        if pendingPageBreak {
            appendPageBreak()
            pendingPageBreak = false
        }
        switch block {
        case .heading(let level, let text): appendParagraph(style: DOCXStyles.ID.heading(min(max(level, 1), 3)), text: text)
        case .paragraph(let inlines): appendParagraph(style: nil, inlines: inlines)
        case .bulletList(let items): for item in items { appendParagraph(style: DOCXStyles.ID.listBullet, inlines: item) }
        case .table(let table): appendTable(table)
        case .chart(let chart): appendChart(chart)
        case .keyFigures(let figures): appendKeyFigures(figures)
        case .pageBreak: break
        }
    }

    /// Closes the body with the section: A4, margins, and the footer on every page.
    mutating func finish() -> String {
        xml.append(
            #"<w:sectPr><w:footerReference w:type="default" r:id="\#(DOCXRelationships.footer)"/>"#
                + #"<w:pgSz w:w="\#(Page.width)" w:h="\#(Page.height)"/><w:pgMar w:top="\#(Page.topMargin)" "#
                + #"w:right="\#(Page.sideMargin)" w:bottom="\#(Page.topMargin)" w:left="\#(Page.sideMargin)" "#
                + #"w:header="709" w:footer="709" w:gutter="0"/><w:cols w:space="708"/><w:docGrid w:linePitch="360"/>"#
                + "</w:sectPr></w:body></w:document>")
        return xml
    }

    mutating func appendParagraph(style: String?, text: String) {
        openParagraph(style: style)
        appendRun(text)
        xml.append("</w:p>")
    }

    mutating func appendParagraph(style: String?, inlines: [Inline]) {
        openParagraph(style: style)
        appendRuns(inlines)
        xml.append("</w:p>")
    }

    /// Opens `<w:p>` with its paragraph style, if any, and further paragraph properties.
    mutating func openParagraph(style: String?, properties: String = "") {
        guard style != nil || !properties.isEmpty else {
            xml.append("<w:p>")
            return
        }
        xml.append("<w:p><w:pPr>")
        if let style { xml.append(#"<w:pStyle w:val="\#(style)"/>"#) }
        xml.append(properties)
        xml.append("</w:pPr>")
    }

    private mutating func appendPageBreak() {
        xml.append(#"<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr><w:r><w:br w:type="page"/></w:r></w:p>"#)
    }
}
