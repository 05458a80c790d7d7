/// A place in the instance, kept as unescaped tokens and turned into a JSON Pointer only when a
/// violation is reported.
struct InstanceLocation: Hashable {
    private(set) var tokens: [String] = []

    /// The RFC 6901 pointer: `""` for the root.
    var pointer: String { JSONPointer.pointer(tokens) }

    /// The location of a member or an element below this one.
    func appending(_ token: String) -> InstanceLocation {
        var copy = self
        copy.tokens.append(token)
        return copy
    }
}

/// What evaluating one schema against one instance found: the violations, and the annotations
/// that `unevaluatedProperties` and `unevaluatedItems` read (which members and elements of this
/// instance were evaluated by some keyword).
struct SchemaOutcome {
    var violations: [SchemaViolation] = []
    var evaluatedProperties: Set<String> = []
    var evaluatedItems: Set<Int> = []

    var isValid: Bool { violations.isEmpty }

    /// Records a violation.
    mutating func fail(_ keyword: String, _ message: String, at location: InstanceLocation) {
        violations.append(SchemaViolation(instancePointer: location.pointer, keyword: keyword, message: message))
    }

    /// Takes over another outcome for the same instance: its violations and its annotations.
    mutating func include(_ other: SchemaOutcome) {
        violations += other.violations
        includeAnnotations(of: other)
    }

    /// Takes over only the annotations of another outcome for the same instance.
    mutating func includeAnnotations(of other: SchemaOutcome) {
        evaluatedProperties.formUnion(other.evaluatedProperties)
        evaluatedItems.formUnion(other.evaluatedItems)
    }
}
