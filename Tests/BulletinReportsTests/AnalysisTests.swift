import BulletinCore
import Testing

@testable import BulletinReports

@Suite("Analysis")
struct AnalysisTests {
    static func page(features: [String] = [], prices: [Double] = []) -> PageFacts {
        var page = PageFacts()
        page.features = features
        page.prices = prices.map { Price(amount: $0, currency: "USD", text: "$\($0)") }
        return page
    }

    static let inputs = [
        AnalysisInput(
            participant: Participant(name: "Inkwell", attributes: ["price": .number(8), "rating": .number(4.5), "sync": .boolean(true)]),
            page: page(features: ["Offline mode", "Encryption"])),
        AnalysisInput(
            participant: Participant(name: "Bear", attributes: ["price": .number(10), "rating": .number(4.8), "region": .text("EU")]),
            page: page(features: ["Offline mode", "Markdown export"], prices: [19, 9])),
        AnalysisInput(
            participant: Participant(name: "Obsidian", attributes: ["rating": .number(4.1), "sync": .boolean(false)]),
            page: page(features: ["offline MODE"], prices: [0, 4, 12])),
    ]

    @Test("numbers are ranked the right way round and normalised; page prices fill in a missing price")
    func numbers() {
        let analysis = Analyser.analyse(Self.inputs, previous: nil)
        #expect(analysis.participants == ["Inkwell", "Bear", "Obsidian"])
        let price = try! #require(analysis.numbers.first { $0.name == "price" })
        #expect(price.lowerIsBetter)
        #expect(price.ranks == ["Inkwell": 1, "Bear": 2])
        #expect(price.normalised == ["Inkwell": 1, "Bear": 0])
        let rating = try! #require(analysis.numbers.first { $0.name == "rating" })
        #expect(!rating.lowerIsBetter)
        #expect(rating.ranks == ["Bear": 1, "Inkwell": 2, "Obsidian": 3])
        // The lowest non-zero price on each page that shows prices, compared across those pages.
        let pagePrice = try! #require(analysis.numbers.first { $0.name == Analyser.pagePrice })
        #expect(pagePrice.values == ["Bear": 9, "Obsidian": 4])
        #expect(pagePrice.ranks == ["Obsidian": 1, "Bear": 2])
        #expect(analysis.texts["region"] == ["Bear": "EU"])
    }

    @Test("features are matched ignoring case; shared ones first; scores give reasons")
    func featuresAndScores() {
        let analysis = Analyser.analyse(Self.inputs, previous: nil)
        #expect(analysis.features.first == FeatureComparison(name: "Offline mode", holders: ["Inkwell", "Bear", "Obsidian"]))
        #expect(analysis.features.contains(FeatureComparison(name: "sync", holders: ["Inkwell"])))
        let scores = Dictionary(uniqueKeysWithValues: analysis.scores.map { ($0.participant, $0) })
        #expect(scores["Inkwell"]!.reasons.contains("best price (8)"))
        #expect(scores["Inkwell"]!.reasons.contains { $0.hasPrefix("only one with ") && $0.contains("Encryption") })
        #expect(scores["Obsidian"]!.reasons.contains("worst rating (4.10)"))
        #expect(analysis.scores.allSatisfy { (0...100).contains($0.value) })
        #expect(scores["Inkwell"]!.value > scores["Obsidian"]!.value)
        // The same inputs give the same analysis.
        #expect(Analyser.analyse(Self.inputs, previous: nil) == analysis)
    }

    @Test("the largest numbers a project may hold are compared and written without overflowing")
    func extremeNumbers() {
        let inputs = [
            AnalysisInput(participant: Participant(name: "Low", attributes: ["size": .number(-1.7e308)]), page: Self.page()),
            AnalysisInput(participant: Participant(name: "High", attributes: ["size": .number(1.7e308)]), page: Self.page()),
            AnalysisInput(participant: Participant(name: "Mid", attributes: ["size": .number(0)]), page: Self.page()),
        ]
        let analysis = Analyser.analyse(inputs, previous: nil)
        let size = try! #require(analysis.numbers.first { $0.name == "size" })
        #expect(size.normalised == ["Low": 0, "High": 1, "Mid": 0.5])
        #expect(analysis.scores.allSatisfy { (0...100).contains($0.value) })
        let scores = Dictionary(uniqueKeysWithValues: analysis.scores.map { ($0.participant, $0) })
        #expect(scores["High"]!.reasons.contains("best size (1.7e+308)"))
        #expect(Analyser.format(-2e15) == "-2e+15" && Analyser.format(999_999_999_999_999) == "999999999999999")
    }

    @Test("changes since the previous report: participants, values, features and scores")
    func changes() {
        let first = Analyser.analyse(Self.inputs, previous: nil)
        #expect(first.changes.isEmpty)
        var inputs = Self.inputs
        inputs[1].participant.attributes["price"] = .number(6)
        inputs[1].page?.features.append("Encryption")
        inputs.remove(at: 2)
        inputs.append(AnalysisInput(participant: Participant(name: "Notion", attributes: ["rating": .number(4.0)]), page: nil))
        let second = Analyser.analyse(inputs, previous: first)
        #expect(second.changes.contains("Notion was added"))
        #expect(second.changes.contains("Obsidian was removed"))
        #expect(second.changes.contains("Bear's price changed from 10 to 6"))
        #expect(second.changes.contains("Bear now has Encryption"))
        #expect(second.changes.contains { $0.hasPrefix("Bear's score went up") })
    }
}
