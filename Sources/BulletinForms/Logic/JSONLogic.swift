/// JSON Logic (jsonlogic.com): rules as JSON, evaluated against data.
///
/// Form rules (`visibleIf`, `requiredIf`, `enabledIf`, computed values, checks) are JSON Logic,
/// evaluated here on the server and by `json-logic.js` in the browser; a differential test holds
/// the two to the same answers. The semantics are those of the official tests (jsonlogic.com's
/// `tests.json`) with the community's compatibility tables where the official tests are silent:
/// arithmetic and ordering on values that are no numbers fail with `NaN` rather than going on
/// with JavaScript's `NaN`; iterators and comparisons refuse arguments that are no list; `val`,
/// `exists`, `??`, `throw`, `try` and `preserve` are supported. Written here because no Swift
/// package among the available ones evaluates JSON Logic.
///
/// ```swift
/// let visible = try JSONLogic.truthy(["==": [["var": "kind"], "van"]], data: ["kind": "van"])  // true
/// ```
public enum JSONLogic {
    /// Evaluates a rule against data.
    public static func apply(_ rule: JSONValue, data: JSONValue = .null) throws(LogicError) -> JSONValue {
        var evaluator = LogicEvaluator(data: data)
        return try evaluator.evaluate(rule)
    }

    /// Evaluates a rule and reads the answer as JSON Logic's truthiness.
    public static func truthy(_ rule: JSONValue, data: JSONValue = .null) throws(LogicError) -> Bool {
        LogicCoercion.truthy(try apply(rule, data: data))
    }

    /// Whether a value counts as true in JSON Logic (JavaScript's truthiness; `[]` is false).
    public static func isTruthy(_ value: JSONValue) -> Bool {
        LogicCoercion.truthy(value)
    }

    /// The operator of a rule (an object with exactly one key), or `nil` for a literal.
    public static func operation(of rule: JSONValue) -> (name: String, arguments: JSONValue)? {
        guard case .object(let members) = rule, members.count == 1, let (name, arguments) = members.first else {
            return nil
        }
        return (name, arguments)
    }

    /// Every data path a rule reads with `var`, `val`, `exists`, `missing` or `missing_some`,
    /// as written (literal paths only; a path computed by a rule is not known before evaluation).
    /// Forms use this to refuse references to unknown fields and to find cycles.
    public static func referencedPaths(in rule: JSONValue) -> [String] {
        guard let (name, arguments) = operation(of: rule) else {
            return rule.arrayValue?.flatMap(referencedPaths(in:)) ?? []
        }
        let list = arguments.arrayValue ?? [arguments]
        var paths: [String] = []
        switch name {
        case "var":
            if let path = list.first?.stringValue, !path.isEmpty { paths.append(path) }
        case "val", "exists":
            let segments = list.compactMap(\.stringValue)
            if !segments.isEmpty, segments.count == list.count { paths.append(segments.joined(separator: ".")) }
        case "missing":
            paths += list.compactMap(\.stringValue)
        case "missing_some":
            paths += list.dropFirst().first?.arrayValue?.compactMap(\.stringValue) ?? []
        default:
            break
        }
        // Iterator bodies read the item, not the form's data: only their first argument counts.
        let scoped: Set<String> = ["map", "filter", "reduce", "all", "some", "none"]
        let inspected = scoped.contains(name) ? Array(list.prefix(1)) : list
        return paths + inspected.flatMap(referencedPaths(in:))
    }
}
