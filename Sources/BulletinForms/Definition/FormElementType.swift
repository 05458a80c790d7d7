/// What an element of a form is: a field that takes an answer, a container, or static text.
///
/// The raw values are the `type` written in a definition (and read by the browser's builder
/// and renderer, `forms.js`).
public enum FormElementType: String, Sendable, CaseIterable, Codable {
    // Text
    case text, textarea, email, url, phone
    // Numbers
    case number, integer, currency, percentage, rating, slider
    // Dates and times
    case date, time, datetime
    // Choices
    case radio, select, checkboxes, multiselect, toggle, matrix
    // Values the respondent does not type
    case computed, hidden, file, consent
    // Static text
    case heading, paragraph
    // Containers
    case panel, `repeat`

    /// Whether an answer is stored under the element's key.
    public var holdsAnswer: Bool {
        switch self {
        case .heading, .paragraph, .panel: false
        default: true
        }
    }

    /// Whether the element contains other elements.
    public var isContainer: Bool { self == .panel || self == .repeat }

    /// Whether the respondent's input is ignored (the server sets the value).
    public var isServerValued: Bool { self == .computed }

    /// Whether the answer is a number.
    public var isNumeric: Bool {
        switch self {
        case .number, .integer, .currency, .percentage, .rating, .slider: true
        default: false
        }
    }

    /// Whether the answer is one of the element's options.
    public var isSingleChoice: Bool { self == .radio || self == .select }

    /// Whether the answer is a list of the element's options.
    public var isMultipleChoice: Bool { self == .checkboxes || self == .multiselect }

    /// Whether the element needs `options`.
    public var needsOptions: Bool { isSingleChoice || isMultipleChoice || self == .matrix }
}
