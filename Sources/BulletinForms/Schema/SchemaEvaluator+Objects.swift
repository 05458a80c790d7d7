/// The applicators for objects: `properties`, `patternProperties`, `additionalProperties`,
/// `propertyNames` and `unevaluatedProperties`. Members are visited in sorted order so that
/// violations come out in a stable order.
extension SchemaEvaluator {
    func applyObjectApplicators(_ frame: SchemaFrame, into outcome: inout SchemaOutcome) {
        guard case .object(let object) = frame.instance else { return }
        let members = frame.members
        let names = object.keys.sorted()
        let properties = members["properties"]?.objectValue ?? [:]
        let patterns = members["patternProperties"]?.objectValue ?? [:]
        var covered: Set<String> = []
        for name in names {
            if let schema = properties[name] {
                covered.insert(name)
                applyMember(name, value: object[name], schema: schema, keyword: "properties", frame, into: &outcome)
            }
            for (pattern, schema) in patterns.sorted(by: { $0.key < $1.key }) where index.patterns.matches(pattern, name) {
                covered.insert(name)
                applyMember(name, value: object[name], schema: schema, keyword: "patternProperties", frame, into: &outcome)
            }
        }
        if let schema = members["additionalProperties"] {
            for name in names where !covered.contains(name) {
                applyMember(name, value: object[name], schema: schema, keyword: "additionalProperties", frame, into: &outcome)
            }
        }
        if let schema = members["propertyNames"] {
            for name in names where !evaluate(schema, in: frame, instance: .string(name)).isValid {
                outcome.fail("propertyNames", "has a name that is not allowed", at: frame.location.appending(name))
            }
        }
    }

    func applyUnevaluatedProperties(_ frame: SchemaFrame, into outcome: inout SchemaOutcome) {
        guard let schema = frame.members["unevaluatedProperties"], case .object(let object) = frame.instance else { return }
        for name in object.keys.sorted() where !outcome.evaluatedProperties.contains(name) {
            applyMember(name, value: object[name], schema: schema, keyword: "unevaluatedProperties", frame, into: &outcome)
        }
    }

    /// Applies a subschema to one member and marks the member evaluated. A `false` schema is
    /// reported under the keyword that placed it, which says more to a person than "false".
    private func applyMember(
        _ name: String, value: JSONValue?, schema: JSONValue, keyword: String, _ frame: SchemaFrame, into outcome: inout SchemaOutcome
    ) {
        guard let value else { return }
        let location = frame.location.appending(name)
        outcome.evaluatedProperties.insert(name)
        if schema == .bool(false) {
            outcome.fail(keyword, "is not an allowed property", at: location)
        } else {
            outcome.violations += evaluate(schema, in: frame, instance: value, at: location).violations
        }
    }
}
