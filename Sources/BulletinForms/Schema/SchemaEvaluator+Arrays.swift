/// The applicators for arrays: `prefixItems`, `items`, `contains` (with `minContains` and
/// `maxContains`) and `unevaluatedItems`.
extension SchemaEvaluator {
    func applyArrayApplicators(_ frame: SchemaFrame, into outcome: inout SchemaOutcome) {
        guard case .array(let elements) = frame.instance else { return }
        let members = frame.members
        var prefixCount = 0
        if case .array(let schemas) = members["prefixItems"] {
            prefixCount = schemas.count
            for (position, schema) in zip(elements.indices, schemas) {
                applyElement(position, elements[position], schema: schema, keyword: "prefixItems", frame, into: &outcome)
            }
        }
        if let schema = members["items"], schema.isSchema {
            for position in elements.indices.dropFirst(prefixCount) {
                applyElement(position, elements[position], schema: schema, keyword: "items", frame, into: &outcome)
            }
        }
        if let schema = members["contains"] {
            applyContains(schema, elements, frame, into: &outcome)
        }
    }

    private func applyContains(_ schema: JSONValue, _ elements: [JSONValue], _ frame: SchemaFrame, into outcome: inout SchemaOutcome) {
        var matches = 0
        for (position, element) in elements.enumerated()
        where evaluate(schema, in: frame, instance: element, at: frame.location.appending(String(position))).isValid {
            matches += 1
            outcome.evaluatedItems.insert(position)
        }
        let validation = frame.vocabularies.validation
        let minimum = validation ? frame.members["minContains"]?.numberValue ?? 1 : 1
        if Double(matches) < minimum {
            let keyword = frame.members["minContains"] != nil && validation ? "minContains" : "contains"
            let noun = minimum == 1 ? "item" : "items"
            outcome.fail(keyword, "must contain at least \(SchemaText.number(minimum)) matching \(noun)", at: frame.location)
        }
        if validation, let maximum = frame.members["maxContains"]?.numberValue, Double(matches) > maximum {
            let noun = maximum == 1 ? "item" : "items"
            outcome.fail("maxContains", "must contain at most \(SchemaText.number(maximum)) matching \(noun)", at: frame.location)
        }
    }

    func applyUnevaluatedItems(_ frame: SchemaFrame, into outcome: inout SchemaOutcome) {
        guard let schema = frame.members["unevaluatedItems"], case .array(let elements) = frame.instance else { return }
        for position in elements.indices where !outcome.evaluatedItems.contains(position) {
            applyElement(position, elements[position], schema: schema, keyword: "unevaluatedItems", frame, into: &outcome)
        }
    }

    /// Applies a subschema to one element and marks it evaluated; a `false` schema is reported
    /// under the keyword that placed it.
    private func applyElement(
        _ position: Int, _ element: JSONValue, schema: JSONValue, keyword: String, _ frame: SchemaFrame, into outcome: inout SchemaOutcome
    ) {
        let location = frame.location.appending(String(position))
        outcome.evaluatedItems.insert(position)
        if schema == .bool(false) {
            outcome.fail(keyword, "is not an allowed item", at: location)
        } else {
            outcome.violations += evaluate(schema, in: frame, instance: element, at: location).violations
        }
    }
}
