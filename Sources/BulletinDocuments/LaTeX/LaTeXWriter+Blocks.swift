extension LaTeXWriter {
    /// Writes one block of the body.
    mutating func writeBlock(_ block: Block) {
        switch block {
        case .heading(let level, let text):
            writeHeading(level: level, text: text)
        case .paragraph(let inlines):
            guard !inlines.isEmpty else { return }
            writeInlines(inlines)
            raw("\n\n")
        case .bulletList(let items):
            writeList(items)
        case .table(let table):
            writeTable(table)
        case .chart(let chart):
            writeChart(chart)
        case .keyFigures(let figures):
            writeKeyFigures(figures)
        case .pageBreak:
            raw("\\clearpage\n\n")
        }
    }

    /// Headings are numberless sections (`secnumdepth` is 0), which hyperref still makes bookmarks.
    private mutating func writeHeading(level: Int, text: String) {
        let command = ["section", "subsection", "subsubsection"][min(max(level, 1), 3) - 1]
        raw("\\\(command){")
        self.text(text)
        raw("}\n\n")
    }

    /// Writes runs of text; links only for `http`, `https` and `mailto`, others as their text.
    mutating func writeInlines(_ inlines: [Inline]) {
        // Runs go on one line of the source; break it now and then, as TeX's line buffer is finite.
        var lineStart = tex.utf8.count
        for inline in inlines {
            if tex.utf8.count - lineStart > LaTeXEscaping.lineLimit {
                raw("%\n")
                lineStart = tex.utf8.count
            }
            switch inline {
            case .text(let text):
                run(text)
            case .emphasis(let text):
                raw("\\emph{")
                run(text)
                raw("}")
            case .strong(let text):
                raw("\\textbf{")
                run(text)
                raw("}")
            case .link(let text, let url):
                guard let target = LaTeXURL.latex(for: url) else {
                    run(text)
                    continue
                }
                raw("\\href{\(target)}{")
                // A link without text shows its address, so it can still be seen and followed.
                run(text.isEmpty ? url : text)
                raw("}")
            }
        }
    }

    private mutating func writeList(_ items: [[Inline]]) {
        // An itemize without items is an error in LaTeX.
        guard !items.isEmpty else { return }
        raw("\\begin{itemize}\n")
        for item in items {
            raw("\\item ")
            let start = tex.utf8.count
            writeInlines(item)
            protectFromLookAhead(from: start)
            raw("\n")
        }
        raw("\\end{itemize}\n\n")
    }

    /// Key figures as a small table: up to four per row, the value large above its label.
    private mutating func writeKeyFigures(_ figures: [KeyFigure]) {
        guard !figures.isEmpty else { return }
        let perRow = min(figures.count, 4)
        raw("\\par\\medskip\\noindent\n\\begin{tabular}{@{}*{\(perRow)}{>{\\centering\\arraybackslash}")
        raw("p{\\dimexpr(\\linewidth-\(2 * (perRow - 1))\\tabcolsep)/\(perRow)\\relax}}@{}}\n\\toprule\n")
        var start = 0
        while start < figures.count {
            let row = figures[start..<min(start + perRow, figures.count)]
            if start > 0 { raw("\\addlinespace\n") }
            writeKeyFigureRow(row.map(\.value), style: "\\Large\\bfseries ", columns: perRow)
            writeKeyFigureRow(row.map(\.label), style: "\\footnotesize ", columns: perRow)
            start += perRow
        }
        raw("\\bottomrule\n\\end{tabular}\n\\par\\medskip\n\n")
    }

    private mutating func writeKeyFigureRow(_ cells: [String], style: String, columns: Int) {
        for column in 0..<columns {
            if column > 0 { raw(" & ") }
            guard column < cells.count else { continue }
            raw("{\(style)")
            text(cells[column])
            raw("}")
        }
        raw(" \\\\\n")
    }
}
