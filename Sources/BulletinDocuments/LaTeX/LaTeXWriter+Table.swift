extension LaTeXWriter {
    /// About how many characters of small text fit on a line of the 170 mm text width.
    private static let charactersPerLine = 85.0

    /// Writes a table as a `longtable` with booktabs rules: it breaks across pages, repeating its
    /// header (`\endhead`), with "continued" at the foot of each page but the last.
    ///
    /// Trailing columns (numbers) are right-aligned `r` columns at their natural width; leading
    /// columns share the rest of the line as `p{…}` columns, in proportion to their longest
    /// text, so long text wraps instead of running off the page. Rows are padded or cut to the
    /// number of columns, since a row with an extra cell is an error in LaTeX.
    mutating func writeTable(_ table: Table) {
        let columns = table.columns
        guard !columns.isEmpty else { return }
        raw("\\begingroup\\small\n\\begin{longtable}{@{}")
        for (index, fraction) in Self.columnFractions(table).enumerated() {
            if let fraction {
                raw(">{\\raggedright\\arraybackslash}p{\\dimexpr ")
                number(fraction)
                raw("\\linewidth-2\\tabcolsep\\relax}")
            } else {
                raw("r")
            }
            if index == columns.count - 1 { raw("@{}") }
        }
        raw("}\n")
        if let caption = table.caption {
            raw("\\caption{")
            text(caption)
            raw("}\\\\\n")
        }
        writeTableHeader(columns)
        raw("\\endfirsthead\n")
        if let caption = table.caption {
            // `\caption[]` repeats the caption without a second entry or number.
            raw("\\caption[]{")
            text(caption)
            raw(" (continued)}\\\\\n")
        }
        writeTableHeader(columns)
        raw("\\endhead\n\\midrule\n\\multicolumn{\(columns.count)}{r@{}}{\\footnotesize\\itshape continued on the next page}\\\\\n")
        raw("\\endfoot\n\\bottomrule\n\\endlastfoot\n")
        for row in table.rows {
            for index in columns.indices {
                if index > 0 { raw(" & ") }
                if index < row.count { cell(row[index]) }
            }
            raw(" \\\\\n")
        }
        raw("\\end{longtable}\n\\endgroup\n\n")
    }

    private mutating func writeTableHeader(_ columns: [Table.Column]) {
        raw("\\toprule\n")
        for (index, column) in columns.enumerated() {
            if index > 0 { raw(" & ") }
            raw("\\textbf{")
            text(column.title)
            raw("}")
        }
        raw(" \\\\\n\\midrule\n")
    }

    /// Each leading column's share of the line width; `nil` for a trailing (right-aligned) column.
    static func columnFractions(_ table: Table) -> [Double?] {
        var longest = table.columns.map { min(Double($0.title.utf8.count), 40) }
        for row in table.rows {
            for (index, cell) in row.prefix(longest.count).enumerated() where longest[index] < 40 {
                longest[index] = min(max(longest[index], Double(cell.utf8.count)), 40)
            }
        }
        let leading = table.columns.indices.filter { table.columns[$0].alignment == .leading }
        let trailingWidth = table.columns.indices.filter { table.columns[$0].alignment == .trailing }
            .reduce(0.0) { $0 + (longest[$1] + 2) / charactersPerLine }
        // Text columns get at least 40 % of the line, even if wide numbers then overflow it.
        let shared = max(0.4, 1 - trailingWidth)
        let totalLeading = leading.reduce(0.0) { $0 + max(longest[$1], 4) }
        return table.columns.indices.map { index in
            guard table.columns[index].alignment == .leading else { return nil }
            return shared * max(longest[index], 4) / totalLeading
        }
    }
}
