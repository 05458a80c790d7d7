/// Colours and line patterns of the charts, shared by the picture code and the preamble.
///
/// Series differ in both colour and lightness (dark blue, orange, green, grey…), so that they stay
/// apart when printed in black and white; lines also differ in their dash pattern.
enum LaTeXChartStyle {
    /// Red, green and blue from 0 to 255, one per series; series beyond the sixth reuse them.
    static let palette: [(red: Int, green: Int, blue: Int)] = [
        (31, 78, 121), (230, 145, 56), (112, 173, 71), (128, 128, 128), (91, 155, 213), (158, 72, 14),
    ]

    /// PDF dash patterns for the lines of a line chart, in points: solid, dashed, dotted, dash-dot.
    static let dashes = ["[]", "[4 2]", "[1 1.5]", "[4 1.5 1 1.5]"]

    /// PDF points per millimetre, for `\pdfliteral` drawings inside a picture measured in mm.
    static let pointsPerMillimetre = 72 / 25.4

    /// The xcolor name of series `index`'s colour.
    static func colorName(_ index: Int) -> String {
        "BulletinSeries\(index % palette.count + 1)"
    }

    /// Writes `\definecolor` for every series colour, the links' colour and the grid's grey.
    static func writeColors(to writer: inout LaTeXWriter) {
        for (index, color) in palette.enumerated() {
            writer.raw("\\definecolor{\(colorName(index))}{RGB}{\(color.red),\(color.green),\(color.blue)}\n")
        }
        writer.raw("\\definecolor{BulletinLink}{RGB}{31,78,121}\n\\definecolor{BulletinGrid}{gray}{0.85}\n")
    }

    /// Writes the PDF operators that set series `index`'s stroke colour and dash pattern.
    static func writeStroke(series index: Int, to writer: inout LaTeXWriter) {
        let color = palette[index % palette.count]
        writer.number(Double(color.red) / 255)
        writer.raw(" ")
        writer.number(Double(color.green) / 255)
        writer.raw(" ")
        writer.number(Double(color.blue) / 255)
        writer.raw(" RG \(dashes[index % dashes.count]) 0 d")
    }

    /// Writes a legend as text: a sample of each series' colour (and for lines its dash), then its name.
    static func writeLegend(_ series: [Chart.Series], lines: Bool, to writer: inout LaTeXWriter) {
        guard series.count > 1 || lines else { return }
        writer.raw("{\\footnotesize ")
        for (index, entry) in series.enumerated() {
            if index > 0 { writer.raw("\\quad ") }
            // The sample and the name's first word stay together; a long name may still wrap.
            writer.raw("\\mbox{")
            if lines {
                // A 6 mm stroke drawn like the series' line, 0.7 ex above the baseline.
                writer.raw("\\makebox[6mm][l]{\\pdfliteral{q 1.2 w ")
                writeStroke(series: index, to: &writer)
                writer.raw(" 0 2.8 m 17 2.8 l S Q}}")
            } else {
                writer.raw("\\textcolor{\(colorName(index))}{\\rule[-0.2mm]{3mm}{3mm}}")
            }
            writer.raw("}~")
            writer.text(entry.name)
        }
        writer.raw("\\par}\n")
    }
}
