/// The names a template may use: fields (dotted paths), lists with the vocabulary of their items,
/// and charts. A template using any other name is refused when it is uploaded, so a typo is found
/// by its author rather than printing nothing in every report.
///
/// ```swift
/// let vocabulary = TemplateVocabulary(
///     fields: ["project.name", "date"],
///     lists: ["peers": TemplateVocabulary(fields: ["name", "score"], lists: ["strengths": .values])],
///     charts: ["scores"])
/// ```
public struct TemplateVocabulary: Sendable, Hashable {
    /// Dotted paths a field tag may name, such as `project.name`.
    public var fields: Set<String>
    /// Lists a loop may repeat over, each with what its items offer.
    public var lists: [String: TemplateVocabulary]
    /// Names a `{{chart:NAME}}` tag may use.
    public var charts: Set<String>
    /// Whether the items are plain values (text or numbers), so that `{{.}}` prints an item.
    public var itemsAreValues: Bool

    /// A vocabulary; each part defaults to empty.
    public init(
        fields: Set<String> = [], lists: [String: TemplateVocabulary] = [:], charts: Set<String> = [], itemsAreValues: Bool = false
    ) {
        self.fields = fields
        self.lists = lists
        self.charts = charts
        self.itemsAreValues = itemsAreValues
    }

    /// The items of a list of text or numbers: `{{.}}` is the only name they offer.
    public static let values = TemplateVocabulary(itemsAreValues: true)
}

extension TemplateVocabulary {
    /// The vocabulary of a Bulletin comparative report whose charts are `charts`.
    ///
    /// Fields: `project.name`, `project.description`, `workspace`, `title`, `date`, `subject`, and
    /// `summary` (paragraphs joined by line breaks). Lists: `peers` (items with `name`, `score`,
    /// `pricing`, and the lists of text `strengths` and `weaknesses`), `features` (items with
    /// `feature`, and `participants`: who has it, joined with commas), and the lists of text
    /// `changes` and `notes`.
    public static func report(chartNames charts: Set<String>) -> TemplateVocabulary {
        TemplateVocabulary(
            fields: ["project.name", "project.description", "workspace", "title", "date", "summary", "subject"],
            lists: [
                "peers": TemplateVocabulary(
                    fields: ["name", "score", "pricing"], lists: ["strengths": .values, "weaknesses": .values]),
                "features": TemplateVocabulary(fields: ["feature", "participants"]),
                "changes": .values,
                "notes": .values,
            ],
            charts: charts)
    }

    /// ``report(chartNames:)`` with the charts every comparative report has, `scores` and `prices`.
    public static let report = report(chartNames: ["scores", "prices"])
}
