/// The data a template is filled from: text, numbers, lists and objects, as a report provides them.
///
/// ```swift
/// let data: TemplateValue = .object([
///     "project": .object(["name": .text("Atlas")]),
///     "peers": .list([.object(["name": .text("Acme"), "score": .number(82)])]),
/// ])
/// ```
public indirect enum TemplateValue: Sendable, Hashable {
    case text(String)
    case number(Double)
    case list([TemplateValue])
    case object([String: TemplateValue])
    /// No value: a field prints nothing and a loop repeats zero times.
    case missing

    /// The value at a dotted path such as `project.name`, or `nil` when some step is absent.
    public func value(at path: some StringProtocol) -> TemplateValue? {
        var current = self
        for key in path.split(separator: ".") {
            guard case .object(let fields) = current, let next = fields[String(key)] else { return nil }
            current = next
        }
        return current
    }

    /// The value as a field prints it: numbers as charts label them (whole numbers without
    /// decimals), lists as their items joined with ", ", objects and missing values as nothing.
    public var displayText: String {
        switch self {
        case .text(let text): text
        case .number(let number): Chart.label(for: number)
        case .list(let items): items.map(\.displayText).filter { !$0.isEmpty }.joined(separator: ", ")
        case .object, .missing: ""
        }
    }

    /// The items a loop repeats over: a list's items, none for a missing value or an empty text,
    /// and the value itself, once, otherwise (so `{{#note}}…{{/note}}` shows a section only when there is a note).
    var loopItems: [TemplateValue] {
        switch self {
        case .list(let items): items
        case .missing: []
        case .text(let text): text.isEmpty ? [] : [self]
        case .number, .object: [self]
        }
    }
}
