import Foundation

/// A subschema found by URI, with what surrounds it: the base URI and vocabularies in effect
/// around it (its own `$id` and `$schema`, if any, are applied when it is evaluated).
struct LocatedSchema: Sendable {
    let schema: JSONValue
    let outerBase: String
    let outerVocabularies: SchemaVocabularies
}

/// Every schema resource, anchor and subschema location of a compiled schema, with the remote
/// documents and bundled meta-schemas its references reach.
///
/// Built once by ``build(root:base:remotes:)``, which also proves that every `$ref` and
/// `$dynamicRef` resolves, so that evaluation never has to fail for a missing target.
struct SchemaIndex: Sendable {
    /// Resource roots by absolute URI (no fragment): `$id`s and retrieval URIs.
    private(set) var resources: [String: LocatedSchema] = [:]
    /// `$anchor`s and `$dynamicAnchor`s by `resource#name`.
    private(set) var anchors: [String: LocatedSchema] = [:]
    /// `$dynamicAnchor`s only, by `resource#name`.
    private(set) var dynamicAnchors: [String: LocatedSchema] = [:]
    /// Every known subschema by `resource#/json/pointer`, relative to each enclosing resource.
    private var pointers: [String: LocatedSchema] = [:]
    /// The vocabularies of resources that name a `$schema`, by their base URI.
    private(set) var dialects: [String: SchemaVocabularies] = [:]
    private(set) var patterns = CompiledPatterns()
    private var loaded: Set<String> = []
    private var pendingReferences: [String] = []
    private let remotes: [String: JSONValue]

    /// The keywords whose value is one subschema, a map of them, or an array of them.
    private static let singleSubschemaKeywords = [
        "additionalProperties", "items", "contains", "propertyNames", "not", "if", "then", "else",
        "unevaluatedItems", "unevaluatedProperties", "contentSchema",
    ]
    private static let subschemaMapKeywords = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]
    private static let subschemaArrayKeywords = ["allOf", "anyOf", "oneOf", "prefixItems"]

    private init(remotes: [String: JSONValue]) {
        var normalized: [String: JSONValue] = [:]
        for (uri, document) in remotes {
            normalized[SchemaURI(uri).withoutFragment.text] = document
        }
        self.remotes = normalized
    }

    /// Indexes a root schema and everything its references reach.
    /// - Throws: ``JSONSchemaError`` for a reference that cannot be resolved, a pattern that does
    ///   not compile, or a required vocabulary that is unknown.
    static func build(root: JSONValue, base: String, remotes: [String: JSONValue]) throws -> SchemaIndex {
        var index = SchemaIndex(remotes: remotes)
        index.loaded.insert(base)
        try index.add(root, outerBase: base, outerVocabularies: .standard, roots: [(base, [])])
        while let reference = index.pendingReferences.popLast() {
            if index.locate(reference) != nil { continue }
            let resource = SchemaURI(reference).withoutFragment.text
            if !index.loaded.contains(resource), let document = index.document(at: resource) {
                index.loaded.insert(resource)
                try index.add(document, outerBase: resource, outerVocabularies: .standard, roots: [(resource, [])])
                index.pendingReferences.append(reference)
                continue
            }
            throw JSONSchemaError.unresolvableReference(reference)
        }
        return index
    }

    /// A document that can be loaded by URI: a remote the caller gave, else a bundled meta-schema.
    private func document(at uri: String) -> JSONValue? {
        remotes[uri] ?? MetaSchemas.documents[uri]
    }

    /// Records a schema and its subschemas.
    /// - Parameter roots: the enclosing resources with the pointer from each to this schema.
    private mutating func add(
        _ schema: JSONValue, outerBase: String, outerVocabularies: SchemaVocabularies, roots outerRoots: [(String, [String])]
    ) throws {
        guard case .object(let members) = schema else {
            if schema.isSchema { record(schema, outerBase, outerVocabularies, outerRoots) }
            return
        }
        let base = SchemaURI.base(of: schema, within: outerBase)
        var vocabularies = outerVocabularies
        var roots = outerRoots
        if members["$id"] != nil { roots.append((base, [])) }
        if case .string(let dialect) = members["$schema"] {
            vocabularies = try self.vocabularies(forDialect: dialect)
            dialects[base] = vocabularies
        }
        let located = record(schema, outerBase, outerVocabularies, roots)
        if case .string(let name) = members["$anchor"] {
            anchors[base + "#" + name] = located
        }
        if case .string(let name) = members["$dynamicAnchor"] {
            anchors[base + "#" + name] = located
            dynamicAnchors[base + "#" + name] = located
        }
        for keyword in ["$ref", "$dynamicRef"] {
            if case .string(let reference) = members[keyword] {
                pendingReferences.append(SchemaURI.resolve(reference, against: base))
            }
        }
        if case .string(let pattern) = members["pattern"] { try patterns.add(pattern) }
        if case .object(let patternMembers) = members["patternProperties"] {
            for pattern in patternMembers.keys { try patterns.add(pattern) }
        }
        func descend(_ child: JSONValue, _ tokens: [String]) throws {
            try add(child, outerBase: base, outerVocabularies: vocabularies, roots: roots.map { ($0.0, $0.1 + tokens) })
        }
        for keyword in Self.singleSubschemaKeywords {
            if let child = members[keyword] { try descend(child, [keyword]) }
        }
        for keyword in Self.subschemaMapKeywords {
            guard case .object(let children) = members[keyword] else { continue }
            for (name, child) in children { try descend(child, [keyword, name]) }
        }
        for keyword in Self.subschemaArrayKeywords {
            guard case .array(let children) = members[keyword] else { continue }
            for (position, child) in children.enumerated() { try descend(child, [keyword, String(position)]) }
        }
    }

    @discardableResult
    private mutating func record(
        _ schema: JSONValue, _ outerBase: String, _ outerVocabularies: SchemaVocabularies, _ roots: [(String, [String])]
    ) -> LocatedSchema {
        let located = LocatedSchema(schema: schema, outerBase: outerBase, outerVocabularies: outerVocabularies)
        for (resource, tokens) in roots {
            if tokens.isEmpty { resources[resource] = located }
            pointers[resource + "#" + JSONPointer.pointer(tokens)] = located
        }
        return located
    }

    /// The vocabularies of the dialect a `$schema` names; all of 2020-12 for a meta-schema that
    /// is unknown or declares no `$vocabulary`.
    private func vocabularies(forDialect dialect: String) throws -> SchemaVocabularies {
        let uri = SchemaURI(dialect).withoutFragment.text
        guard let metaSchema = document(at: uri) ?? resources[uri]?.schema,
            case .object(let declared) = metaSchema["$vocabulary"]
        else { return .standard }
        return try SchemaVocabularies(declared: declared)
    }

    /// The subschema an absolute URI names: a resource, an anchor, or a JSON Pointer fragment.
    func locate(_ uri: String) -> LocatedSchema? {
        let parsed = SchemaURI(uri)
        let resource = parsed.withoutFragment.text
        guard let fragment = parsed.fragment, !fragment.isEmpty else { return resources[resource] }
        let decoded = fragment.removingPercentEncoding ?? fragment
        guard decoded.hasPrefix("/") else { return anchors[resource + "#" + decoded] }
        let tokens = JSONPointer.tokens(decoded)
        if let located = pointers[resource + "#" + JSONPointer.pointer(tokens)] { return located }
        // A pointer may lead through keywords that are not known to hold schemas; follow the
        // document itself then, with the resource's base.
        guard let root = resources[resource] else { return nil }
        var value = root.schema
        for token in tokens {
            switch value {
            case .object(let members):
                guard let next = members[token] else { return nil }
                value = next
            case .array(let elements):
                guard let position = Int(token), elements.indices.contains(position) else { return nil }
                value = elements[position]
            default:
                return nil
            }
        }
        guard value.isSchema else { return nil }
        let base = SchemaURI.base(of: root.schema, within: root.outerBase)
        return LocatedSchema(schema: value, outerBase: base, outerVocabularies: dialects[base] ?? root.outerVocabularies)
    }
}
