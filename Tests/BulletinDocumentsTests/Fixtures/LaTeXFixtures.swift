import BulletinDocuments
import Foundation

/// A comparative report that exercises every part of the LaTeX renderer: names in three
/// scripts, TeX's special characters, a table long enough to break across pages, each kind of
/// chart, key figures, lists, links and a page break.
enum LaTeXFixtures {
    /// A string that would run TeX code if it were not escaped.
    static let hostile =
        #"\ { } $ & # ^ _ % ~ < > | " \input{/etc/passwd} \immediate\write18{touch bulletin-pwned} ^^5c \catcode`\^=7 \def\x{}"#

    /// The twelve peers compared, as the document names them.
    static let peers = [
        "Zoë Café Ünïcode", "Αθηνά Λόγος", "Жёлтый Дом", "Acme Analytics", "Birchwood & Sons", "Cobalt_Systems",
        "Delta 100% Labs", "Echo #1 Media", "Fjord Ørsted AS", "Łódź Łąka Sp. z o.o.", "Nordlys Økonomi", "Quantum $ Partners",
    ]

    /// The peers as the PDF shows them: Greek and Cyrillic in Latin letters.
    static let printedPeers = peers.map { name in
        switch name {
        case "Αθηνά Λόγος": "Athina Logos"
        case "Жёлтый Дом": "Zhyoltyy Dom"
        default: name
        }
    }

    /// The 60-row table: peer, metric, quarter and a value, right-aligned; the last row is hostile.
    static let longTable = Table(
        columns: [
            Table.Column("Peer"), Table.Column("Metric"), Table.Column("Quarter"),
            Table.Column("Value (EUR k)", alignment: .trailing),
        ],
        rows: (0..<59).map { index in
            let metrics = ["Revenue", "Operating costs", "Net promoter score (survey of 1,200 customers)", "Headcount", "[1] Churn *"]
            let value = Double((index * 7_919) % 100_000) / 10
            return [peers[index % 12], metrics[index / 12], "Q\(index % 4 + 1) 2024", LaTeXFixturesNumber.text(value)]
        } + [[hostile, "Escaping", "--- ,, '' ``", "-12.5"]],
        caption: "Quarterly figures of every peer"
    )

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static let report = Document(
        cover: Cover(
            title: "Peer Comparison: Q4 2024",
            subject: "How Zoë Café Ünïcode compares with 11 peers",
            date: Date(timeIntervalSince1970: 1_741_176_000),  // 5 March 2025, 12:00 UTC
            workspace: "Research & Strategy"
        ),
        blocks: [
            .heading(level: 1, text: "Summary"),
            .keyFigures([
                KeyFigure(label: "Peers compared", value: "12"),
                KeyFigure(label: "Median revenue", value: "€48.2m"),
                KeyFigure(label: "Rows of data", value: "60"),
                KeyFigure(label: "Best growth", value: "+18.5%"),
                KeyFigure(label: "Report language", value: "English"),
            ]),
            .paragraph([
                .text("This report compares "), .strong("Zoë Café Ünïcode"), .text(" with "),
                .emphasis("eleven peers"), .text(", among them Αθηνά Λόγος and Жёлтый Дом. Sources are listed at "),
                .link(text: "the methodology page", url: "https://example.com/method?id=42&view=full#sources_2024"),
                .text(" and questions go to "), .link(text: "the research team", url: "mailto:research@example.com"),
                .text(". A link with another scheme stays text: "), .link(text: "not a link", url: "javascript:alert(1)"),
                .text("."),
            ]),
            .bulletList([
                [.text("Revenue grew at "), .strong("9 of 12"), .text(" peers.")],
                [.text("[draft] Costs rose fastest at "), .emphasis("Cobalt_Systems"), .text(".")],
                [.text("Odd URLs still work: "), .link(text: "100% done", url: "https://example.org/a b/100%_done~x?q=\"ü\"")],
            ]),
            .heading(level: 2, text: "Hostile input"),
            .paragraph([.text("The following text is printed literally: "), .text(hostile)]),
            .paragraph([.text("Characters no font here has: 👍🏽, 中文, 👩‍💻.")]),
            .pageBreak,
            .heading(level: 1, text: "Revenue"),
            .chart(
                Chart(
                    kind: .bar, title: "Revenue 2024 by peer (EUR m)", categories: peers,
                    series: [Chart.Series(name: "2024", values: [48.2, 35, 61.7, 22.4, 18, 40.1, 55.5, 12.3, 29.9, 33.3, 44, 27.6])]
                )),
            .chart(
                Chart(
                    kind: .groupedBar, title: "Revenue by year (EUR m)", categories: peers,
                    series: [
                        Chart.Series(name: "2022", values: [40, 30, 50, 20, 15, 35, 50, 10, 25, 30, 40, 25]),
                        Chart.Series(name: "2023", values: [44, 33, 56, 21, 17, 38, 53, 11, 28, 31, 42, 26]),
                        Chart.Series(name: "2024", values: [48.2, 35, 61.7, 22.4, 18, 40.1, 55.5, 12.3, 29.9, 33.3, 44, 27.6]),
                    ]
                )),
            .chart(
                Chart(
                    kind: .line, title: "Monthly active customers (thousands)", categories: months,
                    series: [
                        Chart.Series(name: "Zoë Café Ünïcode", values: [12, 13, 15, 14, 16, 18, 19, 21, 20, 22, 24, 25]),
                        Chart.Series(name: "Αθηνά Λόγος", values: [10, 11, 11, 12, 13, 13, 14, 15, 15, 16, 16, 17]),
                        Chart.Series(name: "Жёлтый Дом", values: [8, 9, 12, 11, 10, 12, 15, 14, 16, 15, 17, 19]),
                    ]
                )),
            .heading(level: 1, text: "All figures"),
            .heading(level: 3, text: "Table of quarterly values"),
            .table(longTable),
            .heading(level: 2, text: "Peers"),
            .bulletList(peers.map { [.text($0)] }),
        ],
        author: "Bulletin Research"
    )
}

/// Values as the fixture's table prints them, with one decimal.
enum LaTeXFixturesNumber {
    static func text(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
