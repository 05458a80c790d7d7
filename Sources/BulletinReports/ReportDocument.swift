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

    /// What the "changes" part says when there are none.
    public var noChangesSentence: String {
        isFirstReport ? "This is the project's first report." : "Nothing changed since the last report."
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
