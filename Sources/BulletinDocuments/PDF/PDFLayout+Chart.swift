import Foundation

extension PDFLayout {
    private static let labelSize = 9.0
    private static let labelWidth = 150.0

    /// A chart drawn as vector graphics from its data: horizontal bars (one series, or one
    /// bar per series in each category) or lines across the categories.
    mutating func drawChart(_ chart: Chart) {
        let title = PDFLineBreaker.lines(printable([PDFRun(text: chart.title, face: faces.bold, size: 11)]), width: width)
        let height = chartHeight(chart) + Double(title.count) * 15 + legendHeight(chart) + 12
        ensure(height)
        drawLines(title, x: left, width: width, lineHeight: 15, breakPages: false)
        y -= 4
        switch chart.kind {
        case .bar, .groupedBar: drawBars(chart)
        case .line: drawLineChart(chart)
        }
        drawLegend(chart)
        y -= 12
    }

    private func chartHeight(_ chart: Chart) -> Double {
        switch chart.kind {
        case .bar: Double(chart.categories.count) * 18
        case .groupedBar: Double(chart.categories.count) * (Double(max(chart.series.count, 1)) * 9 + 8)
        case .line: 190
        }
    }

    private func legendHeight(_ chart: Chart) -> Double {
        chart.kind == .bar || chart.series.count < 2 ? 0 : 18
    }

    private mutating func drawBars(_ chart: Chart) {
        let series = chart.kind == .bar ? Array(chart.series.prefix(1)) : chart.series
        let barHeight = chart.kind == .bar ? 12.0 : 8.0
        let rowHeight = chart.kind == .bar ? 18.0 : Double(max(series.count, 1)) * 9 + 8
        let barsLeft = left + Self.labelWidth + 6
        let scale = (width - Self.labelWidth - 6 - 44) / chart.largestValue
        for (index, category) in chart.categories.enumerated() {
            let top = y
            let label = truncated(category, face: faces.regular, size: Self.labelSize, width: Self.labelWidth)
            draw(.text(x: left, y: top - rowHeight / 2 - 3, face: faces.regular, size: Self.labelSize, text: label, color: .text))
            for (offset, values) in series.enumerated() {
                let value = index < values.values.count ? values.values[index] : 0
                let barTop = top - 4 - Double(offset) * 9
                let length = max(value * scale, 0.5)
                draw(.fill(x: barsLeft, y: barTop - barHeight, width: length, height: barHeight, color: .series(offset)))
                let text = faces.regular.printable(Chart.label(for: value))
                draw(.text(x: barsLeft + length + 4, y: barTop - barHeight + 2, face: faces.regular, size: 8, text: text, color: .muted))
            }
            y = top - rowHeight
        }
    }

    private mutating func drawLineChart(_ chart: Chart) {
        let plotLeft = left + 40
        let plotWidth = width - 50
        let plotHeight = 150.0
        let top = y - 6
        let base = top - plotHeight
        let largest = chart.largestValue
        for step in 0...4 {
            let value = largest * Double(step) / 4
            let lineY = base + plotHeight * Double(step) / 4
            draw(.line(points: [(plotLeft, lineY), (plotLeft + plotWidth, lineY)], width: 0.4, color: .rule))
            let text = faces.regular.printable(Chart.label(for: value))
            let textWidth = faces.regular.width(of: text, size: 8)
            draw(.text(x: plotLeft - 4 - textWidth, y: lineY - 3, face: faces.regular, size: 8, text: text, color: .muted))
        }
        let count = max(chart.categories.count, 1)
        let step = count > 1 ? plotWidth / Double(count - 1) : 0
        let labelEvery = max(1, Int((Double(count) * 60 / plotWidth).rounded(.up)))
        for (index, category) in chart.categories.enumerated() where index % labelEvery == 0 {
            let label = truncated(category, face: faces.regular, size: 8, width: max(step * Double(labelEvery) - 4, 30))
            let labelWidth = faces.regular.width(of: label, size: 8)
            let x = min(max(plotLeft + Double(index) * step - labelWidth / 2, left), left + width - labelWidth)
            draw(.text(x: x, y: base - 14, face: faces.regular, size: 8, text: label, color: .muted))
        }
        for (offset, series) in chart.series.enumerated() {
            let points = series.values.prefix(count).enumerated().map { index, value in
                (x: plotLeft + Double(index) * step, y: base + plotHeight * max(value, 0) / largest)
            }
            draw(.line(points: points, width: 1.6, color: .series(offset)))
            for point in points {
                draw(.fill(x: point.x - 2, y: point.y - 2, width: 4, height: 4, color: .series(offset)))
            }
        }
        y = base - 22
    }

    private mutating func drawLegend(_ chart: Chart) {
        guard legendHeight(chart) > 0 else { return }
        var x = left
        for (offset, series) in chart.series.enumerated() {
            let name = truncated(series.name, face: faces.regular, size: 8.5, width: 140)
            let nameWidth = faces.regular.width(of: name, size: 8.5)
            if x + 14 + nameWidth > left + width { break }
            draw(.fill(x: x, y: y - 10, width: 9, height: 9, color: .series(offset)))
            draw(.text(x: x + 13, y: y - 9, face: faces.regular, size: 8.5, text: name, color: .text))
            x += 13 + nameWidth + 14
        }
        y -= legendHeight(chart)
    }

    /// Printable `text` cut with an ellipsis to fit `width`.
    private func truncated(_ text: String, face: PDFFace, size: Double, width: Double) -> String {
        var result = face.printable(text)
        guard face.width(of: result, size: size) > width else { return result }
        let ellipsis = face.printable("…")
        while !result.isEmpty, face.width(of: result + ellipsis, size: size) > width { result.removeLast() }
        return result + ellipsis
    }
}
