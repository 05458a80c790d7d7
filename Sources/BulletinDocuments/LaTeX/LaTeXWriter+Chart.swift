extension LaTeXWriter {
    /// The width of every chart's picture, in millimetres (the text is 170 mm wide).
    static let chartWidth = 165.0

    /// Writes a chart under its title, kept on one page: horizontal bars for bar and grouped bar
    /// charts, lines for line charts, drawn in LaTeX's picture mode (no TikZ or pict2e needed).
    mutating func writeChart(_ chart: Chart) {
        raw("\\par\\medskip\\noindent\\begin{minipage}{\\linewidth}\n{\\bfseries ")
        text(chart.title)
        raw("\\par}\n\\smallskip\n")
        if chart.categories.isEmpty || chart.series.isEmpty {
            raw("{\\small\\itshape No data.\\par}\n")
        } else {
            switch chart.kind {
            case .bar: writeBarChart(chart, series: Array(chart.series.prefix(1)))
            case .groupedBar: writeBarChart(chart, series: chart.series)
            case .line: writeLineChart(chart)
            }
        }
        raw("\\end{minipage}\\par\\medskip\n\n")
    }

    /// Starts a picture of the chart width and `height`, both in millimetres.
    mutating func beginPicture(height: Double) {
        raw("\\setlength{\\unitlength}{1mm}\n\\begin{picture}(")
        number(Self.chartWidth)
        raw(",")
        number(height)
        raw(")\n")
    }

    /// Starts `\put(x,y){`; the caller writes the content and the closing `}`.
    mutating func put(_ x: Double, _ y: Double) {
        raw("\\put(")
        number(x)
        raw(",")
        number(y)
        raw("){")
    }

    /// Writes a small label at (`x`, `y`): `alignment` is `l`, `r` (vertically centred), `t`
    /// (hanging below the point) or `b` (standing on it), as picture mode's `\makebox(0,0)[…]` places it.
    mutating func putLabel(_ label: String, x: Double, y: Double, alignment: String, color: String? = nil, size: String = "\\scriptsize") {
        put(x, y)
        raw("\\makebox(0,0)[\(alignment)]{\(size) ")
        if let color { raw("\\color{\(color)}") }
        text(label)
        raw("}}\n")
    }

    /// Writes a light grey line from (`x`, `y`) along `direction`, `(1,0)` or `(0,1)`.
    mutating func putGridLine(x: Double, y: Double, direction: String, length: Double) {
        put(x, y)
        raw("\\color{BulletinGrid}\\line\(direction){")
        number(length)
        raw("}}\n")
    }

    /// The values of `series` for the chart's categories; missing ones are not a number.
    static func values(of series: Chart.Series, count: Int) -> [Double] {
        (0..<count).map { $0 < series.values.count ? series.values[$0] : .nan }
    }
}
