/// One schema keyword object being evaluated against one instance, with the base URI and
/// vocabularies it is read with.
struct SchemaFrame {
    let members: [String: JSONValue]
    let base: String
    let vocabularies: SchemaVocabularies
    let instance: JSONValue
    let location: InstanceLocation
}

/// Evaluates a compiled schema against one instance. Made for a single ``JSONSchema/validate(_:)``
/// call: it keeps the dynamic scope (for `$dynamicRef`) and the references being followed (to stop
/// cycles that would never consume the instance).
final class SchemaEvaluator {
    let index: SchemaIndex
    let assertFormats: Bool
    /// The base URIs of the schema resources entered, outermost first.
    private var dynamicScope: [String] = []
    /// Reference targets being evaluated, with the instance location they apply to.
    private var activeReferences: Set<String> = []

    init(index: SchemaIndex, assertFormats: Bool) {
        self.index = index
        self.assertFormats = assertFormats
    }

    /// Evaluates a located schema (the root, or a reference's target).
    func evaluate(_ located: LocatedSchema, instance: JSONValue, at location: InstanceLocation) -> SchemaOutcome {
        evaluate(
            located.schema, outerBase: located.outerBase, outerVocabularies: located.outerVocabularies, instance: instance, at: location)
    }

    /// Evaluates a subschema of the frame's schema, against the frame's instance unless another
    /// (a member, an element) is given.
    func evaluate(
        _ schema: JSONValue, in frame: SchemaFrame, instance: JSONValue? = nil, at location: InstanceLocation? = nil
    )
        -> SchemaOutcome
    {
        evaluate(
            schema, outerBase: frame.base, outerVocabularies: frame.vocabularies, instance: instance ?? frame.instance,
            at: location ?? frame.location)
    }

    private func evaluate(
        _ schema: JSONValue, outerBase: String, outerVocabularies: SchemaVocabularies, instance: JSONValue, at location: InstanceLocation
    ) -> SchemaOutcome {
        var outcome = SchemaOutcome()
        let members: [String: JSONValue]
        switch schema {
        case .object(let object): members = object
        case .bool(false):
            outcome.fail("false", "is not allowed", at: location)
            return outcome
        default: return outcome
        }
        let base = SchemaURI.base(of: schema, within: outerBase)
        let frame = SchemaFrame(
            members: members, base: base, vocabularies: index.dialects[base] ?? outerVocabularies, instance: instance,
            location: location)
        let entersResource = dynamicScope.last != base
        if entersResource { dynamicScope.append(base) }
        defer { if entersResource { dynamicScope.removeLast() } }

        applyReferences(frame, into: &outcome)
        if frame.vocabularies.applicator {
            applyCombinators(frame, into: &outcome)
            applyObjectApplicators(frame, into: &outcome)
            applyArrayApplicators(frame, into: &outcome)
        }
        if frame.vocabularies.validation {
            applyAssertions(frame, into: &outcome)
        }
        if assertFormats || frame.vocabularies.formatAssertion {
            applyFormat(frame, into: &outcome)
        }
        if frame.vocabularies.unevaluated {
            applyUnevaluatedItems(frame, into: &outcome)
            applyUnevaluatedProperties(frame, into: &outcome)
        }
        return outcome
    }

    /// `$ref` and `$dynamicRef`: both apply their target to the same instance, in place.
    private func applyReferences(_ frame: SchemaFrame, into outcome: inout SchemaOutcome) {
        if case .string(let reference) = frame.members["$ref"] {
            let uri = SchemaURI.resolve(reference, against: frame.base)
            follow("$ref", to: uri, target: index.locate(uri), frame, into: &outcome)
        }
        if case .string(let reference) = frame.members["$dynamicRef"] {
            let uri = SchemaURI.resolve(reference, against: frame.base)
            follow("$dynamicRef", to: uri, target: dynamicTarget(of: uri), frame, into: &outcome)
        }
    }

    /// Where a `$dynamicRef` leads. It starts as a plain reference; only when that lands on a
    /// `$dynamicAnchor` of the same name does the outermost resource in the dynamic scope with
    /// such an anchor win instead.
    private func dynamicTarget(of uri: String) -> LocatedSchema? {
        let initial = index.locate(uri)
        guard index.dynamicAnchors[uri] != nil, let name = SchemaURI(uri).fragment else { return initial }
        for resource in dynamicScope {
            if let located = index.dynamicAnchors[resource + "#" + name] { return located }
        }
        return initial
    }

    private func follow(
        _ keyword: String, to uri: String, target: LocatedSchema?, _ frame: SchemaFrame, into outcome: inout SchemaOutcome
    ) {
        guard let target else {
            // Compiling proved every reference resolves; this is only reachable through a pointer
            // into a value that is no schema.
            outcome.fail(keyword, "refers to \(uri), which is not a schema", at: frame.location)
            return
        }
        let key = uri + " " + frame.location.pointer
        guard activeReferences.insert(key).inserted else {
            // The same reference applied again to the same value would recurse for ever.
            outcome.fail(keyword, "is defined by a schema that refers back to itself", at: frame.location)
            return
        }
        defer { activeReferences.remove(key) }
        outcome.include(evaluate(target, instance: frame.instance, at: frame.location))
    }
}
