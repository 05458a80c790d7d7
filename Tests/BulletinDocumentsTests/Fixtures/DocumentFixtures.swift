import BulletinDocuments
import Foundation

/// Documents the renderers' tests (and the DOCX benchmark) draw.
enum DocumentFixtures {
    /// Markup, quotes, entities, CDATA's end and control characters (which XML cannot carry).
    static let hostile = "<script>alert(\"x & y\")</script> 'quoted' ]]> &amp; \u{0}\u{1}\u{B}\u{1F}end"
    /// What of `hostile` any reader should get back: all of it but the control characters.
    static let hostileAsRead = "<script>alert(\"x & y\")</script> 'quoted' ]]> &amp; end"

    /// The subject and its 12 peers, with Latin accents, Greek and Cyrillic among them.
    static let peers = [
        "Northwind Traders", "Zoë Café Ünïcode", "Αθηνά Λόγος", "Жёлтый Дом", "Contoso Ltd", "Fabrikam",
        "Tailspin Toys", "Adventure Works", "Wide World Importers", "Litware", "Proseware", "Lucerne Publishing",
    ]

    /// A comparative report of about 13 pages: cover, 12 sections with lists and links, a 60-row
    /// table with numeric columns, a bar, a grouped bar and a line chart, key figures, a page break.
    static let report: Document = {
        var blocks: [Block] = [
            .heading(level: 1, text: "Summary"),
            .keyFigures([
                KeyFigure(label: "Peers compared", value: "12"), KeyFigure(label: "Mentions this quarter", value: "4,812"),
                KeyFigure(label: "Share of voice", value: "18.4%"), KeyFigure(label: "Sentiment", value: "+0.31"),
                KeyFigure(label: "Sources", value: "236"),
            ]),
            .paragraph([
                .text("Acme Corporation was compared with "), .strong("12 peers"), .text(" over the quarter; see "),
                .link(text: "the method", url: "https://bulletin.example/method?a=1&b=2"), .text(" and "),
                .emphasis("the notes below"), .text(". Questions: "), .link(text: "write to us", url: "mailto:team@bulletin.example"),
                .text(". Unsafe: "), .link(text: "not a link", url: "javascript:alert(1)"), .text("."),
            ]),
            .paragraph([.text(hostile)]),
            .chart(
                Chart(
                    kind: .bar, title: "Mentions by peer", categories: peers,
                    series: [
                        Chart.Series(name: "Mentions", values: peers.indices.map { Double(120 + ($0 * 37) % 210) }),
                        Chart.Series(name: "Ignored by a bar chart", values: peers.indices.map { Double($0) }),
                    ])),
            .pageBreak,
        ]
        for section in 1...12 {
            blocks.append(.heading(level: 1, text: "Section \(section): \(peers[section - 1])"))
            blocks.append(
                .paragraph([
                    .text("How \(peers[section - 1]) compares on reach, tone and topics. "),
                    .emphasis("Figures are for the quarter."), .text(" "), .strong("Highlights"), .text(" follow."),
                ]))
            blocks.append(.heading(level: 2, text: "Highlights \(section)"))
            blocks.append(
                .bulletList(
                    (1...5).map { item in
                        [
                            .text("Point \(item) about "), .strong(peers[(section + item) % peers.count]), .text(": "),
                            .link(text: "source \(item)", url: "https://news.example/\(section)/\(item)"),
                        ]
                    }))
            blocks.append(.paragraph([.text(String(repeating: "Coverage grew steadily through the period. ", count: 12))]))
            if section == 3 {
                blocks.append(.heading(level: 2, text: "Mentions by week"))
                blocks.append(.table(weeklyTable))
            }
            if section == 5 {
                blocks.append(
                    .chart(
                        Chart(
                            kind: .groupedBar, title: "Tone by peer", categories: Array(peers.prefix(6)),
                            series: [
                                Chart.Series(name: "Positive", values: [42, 38, 51, 29, 33, 47]),
                                Chart.Series(name: "Neutral", values: [31, 40, 22, 45, 38, 30]),
                                Chart.Series(name: "Negative", values: [12, 9.5, 14, 21, 8, 11.25]),
                            ])))
            }
            if section == 7 {
                blocks.append(
                    .chart(
                        Chart(
                            kind: .line, title: "Weekly mentions", categories: (1...13).map { "W\($0)" },
                            series: [
                                Chart.Series(name: "Acme", values: (0..<13).map { 300 + Double(($0 * 53) % 90) }),
                                Chart.Series(name: "Αθηνά Λόγος", values: (0..<13).map { 220 + Double(($0 * 31) % 120) }),
                                Chart.Series(name: "Жёлтый Дом", values: (0..<13).map { 180 + Double(($0 * 17) % 70) }),
                            ])))
            }
            if section == 9 {
                blocks.append(
                    .chart(
                        Chart(
                            kind: .bar, title: "Sources per peer", categories: Array(peers.suffix(5)),
                            series: [
                                Chart.Series(name: "Sources", values: [14, 22, 9, 31, 18])
                            ])))
            }
        }
        let cover = Cover(
            title: "Competitive landscape: Q1 2025", subject: "Acme Corporation compared with 12 peers",
            date: Date(timeIntervalSince1970: 1_740_787_200), workspace: "Market Intelligence")
        return Document(cover: cover, blocks: blocks, author: "Bulletin Analyst")
    }()

    /// 60 rows: week, peer, mentions and share (both trailing, numeric).
    static let weeklyTable = Table(
        columns: [
            Table.Column("Week"), Table.Column("Peer"), Table.Column("Mentions", alignment: .trailing),
            Table.Column("Share", alignment: .trailing),
        ],
        rows: (0..<60).map { row in
            ["W\(row / 12 + 1)", peers[row % peers.count], String(100 + (row * 47) % 400), "\(5 + (row * 7) % 20).\(row % 10)%"]
        },
        caption: "Table 1. Mentions by week and peer")
}
