/// word/charts/chartN.xml: a DrawingML chart that Word draws and lets the reader edit.
///
/// Each series caches its categories and values (so Word draws without opening anything) and
/// names the cells of the embedded workbook they come from (so "Edit Data" opens them).
enum DOCXCharts {
    /// The palette the PDF renderer uses, in series order.
    static let colors = ["2F5FB3", "E47E27", "409959", "994E99", "B33333", "666666"]

    /// The series a chart plots: a bar chart shows only its first series, the others all.
    static func plottedSeries(_ chart: Chart) -> [Chart.Series] {
        chart.kind == .bar ? Array(chart.series.prefix(1)) : chart.series
    }

    /// The chart part; its relationship `rId1` is the embedded workbook.
    static func xml(_ chart: Chart) -> String {
        var xml = OOXML.declaration
        xml.reserveCapacity(2048 + chart.categories.count * 64 * (chart.series.count + 1))
        xml.append(
            #"<c:chartSpace xmlns:c="\#(OOXML.Namespace.chart)" xmlns:a="\#(OOXML.Namespace.drawing)" "#
                + #"xmlns:r="\#(OOXML.Namespace.relationships)"><c:date1904 val="0"/><c:lang val="en-US"/>"#
                + #"<c:roundedCorners val="0"/><c:chart>"#)
        if chart.title.isEmpty {
            xml.append(#"<c:autoTitleDeleted val="1"/>"#)
        } else {
            xml.append(#"<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1100" b="1"/></a:pPr>"#)
            xml.append(#"<a:r><a:rPr lang="en-US" sz="1100" b="1"/><a:t>"#)
            XMLText.append(chart.title, to: &xml)
            xml.append(#"</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>"#)
        }
        xml.append("<c:plotArea><c:layout/>")
        let isLine = chart.kind == .line
        xml.append(
            isLine ? #"<c:lineChart><c:grouping val="standard"/>"# : #"<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/>"#)
        xml.append(#"<c:varyColors val="0"/>"#)
        for (index, series) in plottedSeries(chart).enumerated() {
            appendSeries(series, index: index, chart: chart, to: &xml)
        }
        xml.append(isLine ? #"<c:marker val="1"/>"# : #"<c:gapWidth val="60"/>"#)
        xml.append(#"<c:axId val="500000001"/><c:axId val="500000002"/>"#)
        xml.append(isLine ? "</c:lineChart>" : "</c:barChart>")
        appendAxes(horizontalBars: !isLine, to: &xml)
        xml.append("</c:plotArea>")
        if chart.kind != .bar {
            xml.append(#"<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>"#)
        }
        xml.append(
            #"<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>"#
                + #"<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>"#
                + #"<a:defRPr sz="900"><a:latin typeface="\#(DOCXStyles.font)"/><a:cs typeface="\#(DOCXStyles.font)"/></a:defRPr>"#
                + #"</a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>"#
                + #"<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>"#)
        return xml
    }

    /// word/charts/_rels/chartN.xml.rels: the workbook holding the chart's data.
    static func relationships(number: Int) -> String {
        OOXML.relationships([
            ("rId1", OOXML.RelationshipType.package, "../embeddings/\(DOCXWorkbook.fileName(number: number))", false)
        ])
    }

    /// A value as the caches and the workbook write it: whole numbers without a decimal point,
    /// others in Swift's shortest round-trip form; `nil` for NaN and infinities, which become gaps.
    static func number(_ value: Double) -> String? {
        guard value.isFinite else { return nil }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    private static func appendSeries(_ series: Chart.Series, index: Int, chart: Chart, to xml: inout String) {
        let column = DOCXWorkbook.columnName(index + 1)
        let last = max(chart.categories.count, 1) + 1
        let color = colors[index % colors.count]
        xml.append(#"<c:ser><c:idx val="\#(index)"/><c:order val="\#(index)"/><c:tx><c:strRef><c:f>Sheet1!$\#(column)$1</c:f>"#)
        xml.append(#"<c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>"#)
        XMLText.append(series.name, to: &xml)
        xml.append("</c:v></c:pt></c:strCache></c:strRef></c:tx>")
        if chart.kind == .line {
            xml.append(
                #"<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="\#(color)"/></a:solidFill><a:round/></a:ln></c:spPr>"#
                    + #"<c:marker><c:symbol val="circle"/><c:size val="5"/><c:spPr><a:solidFill><a:srgbClr val="\#(color)"/></a:solidFill>"#
                    + #"<a:ln><a:noFill/></a:ln></c:spPr></c:marker>"#)
        } else {
            xml.append(#"<c:spPr><a:solidFill><a:srgbClr val="\#(color)"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>"#)
            if chart.kind == .bar {
                xml.append(
                    #"<c:dLbls><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/>"#
                        + #"<c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>"#)
            }
        }
        xml.append(#"<c:cat><c:strRef><c:f>Sheet1!$A$2:$A$\#(last)</c:f><c:strCache><c:ptCount val="\#(chart.categories.count)"/>"#)
        for (point, category) in chart.categories.enumerated() {
            xml.append(#"<c:pt idx="\#(point)"><c:v>"#)
            XMLText.append(category, to: &xml)
            xml.append("</c:v></c:pt>")
        }
        xml.append(#"</c:strCache></c:strRef></c:cat><c:val><c:numRef><c:f>Sheet1!$\#(column)$2:$\#(column)$\#(last)</c:f>"#)
        xml.append(#"<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="\#(chart.categories.count)"/>"#)
        for (point, value) in series.values.prefix(chart.categories.count).enumerated() {
            guard let text = number(value) else { continue }
            xml.append(#"<c:pt idx="\#(point)"><c:v>\#(text)</c:v></c:pt>"#)
        }
        xml.append("</c:numCache></c:numRef></c:val>")
        xml.append(chart.kind == .line ? #"<c:smooth val="0"/></c:ser>"# : "</c:ser>")
    }

    /// Category and value axes. Horizontal bars list categories top to bottom (reversed category
    /// axis) with the value axis kept at the bottom (crossing at the last category).
    private static func appendAxes(horizontalBars: Bool, to xml: inout String) {
        let noTicks = #"<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>"#
        let gridlines =
            #"<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln>"#
            + "</c:spPr></c:majorGridlines>"
        xml.append(
            #"<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="\#(horizontalBars ? "maxMin" : "minMax")"/>"#
                + #"</c:scaling><c:delete val="0"/><c:axPos val="\#(horizontalBars ? "l" : "b")"/>"#
                + #"<c:numFmt formatCode="General" sourceLinked="0"/>\#(noTicks)<c:crossAx val="500000002"/>"#
                + #"<c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/>"#
                + #"<c:noMultiLvlLbl val="0"/></c:catAx>"#)
        xml.append(
            #"<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>"#
                + #"<c:axPos val="\#(horizontalBars ? "b" : "l")"/>\#(gridlines)<c:numFmt formatCode="General" sourceLinked="1"/>"#
                + #"\#(noTicks)<c:crossAx val="500000001"/><c:crosses val="\#(horizontalBars ? "max" : "autoZero")"/>"#
                + #"<c:crossBetween val="between"/></c:valAx>"#)
    }
}
