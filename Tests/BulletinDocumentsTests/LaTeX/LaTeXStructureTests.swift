import Foundation
import Testing

@testable import BulletinDocuments

/// The shape of the `.tex` source: preamble, cover, sections in order, tables and charts.
@Suite("LaTeX structure")
struct LaTeXStructureTests {
    let tex = LaTeXRenderer.render(LaTeXFixtures.report).tex

    @Test("an article whose packages all come from texlive-latex-recommended, cmap before fontenc")
    func preamble() throws {
        #expect(tex.hasPrefix("% Written by Bulletin"))
        #expect(tex.contains("\\documentclass[11pt,a4paper]{article}\n"))
        let expected = [
            "cmap", "[T1]{fontenc}", "[utf8]{inputenc}", "textcomp", "geometry", "parskip", "array", "longtable",
            "booktabs", "xcolor", "graphicx", "fancyhdr", "hyperref", "bookmark",
        ]
        let used = tex.split(separator: "\n").filter { $0.hasPrefix("\\usepackage") }
        #expect(used.count == expected.count)
        for (line, package) in zip(used, expected) {
            #expect(line.hasSuffix(package.contains("{") ? package : "{\(package)}"), "\(line) should load \(package)")
        }
        for forbidden in ["tikz", "pgf", "pict2e", "lastpage", "lmodern", "fontspec", "babel"] {
            #expect(!tex.contains("{\(forbidden)}"), "\(forbidden) is not in texlive-latex-recommended")
        }
        let metadata =
            "\\hypersetup{pdftitle={Peer Comparison: Q4 2024},"
            + "pdfsubject={How Zoë Café Ünïcode compares with 11 peers},pdfauthor={Bulletin Research}}"
        #expect(tex.contains(metadata))
        #expect(tex.contains("\\fancyfoot[C]{\\small Page \\thepage\\ of \\BulletinLastPage}"))
    }

    @Test("the cover comes first, then a new page, then the sections in order")
    func order() throws {
        let cover = try #require(tex.range(of: "{\\Huge\\bfseries Peer Comparison: Q4 2024\\par}"))
        #expect(tex.contains("{\\large 5 March 2025\\par}"))
        #expect(tex.contains("{\\large Research \\& Strategy\\par}"))
        let sections = [
            "\\section{Summary}", "\\subsection{Hostile input}", "\\clearpage", "\\section{Revenue}", "\\section{All figures}",
            "\\subsubsection{Table of quarterly values}", "\\begin{longtable}", "\\subsection{Peers}", "\\end{document}",
        ]
        var position = cover.upperBound
        for section in sections {
            let found = try #require(tex.range(of: section, range: position..<tex.endIndex), "\(section) after the previous one")
            position = found.upperBound
        }
        #expect(
            tex.components(separatedBy: "\\clearpage").count - 1 == 3, "at the end (for the page count), after the cover, the page break")
    }

    @Test("the long table: booktabs rules, a header repeated by \\endhead, numbers right-aligned, text wrapping")
    func longTable() throws {
        let start = try #require(tex.range(of: "\\begin{longtable}"))
        let end = try #require(tex.range(of: "\\end{longtable}"))
        let table = String(tex[start.lowerBound..<end.upperBound])
        let spec = try #require(table.split(separator: "\n").first)
        #expect(spec.hasSuffix("r@{}}"), "the value column is trailing: \(spec)")
        #expect(spec.components(separatedBy: ">{\\raggedright\\arraybackslash}p{").count - 1 == 3)
        let header = "\\toprule\n\\textbf{Peer} & \\textbf{Metric} & \\textbf{Quarter} & \\textbf{Value (EUR k)} \\\\\n\\midrule\n"
        #expect(table.contains("\\caption{Quarterly figures of every peer}\\\\\n" + header + "\\endfirsthead\n"))
        #expect(table.contains("\\caption[]{Quarterly figures of every peer (continued)}\\\\\n" + header + "\\endhead\n"))
        #expect(table.contains("\\bottomrule\n\\endlastfoot\n"))
        #expect(table.components(separatedBy: " \\\\\n").count - 1 == 60 + 2, "60 rows and the header twice")
        #expect(table.contains("Zoë Café Ünïcode & Revenue & Q1 2024 & 0.0 \\\\"))
        #expect(table.contains("& {}[1] Churn * &"), "a cell starting with [ cannot be read as \\\\[…]")
    }

    @Test("links, emphasis, lists, key figures and charts")
    func inlineAndBlocks() {
        #expect(tex.contains("\\textbf{Zoë Café Ünïcode} with \\emph{eleven peers}, among them Athina Logos and Zhyoltyy Dom."))
        #expect(tex.contains("\\href{https://example.com/method?id=42\\&view=full\\#sources\\_2024}{the methodology page}"))
        #expect(tex.contains("\\href{mailto:research@example.com}{the research team}"))
        #expect(tex.contains("A link with another scheme stays text: not a link."))
        #expect(tex.contains("\\href{https://example.org/a%20b/100\\%25\\_done\\~x?q=%22%C3%BC%22}{100\\% done}"))
        #expect(tex.contains("\\item {}[draft] Costs rose fastest at \\emph{Cobalt\\_Systems}."))
        #expect(tex.contains("{\\Large\\bfseries €48.2m} & {\\Large\\bfseries 60}"))
        #expect(tex.contains("\\begin{tabular}{@{}*{4}{>{\\centering\\arraybackslash}"))
        #expect(tex.components(separatedBy: "\\begin{picture}").count - 1 == 3)
        #expect(tex.components(separatedBy: "\\pdfliteral{q 0.9 w").count - 1 == 3, "one polyline per series")
        #expect(tex.contains("\\textcolor{BulletinSeries3}{\\rule{"), "grouped bars use a colour per series")
        #expect(!tex.contains("tikzpicture"))
    }

    @Test("no line of the source outgrows TeX's buffer, and nothing is read as an optional argument")
    func linesAndLookAhead() {
        let edge = LaTeXRenderer.render(LaTeXFixtures.edgeCases).tex
        #expect(edge.split(separator: "\n").allSatisfy { $0.utf8.count < 10_000 })
        let document = Document(
            cover: Cover(title: "T", subject: "S", date: Date(timeIntervalSince1970: 0), workspace: "W"),
            blocks: [
                .bulletList([[.text("\u{2003} [a]")], [.emphasis("[b]")]]),
                .table(Table(columns: [Table.Column("C")], rows: [["\u{3000}[c]"], ["*d"], ["e"]])),
            ]
        )
        let tex = LaTeXRenderer.render(document).tex
        #expect(tex.contains("\\item {} [a]\n"))
        #expect(tex.contains("\\item \\emph{[b]}\n"))
        #expect(tex.contains("{}[c] \\\\\n{}*d \\\\\ne \\\\\n"))
    }

    @Test("the same document gives the same source; an empty document still has a cover")
    func determinism() {
        #expect(LaTeXRenderer.render(LaTeXFixtures.report) == LaTeXRenderer.render(LaTeXFixtures.report))
        let empty = LaTeXRenderer.render(
            Document(
                cover: Cover(title: "", subject: "", date: Date(timeIntervalSince1970: 0), workspace: ""),
                blocks: [
                    .bulletList([]), .paragraph([]), .keyFigures([]), .table(Table(columns: [], rows: [["x"]])),
                    .chart(Chart(kind: .line, title: "Empty", categories: [], series: [])),
                ]
            ))
        #expect(empty.tex.contains("{\\large 1 January 1970\\par}"))
        #expect(!empty.tex.contains("\\begin{itemize}"))
        #expect(!empty.tex.contains("\\begin{longtable}"))
        #expect(empty.tex.contains("No data."))
        #expect(empty.replacedCharacters == 0)
    }
}
