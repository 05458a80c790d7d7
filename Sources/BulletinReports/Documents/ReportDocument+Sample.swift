import Foundation

extension ReportDocument {
    /// A comparative report of the demo's shape — a subject and `peers` others, 40 features,
    /// a score chart and three price charts — with names in several scripts. It is what
    /// `bulletin bench documents` renders, and what document tests read back.
    public static func sample(peers: Int = 12, generatedAt: Date = Date(timeIntervalSince1970: 1_796_000_000)) -> ReportDocument {
        let names = ["Inkwell Notes", "Zoë Café Ünïcode", "Αθηνά Λόγος", "Жёлтый Дом"] + (1...max(peers, 3)).map { "Peer Tool \($0)" }
        let participants = Array(names.prefix(peers + 1))
        let features = (1...40).map { "Feature \($0): " + ["offline sync", "sharing", "export to PDF", "templates", "tags"][$0 % 5] }
        let sections = participants.enumerated().map { index, name in
            ReportSection(
                heading: name,
                strengths: (1...4).map { "\(name) offers \(features[($0 * 7 + index) % features.count].lowercased()) on every plan." },
                weaknesses: (1...3).map { "\(name) lacks \(features[($0 * 11 + index) % features.count].lowercased())." },
                pricing: "\(name) costs \(8 + index * 2) USD a month, \(index % 2 == 0 ? "below" : "above") the median of the others.")
        }
        let matrix = FeatureMatrix(
            participants: participants,
            rows: features.enumerated().map { row, feature in
                .init(feature: feature, has: participants.indices.map { ($0 * 3 + row) % 4 != 0 })
            })
        let score = BarChart(
            title: "Overall score", bars: participants.enumerated().map { .init(label: $1, value: Double(60 + ($0 * 17) % 40)) })
        let prices = ["Monthly price (USD)", "Yearly price (USD)", "Price per seat (USD)"].enumerated().map { chart, title in
            BarChart(
                title: title,
                bars: participants.enumerated().map { .init(label: $1, value: Double(8 + $0 * 2) * [1, 10, 0.75][chart]) })
        }
        return ReportDocument(
            title: "Inkwell Notes compared with \(peers) peers", generatedAt: generatedAt,
            summary: [
                "Inkwell Notes leads on offline sync and export, and trails on sharing.",
                "Prices run from 8 to \(8 + peers * 2) USD a month; Inkwell Notes sits below the median.",
                "Names in Greek (Αθηνά Λόγος), Cyrillic (Жёлтый Дом) and accented Latin (Zoë Café Ünïcode) are kept as written.",
            ],
            sections: sections, matrix: matrix, charts: [score] + prices, isFirstReport: false,
            changes: (1...5).map { "Peer Tool \($0) changed its price." },
            notes: ["The page of Peer Tool 9 answered slowly.", "Prices are read from public pages."])
    }
}
