/// One element of a form definition, read from its JSON.
///
/// A definition is `{"pages": [{"title": …, "elements": [element, …]}]}`; an element is
/// `{"type": …, "key": …, "label": …, …}` and a `panel` or `repeat` has `elements` of its own.
/// Rules (`visibleIf`, `requiredIf`, `enabledIf`, `expression`, `checks[].rule`) are JSON Logic
/// over the answers by key.
public struct FormElement: Sendable, Hashable {
    public let type: FormElementType
    /// The answer's name; unique in the form. Static text and panels may go without one.
    public let key: String?
    public let label: String
    public let help: String?
    public let placeholder: String?
    /// The answer a new response starts with (for `hidden`, the value kept when none is sent).
    public let defaultValue: JSONValue?
    public let required: Bool
    public let visibleIf: JSONValue?
    public let requiredIf: JSONValue?
    public let enabledIf: JSONValue?
    /// A `computed` element's value, as a rule.
    public let expression: JSONValue?
    /// Cross-field checks: a rule that must hold, and the message shown when it does not.
    public let checks: [FormCheck]
    /// Choices (`radio`, `select`, `checkboxes`, `multiselect`; a `matrix`'s columns).
    public let options: [FormOption]
    /// A `matrix`'s rows.
    public let rows: [FormOption]
    /// Numbers: bounds and step; dates and times: bounds as ISO text in `minimumText`/`maximumText`;
    /// multiple choices and repeatable groups: the count of items.
    public let minimum: Double?
    public let maximum: Double?
    public let step: Double?
    public let minimumText: String?
    public let maximumText: String?
    public let minLength: Int?
    public let maxLength: Int?
    public let pattern: String?
    /// Elements inside a `panel` or `repeat`.
    public let elements: [FormElement]
    /// Where the element is in the definition, as a JSON pointer (for problems about it).
    public let pointer: String

    /// Every element at or below this one, depth first.
    public var descendants: [FormElement] {
        [self] + elements.flatMap(\.descendants)
    }

    /// The key, when the element holds an answer.
    public var answerKey: String? { type.holdsAnswer ? key : nil }
}

/// A cross-field check: `rule` must be true, else `message` is shown on the element.
public struct FormCheck: Sendable, Hashable {
    public let rule: JSONValue
    public let message: String
}

/// A choice: the stored value and the label shown.
public struct FormOption: Sendable, Hashable {
    public let value: String
    public let label: String
}

/// One page of a form.
public struct FormPage: Sendable, Hashable {
    public let title: String
    public let description: String?
    public let visibleIf: JSONValue?
    public let elements: [FormElement]
}
