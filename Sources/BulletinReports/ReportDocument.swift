import Foundation

/// A report's content, whatever format it is rendered to: Markdown, HTML or JSON.
public struct ReportDocument: Codable, Sendable, Hashable {
    public var title: String
    public var generatedAt: Date
    /// The executive summary, a paragraph each.
    public var summary: [String]
    /// One per participant, the subject first.
    public var sections: [ReportSection]
    /// Features down the side, participants across.
    public var matrix: FeatureMatrix
    public var charts: [BarChart]
    /// Whether there was no previous report to compare with.
    public var isFirstReport: Bool
    /// What changed since the previous report; empty on the first, or when nothing did.
    public var changes: [String]
    /// What the report could not read, such as a page that failed.
    public var notes: [String]
    /// Who wrote each part, when language models were asked to; `nil` for a report written
    /// offline with no model configured.
    public var authorship: [Authorship]?

    /// The lines of "How this report was written": each part's writer, and why any writer
    /// before it did not write it.
    public var authorshipLines: [String] {
        (authorship ?? []).map { entry in
            "\(entry.part): \(entry.writer)" + (entry.fallbacks.isEmpty ? "" : " (after \(entry.fallbacks.joined(separator: "; ")))")
        }
    }

    /// What the "changes" part says when there are none.
    public var noChangesSentence: String {
        isFirstReport ? "This is the project's first report." : "Nothing changed since the last report."
    }
}

/// Who wrote one part of a report, and why the writers before it did not.
public struct Authorship: Codable, Sendable, Hashable {
    /// "Summary", or a participant's name.
    public var part: String
    /// The provider and model (`OpenAI gpt-4o-mini`), or `Offline writer`.
    public var writer: String
    /// Why each earlier writer did not write it, such as `OpenAI gpt-4o-mini: HTTP 503 after 3 calls`.
    public var fallbacks: [String]

    public init(part: String, writer: String, fallbacks: [String]) {
        self.part = part
        self.writer = writer
        self.fallbacks = fallbacks
    }
}

/// What a report says about one participant.
public struct ReportSection: Codable, Sendable, Hashable {
    public var heading: String
    public var strengths: [String]
    public var weaknesses: [String]
    /// Where its prices stand among the others, when any price was compared.
    public var pricing: String?
}

/// Who has which feature.
public struct FeatureMatrix: Codable, Sendable, Hashable {
    public var participants: [String]
    public var rows: [Row]

    public struct Row: Codable, Sendable, Hashable {
        public var feature: String
        /// One per participant, in the same order.
        public var has: [Bool]
    }
}

/// A horizontal bar chart: scores, or a price across participants.
public struct BarChart: Codable, Sendable, Hashable {
    public var title: String
    public var bars: [Bar]

    public struct Bar: Codable, Sendable, Hashable {
        public var label: String
        public var value: Double
    }
}
