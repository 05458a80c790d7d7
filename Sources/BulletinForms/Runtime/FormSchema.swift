/// The JSON Schema (2020-12) that a submission's answers must meet, derived from a definition
/// with its rules applied: only visible, enabled fields are described, and `required` lists the
/// fields that are required in this state. Each repeatable group's rows get a schema each, as
/// a row's rules may differ from the next one's.
public enum FormSchema {
    /// The schema of the answers for one evaluation.
    public static func schema(for definition: FormDefinition, evaluation: FormEvaluation) -> JSONValue {
        var index: [String: FormElementState] = [:]
        for state in evaluation.states { index[stateID(state.element, rows: state.rows)] = state }
        let topLevel = definition.fieldOrder.compactMap { definition.groupOf[$0] == nil ? definition.fields[$0] : nil }
        return objectSchema(topLevel, rows: [], values: evaluation.values, definition: definition, index: index)
    }

    private static func stateID(_ element: FormElement, rows: [Int]) -> String {
        element.pointer + rows.map { "#\($0)" }.joined()
    }

    private static func objectSchema(
        _ fields: [FormElement], rows: [Int], values: [String: JSONValue], definition: FormDefinition,
        index: [String: FormElementState]
    ) -> JSONValue {
        var properties: [String: JSONValue] = [:]
        var required: [JSONValue] = []
        for field in fields {
            guard let key = field.answerKey, let state = index[stateID(field, rows: rows)], state.visible, state.enabled,
                !field.type.isServerValued
            else { continue }
            if field.type == .repeat {
                let children = definition.fieldOrder.compactMap { definition.groupOf[$0] == key ? definition.fields[$0] : nil }
                let items = values[key]?.arrayValue ?? []
                let rowSchemas = items.indices.map { row in
                    objectSchema(
                        children, rows: rows + [row], values: items[row].objectValue ?? [:], definition: definition, index: index)
                }
                var group = constraints(of: field, required: state.required)
                group["prefixItems"] = .array(rowSchemas)
                properties[key] = .object(group)
            } else {
                properties[key] = .object(constraints(of: field, required: state.required))
            }
            if state.required { required.append(.string(key)) }
        }
        return ["type": "object", "properties": .object(properties), "required": .array(required)]
    }

    /// The schema of one field's answer.
    static func constraints(of field: FormElement, required: Bool) -> [String: JSONValue] {
        var schema: [String: JSONValue] = [:]
        func set(_ keyword: String, _ value: Double?) { if let value { schema[keyword] = .number(value) } }
        func count(_ keyword: String, _ value: Int?) { if let value { schema[keyword] = .number(Double(value)) } }
        switch field.type {
        case .text, .textarea, .phone, .email, .url, .file:
            schema["type"] = "string"
            count("minLength", field.minLength)
            count("maxLength", field.maxLength ?? (field.type == .textarea ? 10_000 : 1_000))
            if let pattern = field.pattern ?? textPattern[field.type] { schema["pattern"] = .string(pattern) }
        case .date, .time, .datetime:
            schema["type"] = "string"
            schema["pattern"] = textPattern[field.type].map(JSONValue.string)
        case .number, .currency, .percentage, .slider:
            schema["type"] = "number"
            set("minimum", field.minimum ?? (field.type == .percentage || field.type == .slider ? 0 : nil))
            set("maximum", field.maximum ?? (field.type == .percentage || field.type == .slider ? 100 : nil))
            if let step = field.step, step > 0, field.type == .slider { set("multipleOf", step) }
        case .integer, .rating:
            schema["type"] = "integer"
            set("minimum", field.minimum ?? (field.type == .rating ? 1 : nil))
            set("maximum", field.maximum ?? (field.type == .rating ? 5 : nil))
        case .radio, .select:
            schema["enum"] = .array(field.options.map { .string($0.value) })
        case .checkboxes, .multiselect:
            schema["type"] = "array"
            schema["items"] = ["enum": .array(field.options.map { .string($0.value) })]
            schema["uniqueItems"] = true
            set("minItems", field.minimum ?? (required ? 1 : nil))
            set("maxItems", field.maximum)
        case .toggle:
            schema["type"] = "boolean"
        case .consent:
            schema["type"] = "boolean"
            if required { schema["const"] = true }
        case .matrix:
            schema["type"] = "object"
            let columns = JSONValue.array(field.options.map { .string($0.value) })
            schema["properties"] = .object(Dictionary(uniqueKeysWithValues: field.rows.map { ($0.value, ["enum": columns]) }))
            schema["additionalProperties"] = false
            if required { schema["required"] = .array(field.rows.map { .string($0.value) }) }
        case .repeat:
            schema["type"] = "array"
            set("minItems", max(field.minimum ?? 0, required ? 1 : 0))
            set("maxItems", field.maximum ?? 200)
            schema["items"] = ["type": "object"]
        case .hidden, .computed, .heading, .paragraph, .panel:
            break
        }
        return schema
    }

    /// Patterns for text a browser's inputs produce: e-mail and web addresses, phone numbers,
    /// and the ISO forms of `<input type="date|time|datetime-local">`. Written with `[0-9]` and
    /// `(?![\s\S])` rather than `\d` and `$`: the server's regular expressions (ICU) read `\d` as
    /// any script's digit and let `$` match before a final line break, where JavaScript's do not.
    static let textPattern: [FormElementType: String] = [
        .email: #"^[^@\s]+@[^@\s]+\.[^@\s]+(?![\s\S])"#,
        .url: #"^https?://[^\s/$.?#][^\s]*(?![\s\S])"#,
        .phone: #"^\+?[0-9 ()./-]{4,32}(?![\s\S])"#,
        .date: #"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(?![\s\S])"#,
        .time: #"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?(?![\s\S])"#,
        .datetime: #"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?(?![\s\S])"#,
    ]
}
