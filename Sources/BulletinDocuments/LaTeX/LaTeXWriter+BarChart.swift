extension LaTeXWriter {
    /// Writes horizontal bars: per category, one bar for each of `series`, from a zero line, with
    /// the value at the bar's end, the category at the left, and a legend when there are several.
    mutating func writeBarChart(_ chart: Chart, series: [Chart.Series]) {
        let count = chart.categories.count
        let labelWidth = 45.0
        let plotLeft = 48.0
        let plotWidth = 92.0
        let axisHeight = 5.0
        let gap = series.count == 1 ? 2.0 : 3.0
        // Bars thin out rather than let a long chart run off the page (about 200 mm of bars).
        let thickness = max(min(series.count == 1 ? 4.5 : 3.2, (200 / Double(count) - gap) / Double(series.count)), 0.8)
        let rowHeight = Double(series.count) * thickness + gap
        let height = Double(count) * rowHeight + axisHeight
        // Labels as small as the thinnest bars, so that stacked labels do not overlap.
        let labelSize = thickness >= 3 ? "\\scriptsize" : "\\tiny"
        let values = series.map { Self.values(of: $0, count: count) }
        let scale = LaTeXChartScale(values: values.flatMap { $0 })
        let zero = plotLeft + scale.fraction(0) * plotWidth

        LaTeXChartStyle.writeLegend(series, lines: false, to: &self)
        beginPicture(height: height)
        for tick in scale.ticks {
            let x = plotLeft + scale.fraction(tick) * plotWidth
            putGridLine(x: x, y: axisHeight, direction: "(0,1)", length: height - axisHeight)
            putLabel(LaTeXNumber.tick(tick), x: x, y: 1, alignment: "b")
        }
        put(zero, axisHeight)
        raw("\\line(0,1){")
        number(height - axisHeight)
        raw("}}\n")
        for (index, category) in chart.categories.enumerated() {
            let top = height - Double(index) * rowHeight - gap / 2
            put(0, top - Double(series.count) * thickness / 2)
            raw("\\makebox(\(Int(labelWidth)),0)[r]{\\parbox{\(Int(labelWidth))mm}{\\raggedleft\\footnotesize ")
            text(category)
            raw("}}}\n")
            for seriesIndex in series.indices {
                let value = values[seriesIndex][index]
                let bottom = top - Double(seriesIndex + 1) * thickness
                guard value.isFinite else {
                    putLabel("n/a", x: zero + 1, y: bottom + thickness / 2, alignment: "l", size: labelSize)
                    continue
                }
                let end = plotLeft + scale.fraction(value) * plotWidth
                put(min(zero, end), bottom + 0.3)
                raw("\\textcolor{\(LaTeXChartStyle.colorName(seriesIndex))}{\\rule{")
                number(abs(end - zero))
                raw("mm}{")
                number(thickness - 0.6)
                raw("mm}}}\n")
                let outside = value >= 0 ? end + 1 : end - 1
                let alignment = value >= 0 ? "l" : "r"
                putLabel(LaTeXNumber.label(value), x: outside, y: bottom + thickness / 2, alignment: alignment, size: labelSize)
            }
        }
        raw("\\end{picture}\n")
    }
}
