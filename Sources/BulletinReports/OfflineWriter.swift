import BulletinCore
import Foundation

/// Writes a report's narrative from its analysis. AI writers plug in behind the same protocol.
public protocol ReportWriter: Sendable {
    func write(project: ProjectDraft, analysis: Analysis, notes: [String], at date: Date) async throws -> ReportDocument
}

/// The built-in writer: deterministic prose that states only what the analysis holds, with
/// no network and no model.
public struct OfflineWriter: ReportWriter {
    public init() {}

    public func write(project: ProjectDraft, analysis: Analysis, notes: [String], at date: Date) async throws -> ReportDocument {
        let ranked = analysis.scores.sorted { ($0.value, $1.participant) > ($1.value, $0.participant) }
        return ReportDocument(
            title: project.name, generatedAt: date,
            summary: summary(project: project, analysis: analysis, ranked: ranked),
            sections: analysis.participants.map { section(for: $0, analysis: analysis) },
            matrix: FeatureMatrix(
                participants: analysis.participants,
                rows: analysis.features.map { feature in
                    FeatureMatrix.Row(feature: feature.name, has: analysis.participants.map(feature.holders.contains))
                }),
            charts: charts(analysis: analysis, ranked: ranked),
            isFirstReport: analysis.isFirstReport, changes: analysis.changes, notes: notes)
    }

    private func summary(project: ProjectDraft, analysis: Analysis, ranked: [Score]) -> [String] {
        let subject = project.subject.name
        var paragraphs = ["This report compares \(subject) with \(Self.list(project.peers.map(\.name)))."]
        if let leader = ranked.first {
            var standing = "By overall score, \(leader.participant) leads with \(leader.value) of 100"
            let followers = ranked.dropFirst().map { "\($0.participant) (\($0.value))" }
            if !followers.isEmpty { standing += ", followed by \(Self.list(followers))" }
            paragraphs.append(standing + ".")
            if let position = ranked.firstIndex(where: { $0.participant == subject }), leader.participant != subject {
                paragraphs.append("\(subject) ranks \(position + 1) of \(ranked.count).")
            }
        }
        for comparison in analysis.numbers where comparison.lowerIsBetter {
            let order = comparison.values.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
            guard let lowest = order.first, let highest = order.last else { continue }
            var sentence =
                "On \(comparison.name), \(lowest.key) is lowest at \(Analyser.format(lowest.value)) and \(highest.key) highest at \(Analyser.format(highest.value))"
            if let own = comparison.values[subject], lowest.key != subject, highest.key != subject {
                sentence += "; \(subject) is at \(Analyser.format(own))"
            }
            paragraphs.append(sentence + ".")
        }
        let everyone = analysis.features.filter { $0.holders.count == analysis.participants.count }
        if !everyone.isEmpty {
            paragraphs.append("All of them offer \(Self.list(everyone.prefix(5).map(\.name))).")
        }
        let own = analysis.features.filter { $0.holders == [subject] }
        if !own.isEmpty {
            paragraphs.append("Only \(subject) offers \(Self.list(own.prefix(5).map(\.name))).")
        }
        return paragraphs
    }

    private func section(for participant: String, analysis: Analysis) -> ReportSection {
        var strengths: [String] = []
        var weaknesses: [String] = []
        for comparison in analysis.numbers {
            guard let rank = comparison.ranks[participant], let value = comparison.values[participant] else { continue }
            let shown = Analyser.format(value)
            if rank == 1 {
                strengths.append("\(comparison.lowerIsBetter ? "Lowest" : "Highest") \(comparison.name): \(shown)")
            } else if rank == comparison.values.count {
                weaknesses.append("\(comparison.lowerIsBetter ? "Highest" : "Lowest") \(comparison.name): \(shown)")
            }
        }
        let count = analysis.participants.count
        for feature in analysis.features {
            if feature.holders == [participant] { strengths.append("The only one with \(feature.name)") }
            if count > 2, feature.holders.count == count - 1, !feature.holders.contains(participant) {
                weaknesses.append("The only one without \(feature.name)")
            }
        }
        let prices = analysis.numbers.filter { $0.lowerIsBetter && $0.values[participant] != nil }
        let pricing = prices.first.map { comparison in
            let rank = comparison.ranks[participant]!
            let position =
                rank == 1 ? "the lowest" : rank == comparison.values.count ? "the highest" : "number \(rank) from the lowest"
            return
                "At \(Analyser.format(comparison.values[participant]!)), its \(comparison.name) is \(position) of \(comparison.values.count)."
        }
        return ReportSection(heading: participant, strengths: strengths, weaknesses: weaknesses, pricing: pricing)
    }

    private func charts(analysis: Analysis, ranked: [Score]) -> [BarChart] {
        var charts = [BarChart(title: "Overall score", bars: ranked.map { .init(label: $0.participant, value: Double($0.value)) })]
        for comparison in analysis.numbers where comparison.lowerIsBetter {
            charts.append(
                BarChart(
                    title: comparison.name.prefix(1).uppercased() + comparison.name.dropFirst(),
                    bars: analysis.participants.compactMap { name in comparison.values[name].map { .init(label: name, value: $0) } }))
        }
        return charts
    }

    /// "A", "A and B", "A, B and C".
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: ""
        case 1: items[0]
        default: items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }
}
