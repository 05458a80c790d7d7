import Foundation

@testable import BulletinDocuments

extension LaTeXFixtures {
    /// Every character the renderer writes as itself (printable ASCII and its table of the
    /// fonts' characters), spaced so the lines can break: the compile test checks the table.
    static let supportedCharacters = ((33..<127).map { $0 } + LaTeXCharacters.supportedRanges.flatMap { $0 })
        .compactMap(Unicode.Scalar.init).map { String($0) }.joined(separator: " ")

    /// A document of awkward cases, each of which must still compile: special characters in
    /// the cover, headings and captions, empty and overlong text, odd links, ragged rows, and
    /// charts with negative, missing, infinite or huge values.
    static let edgeCases = Document(
        cover: Cover(
            title: "  \(hostile)\nΑθηνά 👍🏽 \u{7}  ",
            subject: "",
            date: Date(timeIntervalSince1970: -86_400 * 365 * 30),
            workspace: "   "
        ),
        blocks: [
            .heading(level: 0, text: "Heading \(hostile) 中文 Жёлтый"),
            .heading(level: 7, text: "[not an option] * \u{301}e"),
            .paragraph([
                .text(""), .emphasis("  spaced  "), .strong(""), .link(text: "", url: "https://example.com/%%%{}\\^^5c#x"),
                .link(text: hostile, url: "mailto:a@b.c?subject=\(hostile)"), .text(" \n\n\n "),
                .text(String(repeating: "x", count: 9_000)), .text(" "), .text(String(repeating: "word -- ", count: 1_500)),
            ]),
            .paragraph([.text(supportedCharacters)]),
            .paragraph([
                .text("controls \u{0}\u{1}\u{1B}\u{7F}\u{85}\u{2028} marks q\u{303}\u{20DD}"),
                .text(" flags 🇩🇪🇫🇷🏳️‍🌈 joiners a\u{200D}b\u{2060}"),
            ]),
            .paragraph([]),
            .bulletList([[], [.text("[x] checked")], [.text("*star")], [.link(text: "[link]", url: "ftp://old")]]),
            .pageBreak,
            .pageBreak,
            .table(
                Table(columns: [Table.Column("Only numbers", alignment: .trailing)], rows: [["*1"], [], ["2", "extra"]], caption: hostile)),
            .table(Table(columns: (1...8).map { Table.Column("Column \($0) \(hostile)") }, rows: [(1...8).map { _ in hostile }])),
            .table(Table(columns: [Table.Column("Empty")], rows: [])),
            .chart(
                Chart(
                    kind: .bar, title: hostile, categories: ["neg", "nan", "inf", "big", hostile],
                    series: [
                        Chart.Series(name: "s", values: [-40, .nan, .infinity, 1e18])
                    ])),
            .chart(
                Chart(
                    kind: .groupedBar, title: "Eight series", categories: (1...12).map { "Peer \($0)" },
                    series: (1...8).map {
                        Chart.Series(name: "Series \($0) \(hostile)", values: (1...12).map { Double($0 % 5) - 1 })
                    })),
            .chart(Chart(kind: .line, title: "One point", categories: ["only"], series: [Chart.Series(name: "a", values: [3])])),
            .chart(
                Chart(
                    kind: .line, title: "Forty long labels", categories: (1...40).map { "Category number \($0) \(hostile.prefix(9))" },
                    series: [
                        Chart.Series(name: "up", values: (1...40).map { $0 % 7 == 0 ? .nan : Double($0) - 10 }),
                        Chart.Series(name: "flat zero", values: Array(repeating: 0, count: 40)),
                    ])),
            .chart(Chart(kind: .line, title: "All zero", categories: ["a", "b"], series: [Chart.Series(name: "z", values: [0, 0])])),
            .chart(Chart(kind: .bar, title: "Empty", categories: [], series: [])),
            .keyFigures([KeyFigure(label: "", value: "")]),
            .keyFigures((1...9).map { KeyFigure(label: "Label \($0) \(hostile)", value: "[\($0)]") }),
            .pageBreak,
        ],
        author: hostile
    )
}
