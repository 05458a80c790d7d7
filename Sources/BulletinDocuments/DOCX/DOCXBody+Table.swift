extension DOCXBody {
    /// A table in the Bulletin Table style, full width: the caption above it (as in the PDF), a
    /// header row that repeats on every page, numeric (trailing) columns right-justified.
    mutating func appendTable(_ table: Table) {
        if let caption = table.caption, !caption.isEmpty {
            appendParagraph(style: DOCXStyles.ID.caption, text: caption)
        }
        // A table needs a grid; with no columns there is nothing to draw.
        guard !table.columns.isEmpty else { return }
        let widths = Self.columnWidths(table)
        let alignments = table.columns.map(\.alignment)
        xml.append(
            #"<w:tbl><w:tblPr><w:tblStyle w:val="\#(DOCXStyles.ID.table)"/><w:tblW w:w="5000" w:type="pct"/>"#
                + #"<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" "#
                + #"w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>"#)
        for width in widths { xml.append(#"<w:gridCol w:w="\#(width)"/>"#) }
        xml.append("</w:tblGrid>")
        appendRow(table.columns.map(\.title), widths: widths, alignments: alignments, header: true)
        for row in table.rows {
            appendRow(row, widths: widths, alignments: alignments, header: false)
        }
        xml.append("</w:tbl>")
        appendTableEnd()
    }

    /// Key figures as a borderless grid of shaded boxes, four to a row: the value large and bold,
    /// its label under it.
    mutating func appendKeyFigures(_ figures: [KeyFigure]) {
        guard !figures.isEmpty else { return }
        let perRow = min(4, figures.count)
        let width = Page.textWidth / perRow
        let white = #"w:val="single" w:sz="48" w:space="0" w:color="FFFFFF""#
        xml.append(
            #"<w:tbl><w:tblPr><w:tblStyle w:val="\#(DOCXStyles.ID.plainTable)"/><w:tblW w:w="5000" w:type="pct"/>"#
                + #"<w:tblBorders><w:insideH \#(white)/><w:insideV \#(white)/></w:tblBorders>"#
                + #"<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" "#
                + #"w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>"#)
        for _ in 0..<perRow { xml.append(#"<w:gridCol w:w="\#(width)"/>"#) }
        xml.append("</w:tblGrid>")
        for start in stride(from: 0, to: figures.count, by: perRow) {
            xml.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            for index in start..<start + perRow {
                guard index < figures.count else {
                    xml.append(#"<w:tc><w:tcPr><w:tcW w:w="\#(width)" w:type="dxa"/></w:tcPr><w:p/></w:tc>"#)
                    continue
                }
                xml.append(
                    #"<w:tc><w:tcPr><w:tcW w:w="\#(width)" w:type="dxa"/>"#
                        + #"<w:shd w:val="clear" w:color="auto" w:fill="\#(DOCXStyles.shade)"/></w:tcPr>"#)
                appendParagraph(style: DOCXStyles.ID.keyFigureValue, text: figures[index].value)
                appendParagraph(style: DOCXStyles.ID.keyFigureLabel, text: figures[index].label)
                xml.append("</w:tc>")
            }
            xml.append("</w:tr>")
        }
        xml.append("</w:tbl>")
        appendTableEnd()
    }

    /// One row with exactly one cell per column (missing cells empty, extra ones dropped), so the
    /// row always matches the grid.
    private mutating func appendRow(_ cells: [String], widths: [Int], alignments: [Table.Alignment], header: Bool) {
        xml.append(header ? "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" : "<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        for column in widths.indices {
            xml.append(#"<w:tc><w:tcPr><w:tcW w:w="\#(widths[column])" w:type="dxa"/></w:tcPr>"#)
            openParagraph(style: nil, properties: alignments[column] == .trailing ? #"<w:jc w:val="right"/>"# : "")
            if column < cells.count, !cells[column].isEmpty { appendRun(cells[column]) }
            xml.append("</w:p></w:tc>")
        }
        xml.append("</w:tr>")
    }

    /// An empty paragraph after every table: Word merges two tables that touch, and a little space
    /// after a table reads better.
    private mutating func appendTableEnd() {
        xml.append(#"<w:p><w:pPr><w:spacing w:after="120"/></w:pPr></w:p>"#)
    }

    /// Column widths in twips over the full text width, in proportion to each column's longest
    /// text (between 4 and 40 characters, so one long cell cannot squeeze the others).
    static func columnWidths(_ table: Table) -> [Int] {
        var weights = table.columns.map { min(max($0.title.unicodeScalars.count, 4), 40) }
        for row in table.rows {
            for (column, cell) in row.prefix(weights.count).enumerated() where weights[column] < 40 {
                weights[column] = min(max(weights[column], cell.unicodeScalars.count), 40)
            }
        }
        let total = weights.reduce(0, +)
        return weights.map { Page.textWidth * $0 / total }
    }
}
