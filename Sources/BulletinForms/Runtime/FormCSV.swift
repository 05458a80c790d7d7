import BulletinCore
import Foundation

/// Submissions as CSV: one row per submission, one column per field in reading order after the
/// submission's own columns. Lists are joined by "; ", repeatable groups and matrices are
/// their JSON, and typed text is made inert for spreadsheets.
public enum FormCSV {
    /// One submission as the table needs it.
    public struct Row: Sendable {
        public let id: String
        public let submittedAt: Date
        public let version: Int
        public let respondent: String
        public let answers: [String: JSONValue]

        public init(id: String, submittedAt: Date, version: Int, respondent: String, answers: [String: JSONValue]) {
            self.id = id
            self.submittedAt = submittedAt
            self.version = version
            self.respondent = respondent
            self.answers = answers
        }
    }

    /// The field columns: the latest definition's top-level keys in reading order (keys inside
    /// repeatable groups are inside their group's column), then keys only older versions had.
    public static func columns(latest: FormDefinition, older: [FormDefinition] = []) -> [String] {
        var columns = topLevelKeys(latest)
        for definition in older {
            for key in topLevelKeys(definition) where !columns.contains(key) { columns.append(key) }
        }
        return columns
    }

    /// The header line: `id`, `submitted_at`, `version`, `respondent`, then the field columns.
    public static func header(columns: [String]) -> String {
        CSVText.line(["id", "submitted_at", "version", "respondent"] + columns)
    }

    /// One submission's line.
    public static func line(_ row: Row, columns: [String]) -> String {
        let fields = columns.map { key in row.answers[key].map(text) ?? "" }
        return CSVText.line(
            [row.id, row.submittedAt.formatted(.iso8601), String(row.version), CSVText.inert(row.respondent)] + fields)
    }

    private static func topLevelKeys(_ definition: FormDefinition) -> [String] {
        definition.fieldOrder.filter { definition.groupOf[$0] == nil }
    }

    private static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .string(let text): CSVText.inert(text)
        case .bool(let flag): flag ? "yes" : "no"
        case .number: LogicCoercion.text(value)
        case .array(let items) where items.allSatisfy({ $0.stringValue != nil }):
            CSVText.inert(items.compactMap(\.stringValue).joined(separator: "; "))
        case .array, .object: CSVText.inert(value.jsonText())
        }
    }
}
