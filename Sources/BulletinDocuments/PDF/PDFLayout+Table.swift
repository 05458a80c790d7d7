import Foundation

extension PDFLayout {
    private static let cellSize = 9.5
    private static let padding = 5.0

    /// A table that breaks across pages, its header row repeated at the top of each.
    mutating func drawTable(_ table: Table) {
        guard !table.columns.isEmpty else { return }
        let lineHeight = Self.cellSize * 1.35
        if let caption = table.caption {
            let lines = PDFLineBreaker.lines(printable([PDFRun(text: caption, face: faces.italic, size: Self.cellSize)]), width: width)
            ensure(Double(lines.count) * lineHeight + 3 * lineHeight)
            drawLines(lines, x: left, width: width, lineHeight: lineHeight)
            y -= 2
        }
        let header = table.columns.map { printable([PDFRun(text: $0.title, face: faces.bold, size: Self.cellSize)]) }
        let rows = table.rows.map { row in
            table.columns.indices.map { index in
                printable([PDFRun(text: index < row.count ? row[index] : "", face: faces.regular, size: Self.cellSize)])
            }
        }
        let widths = columnWidths(header: header, rows: rows)
        let headerLines = zip(header, widths).map { PDFLineBreaker.lines($0, width: $1 - 2 * Self.padding) }
        let headerHeight = Double(headerLines.map(\.count).max() ?? 1) * lineHeight + 2 * Self.padding
        let alignments = table.columns.map(\.alignment)

        ensure(headerHeight + lineHeight + 2 * Self.padding)
        drawRow(headerLines, widths: widths, alignments: alignments, height: headerHeight, lineHeight: lineHeight, shaded: true)
        for row in rows {
            let lines = zip(row, widths).map { PDFLineBreaker.lines($0, width: $1 - 2 * Self.padding) }
            let height = Double(lines.map(\.count).max() ?? 1) * lineHeight + 2 * Self.padding
            if y - height < bottom {
                newPage()
                drawRow(headerLines, widths: widths, alignments: alignments, height: headerHeight, lineHeight: lineHeight, shaded: true)
            }
            drawRow(lines, widths: widths, alignments: alignments, height: height, lineHeight: lineHeight, shaded: false)
        }
        y -= 10
    }

    private mutating func drawRow(
        _ cells: [[PDFLine]], widths: [Double], alignments: [Table.Alignment], height: Double, lineHeight: Double, shaded: Bool
    ) {
        let top = y
        if shaded { draw(.fill(x: left, y: top - height, width: widths.reduce(0, +), height: height, color: .shade)) }
        var x = left
        for (index, lines) in cells.enumerated() {
            y = top - Self.padding
            drawLines(
                lines, x: x + Self.padding, width: widths[index] - 2 * Self.padding, lineHeight: lineHeight,
                alignTrailing: alignments[index] == .trailing, breakPages: false)
            x += widths[index]
        }
        y = top - height
        draw(.line(points: [(left, y), (left + widths.reduce(0, +), y)], width: shaded ? 0.8 : 0.4, color: shaded ? .muted : .rule))
    }

    /// Widths that fit the page, as browsers lay out automatic tables: each column's natural
    /// width (its widest cell on one line) when they all fit, stretched to the full width;
    /// otherwise each column gets at least its longest word, and what is left goes to the
    /// columns in proportion to how much more their text would take, so words break only when
    /// even the longest words cannot fit side by side.
    private func columnWidths(header: [[PDFRun]], rows: [[[PDFRun]]]) -> [Double] {
        let padding = 2 * Self.padding + 1
        func natural(_ runs: [PDFRun]) -> Double {
            runs.reduce(0) { $0 + $1.face.width(of: $1.text, size: $1.size) } + padding
        }
        func longestWord(_ runs: [PDFRun]) -> Double {
            runs.flatMap { run in run.text.split(separator: " ").map { run.face.width(of: String($0), size: run.size) } }
                .max().map { $0 + padding } ?? padding
        }
        var naturals = header.map(natural)
        var minimums = header.map(longestWord)
        for row in rows {
            for (index, cell) in row.enumerated() {
                naturals[index] = max(naturals[index], natural(cell))
                minimums[index] = max(minimums[index], longestWord(cell))
            }
        }
        let total = naturals.reduce(0, +)
        if total <= width { return naturals.map { $0 * width / total } }
        let least = minimums.reduce(0, +)
        if least >= width { return minimums.map { $0 * width / least } }
        let wanted = zip(naturals, minimums).map { $0 - $1 }
        let wantedTotal = wanted.reduce(0, +)
        return zip(minimums, wanted).map { $0 + $1 / wantedTotal * (width - least) }
    }
}
