extension LaTeXWriter {
    /// Writes a line chart: one polyline per series across the categories, with square markers,
    /// a value axis with grid lines, each series' last value at its end, and a legend.
    ///
    /// Picture mode's `\line` knows only a few slopes and pict2e is not in
    /// `texlive-latex-recommended`, so the lines are PDF path operators in `\pdfliteral`, as pict2e
    /// itself would write them for pdfTeX.
    mutating func writeLineChart(_ chart: Chart) {
        let count = chart.categories.count
        let left = 16.0
        let plotWidth = Self.chartWidth - left - 22
        let plotHeight = 60.0
        let spacing = count > 1 ? (plotWidth - 6) / Double(count - 1) : plotWidth
        // Small text is about 1.5 mm a character; labels that do not fit side by side are turned 45°.
        let longestLabel = (chart.categories.map { Double($0.utf8.count) }.max() ?? 0) * 1.5
        let rotated = longestLabel > spacing - 1
        let every = rotated ? max(1, Int((3.5 / spacing).rounded(.up))) : 1
        let bottom = rotated ? min(30, longestLabel * 0.71 + 4) : 7
        let height = bottom + plotHeight + 4
        let values = chart.series.map { Self.values(of: $0, count: count) }
        let scale = LaTeXChartScale(values: values.flatMap { $0 })
        func x(_ index: Int) -> Double { count > 1 ? left + 3 + spacing * Double(index) : left + plotWidth / 2 }
        func y(_ value: Double) -> Double { bottom + scale.fraction(value) * plotHeight }

        LaTeXChartStyle.writeLegend(chart.series, lines: true, to: &self)
        beginPicture(height: height)
        for tick in scale.ticks {
            putGridLine(x: left, y: y(tick), direction: "(1,0)", length: plotWidth)
            putLabel(LaTeXNumber.tick(tick), x: left - 1.5, y: y(tick), alignment: "r")
        }
        for (origin, direction, length) in [(y(0), "(1,0)", plotWidth), (bottom, "(0,1)", plotHeight)] {
            put(left, origin)
            raw("\\line\(direction){")
            number(length)
            raw("}}\n")
        }
        for index in stride(from: 0, to: count, by: every) {
            put(x(index), bottom)
            raw("\\line(0,-1){1}}\n")
            if rotated {
                put(x(index), bottom - 2)
                raw("\\rotatebox{45}{\\makebox[0pt][r]{\\scriptsize ")
                text(chart.categories[index])
                raw("}}}\n")
            } else {
                putLabel(chart.categories[index], x: x(index), y: bottom - 2, alignment: "t")
            }
        }
        var ends: [(y: Double, x: Double, value: Double, series: Int)] = []
        for (seriesIndex, seriesValues) in values.enumerated() {
            writePolyline(seriesValues.indices.map { seriesValues[$0].isFinite ? (x($0), y(seriesValues[$0])) : nil }, series: seriesIndex)
            let color = LaTeXChartStyle.colorName(seriesIndex)
            for (index, value) in seriesValues.enumerated() where value.isFinite {
                put(x(index) - 0.6, y(value) - 0.6)
                raw("\\textcolor{\(color)}{\\rule{1.2mm}{1.2mm}}}\n")
            }
            if let last = seriesValues.lastIndex(where: \.isFinite) {
                ends.append((y(seriesValues[last]), x(last), seriesValues[last], seriesIndex))
            }
        }
        // End labels, moved apart where lines end close together.
        var floor = Double.infinity
        for end in ends.sorted(by: { $0.y > $1.y }) {
            let labelY = min(end.y, floor - 3)
            floor = labelY
            putLabel(LaTeXNumber.label(end.value), x: end.x + 2, y: labelY, alignment: "l", color: LaTeXChartStyle.colorName(end.series))
        }
        raw("\\end{picture}\n")
    }

    /// Writes one series' line through `points` (millimetres from the picture's origin); a missing
    /// point breaks the line.
    private mutating func writePolyline(_ points: [(Double, Double)?], series: Int) {
        let scale = LaTeXChartStyle.pointsPerMillimetre
        put(0, 0)
        raw("\\pdfliteral{q 0.9 w 1 J 1 j ")
        LaTeXChartStyle.writeStroke(series: series, to: &self)
        var drawing = false
        for point in points {
            guard let (px, py) = point else {
                drawing = false
                continue
            }
            raw(" ")
            number(px * scale)
            raw(" ")
            number(py * scale)
            raw(drawing ? " l" : " m")
            drawing = true
        }
        raw(" S Q}}\n")
    }
}
