/// The in-place applicators that combine subschemas: `allOf`, `anyOf`, `oneOf`, `not`,
/// `if`/`then`/`else` and `dependentSchemas`. Only subschemas that pass contribute annotations,
/// which is what `unevaluatedProperties` and `unevaluatedItems` rely on.
extension SchemaEvaluator {
    func applyCombinators(_ frame: SchemaFrame, into outcome: inout SchemaOutcome) {
        let members = frame.members
        if case .array(let schemas) = members["allOf"] {
            for schema in schemas { outcome.include(evaluate(schema, in: frame)) }
        }
        if case .array(let schemas) = members["anyOf"] {
            // Every branch is evaluated, not just the first that passes: each passing branch's
            // annotations count.
            var matched = false
            for schema in schemas {
                let branch = evaluate(schema, in: frame)
                if branch.isValid {
                    matched = true
                    outcome.includeAnnotations(of: branch)
                }
            }
            if !matched { outcome.fail("anyOf", "must match at least one of the allowed schemas", at: frame.location) }
        }
        if case .array(let schemas) = members["oneOf"] {
            let passing = schemas.map { evaluate($0, in: frame) }.filter(\.isValid)
            if passing.count == 1 {
                outcome.includeAnnotations(of: passing[0])
            } else {
                let count = passing.isEmpty ? "none" : "\(passing.count)"
                outcome.fail("oneOf", "must match exactly one of the allowed schemas, but matches \(count)", at: frame.location)
            }
        }
        if let schema = members["not"], evaluate(schema, in: frame).isValid {
            outcome.fail("not", "must not match the excluded schema", at: frame.location)
        }
        if let condition = members["if"] {
            let test = evaluate(condition, in: frame)
            if test.isValid {
                outcome.includeAnnotations(of: test)
                if let then = members["then"] { outcome.include(evaluate(then, in: frame)) }
            } else if let otherwise = members["else"] {
                outcome.include(evaluate(otherwise, in: frame))
            }
        }
        if case .object(let dependents) = members["dependentSchemas"], case .object(let object) = frame.instance {
            for (name, schema) in dependents.sorted(by: { $0.key < $1.key }) where object[name] != nil {
                outcome.include(evaluate(schema, in: frame))
            }
        }
    }
}
