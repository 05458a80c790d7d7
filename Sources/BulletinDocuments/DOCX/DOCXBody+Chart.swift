extension DOCXBody {
    /// A native Word chart, inline in its own paragraph: the chart part is written later from
    /// `charts`, and the paragraph points at it through a relationship.
    mutating func appendChart(_ chart: Chart) {
        charts.append(chart)
        let number = charts.count
        let id = relationships.chart(number: number)
        let width = Page.textWidth * Page.emuPerTwip
        let height = Self.chartHeight(chart)
        openParagraph(style: DOCXStyles.ID.chart)
        xml.append(
            #"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="\#(width)" cy="\#(height)"/>"#
                + #"<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="\#(number)" name="Chart \#(number)" descr=""#)
        XMLText.append(chart.title, to: &xml)
        xml.append(
            #""/><wp:cNvGraphicFramePr/><a:graphic><a:graphicData uri="\#(OOXML.Namespace.chart)">"#
                + #"<c:chart r:id="\#(id)"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#)
    }

    /// The chart's height in EMU: bar charts grow with their bars (a quarter inch each, plus room
    /// for the title and axis), between 2.5 and 8.5 inches; line charts are 3.4 inches.
    static func chartHeight(_ chart: Chart) -> Int {
        let inch = 914_400.0
        switch chart.kind {
        case .line:
            return Int(3.4 * inch)
        case .bar, .groupedBar:
            let perCategory = chart.kind == .bar ? 1 : max(chart.series.count, 1)
            let bars = Double(chart.categories.count * perCategory)
            let legend = chart.kind == .groupedBar ? 0.3 : 0
            return Int(min(max(1.0 + legend + bars * 0.25, 2.5), 8.5) * inch)
        }
    }
}
