import BulletinCore
import Foundation

/// What a report states, computed from a project's participants and what their pages said:
/// numeric attributes ranked and normalised, who has which feature, a score per participant
/// with its reasons, and what changed since the project's previous report. The writer states
/// only what is here.
public struct Analysis: Codable, Sendable, Hashable {
    /// The participants' names, the subject first.
    public var participants: [String]
    public var numbers: [NumberComparison]
    /// Text attributes, side by side (missing values are absent).
    public var texts: [String: [String: String]]
    public var features: [FeatureComparison]
    public var scores: [Score]
    /// Whether there was no previous report to compare with.
    public var isFirstReport: Bool
    /// What changed since the previous report; empty for a first report, or when nothing did.
    public var changes: [String]
}

/// One numeric attribute across participants.
public struct NumberComparison: Codable, Sendable, Hashable {
    public var name: String
    /// Lower is better (prices, costs, fees); otherwise higher is.
    public var lowerIsBetter: Bool
    public var values: [String: Double]
    /// 1 for the best; ties share a rank.
    public var ranks: [String: Int]
    /// 0 for the worst to 1 for the best.
    public var normalised: [String: Double]
}

/// One feature, and who has it.
public struct FeatureComparison: Codable, Sendable, Hashable {
    public var name: String
    public var holders: [String]
}

/// A participant's standing, from 0 to 100, and why.
public struct Score: Codable, Sendable, Hashable {
    public var participant: String
    public var value: Int
    public var reasons: [String]
}

/// A participant as the analysis sees it: its project entry and, when its page was read, the facts.
public struct AnalysisInput: Sendable {
    public var participant: Participant
    public var page: PageFacts?

    public init(participant: Participant, page: PageFacts?) {
        self.participant = participant
        self.page = page
    }
}

/// Computes an ``Analysis``; deterministic for the same inputs.
public enum Analyser {
    /// The lowest price each page shows, compared across the pages that show one.
    static let pagePrice = "price (from website)"

    /// Analyses the subject (first) and its peers, comparing with the previous analysis if any.
    public static func analyse(_ inputs: [AnalysisInput], previous: Analysis?) -> Analysis {
        let names = inputs.map(\.participant.name)
        var numbers: [String: [String: Double]] = [:]
        var texts: [String: [String: String]] = [:]
        var features: [String: (name: String, holders: Set<String>)] = [:]
        func add(feature: String, to participant: String) {
            let key = feature.lowercased()
            features[key, default: (feature, [])].holders.insert(participant)
        }
        for input in inputs {
            let name = input.participant.name
            for (attribute, value) in input.participant.attributes {
                switch value {
                case .number(let number): numbers[attribute, default: [:]][name] = number
                case .text(let text): texts[attribute, default: [:]][name] = text
                case .boolean(true): add(feature: attribute, to: name)
                case .boolean(false): break
                }
            }
            if let page = input.page {
                if let lowest = page.prices.map(\.amount).filter({ $0 > 0 }).min() {
                    numbers[pagePrice, default: [:]][name] = lowest
                }
                for feature in page.features { add(feature: feature, to: name) }
            }
        }
        let comparisons = numbers.keys.sorted().compactMap { comparison(named: $0, values: numbers[$0]!) }
        let featureList = features.values
            .map { FeatureComparison(name: $0.name, holders: names.filter($0.holders.contains)) }
            .sorted { ($0.holders.count, $1.name) > ($1.holders.count, $0.name) }
        let scores = names.map { score(of: $0, among: names, numbers: comparisons, features: featureList) }
        var analysis = Analysis(
            participants: names, numbers: comparisons, texts: texts, features: featureList, scores: scores,
            isFirstReport: previous == nil, changes: [])
        if let previous { analysis.changes = changes(from: previous, to: analysis) }
        return analysis
    }

    static func lowerIsBetter(_ attribute: String) -> Bool {
        let name = attribute.lowercased()
        return ["price", "cost", "fee", "latency", "delay"].contains { name.contains($0) }
    }

    /// A comparison when at least two participants give the attribute.
    private static func comparison(named name: String, values: [String: Double]) -> NumberComparison? {
        guard values.count >= 2, let low = values.values.min(), let high = values.values.max() else { return nil }
        let lower = lowerIsBetter(name)
        var ranks: [String: Int] = [:]
        var normalised: [String: Double] = [:]
        for (participant, value) in values {
            ranks[participant] = 1 + values.values.filter { lower ? $0 < value : $0 > value }.count
            // Halved first (exactly), so that the span of the document's extreme numbers, such as
            // -1.7e308 and 1.7e308, stays finite instead of becoming an infinity and then NaN.
            let position = high == low ? 1 : (value / 2 - low / 2) / (high / 2 - low / 2)
            normalised[participant] = lower ? 1 - position : position
        }
        return NumberComparison(name: name, lowerIsBetter: lower, values: values, ranks: ranks, normalised: normalised)
    }

    /// 60 points from the numeric attributes (the mean of its normalised values) and 40 from
    /// the share of all features it has; with only one kind of evidence, that kind counts alone.
    private static func score(
        of participant: String, among names: [String], numbers: [NumberComparison], features: [FeatureComparison]
    ) -> Score {
        var reasons: [String] = []
        let measured = numbers.compactMap { comparison -> Double? in
            guard let value = comparison.normalised[participant], let rank = comparison.ranks[participant] else { return nil }
            if rank == 1 {
                reasons.append("best \(comparison.name) (\(format(comparison.values[participant]!)))")
            } else if rank == comparison.values.count {
                reasons.append("worst \(comparison.name) (\(format(comparison.values[participant]!)))")
            }
            return value
        }
        let held = features.filter { $0.holders.contains(participant) }
        let unique = held.filter { $0.holders.count == 1 }
        if !unique.isEmpty {
            reasons.append("only one with \(unique.prefix(3).map(\.name).joined(separator: ", "))")
        }
        let missing = features.filter { $0.holders.count == names.count - 1 && !$0.holders.contains(participant) }
        if !missing.isEmpty {
            reasons.append("only one without \(missing.prefix(3).map(\.name).joined(separator: ", "))")
        }
        let numberPart = measured.isEmpty ? nil : measured.reduce(0, +) / Double(measured.count)
        let featurePart = features.isEmpty ? nil : Double(held.count) / Double(features.count)
        let value: Double =
            switch (numberPart, featurePart) {
            case (let number?, let feature?): number * 60 + feature * 40
            case (let number?, nil): number * 100
            case (nil, let feature?): feature * 100
            case (nil, nil): 50
            }
        return Score(participant: participant, value: Int(value.rounded()), reasons: reasons)
    }

    /// What differs from the previous analysis: participants, scores, values and features.
    private static func changes(from previous: Analysis, to current: Analysis) -> [String] {
        var changes: [String] = []
        for name in current.participants where !previous.participants.contains(name) { changes.append("\(name) was added") }
        for name in previous.participants where !current.participants.contains(name) { changes.append("\(name) was removed") }
        let before = Dictionary(uniqueKeysWithValues: previous.scores.map { ($0.participant, $0.value) })
        for score in current.scores {
            if let old = before[score.participant], old != score.value {
                changes.append("\(score.participant)'s score went \(score.value > old ? "up" : "down") from \(old) to \(score.value)")
            }
        }
        let oldNumbers = Dictionary(uniqueKeysWithValues: previous.numbers.map { ($0.name, $0.values) })
        for comparison in current.numbers {
            for name in current.participants {
                if let new = comparison.values[name], let old = oldNumbers[comparison.name]?[name], new != old {
                    changes.append("\(name)'s \(comparison.name) changed from \(format(old)) to \(format(new))")
                }
            }
        }
        let oldFeatures = Dictionary(uniqueKeysWithValues: previous.features.map { ($0.name.lowercased(), Set($0.holders)) })
        for feature in current.features {
            let old = oldFeatures[feature.name.lowercased()] ?? []
            for name in feature.holders where !old.contains(name) && previous.participants.contains(name) {
                changes.append("\(name) now has \(feature.name)")
            }
        }
        let newFeatures = Dictionary(uniqueKeysWithValues: current.features.map { ($0.name.lowercased(), Set($0.holders)) })
        for feature in previous.features {
            for name in feature.holders
            where current.participants.contains(name) && !(newFeatures[feature.name.lowercased()] ?? []).contains(name) {
                changes.append("\(name) no longer has \(feature.name)")
            }
        }
        return changes
    }

    /// A number as a person writes it: no trailing ".0", at most two decimals; from 10¹⁵ on
    /// (beyond what an `Int` surely holds) in exponent notation, such as `1.7e+308`.
    static func format(_ value: Double) -> String {
        guard abs(value) < 1e15 else { return String(format: "%g", value) }
        return value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }
}
