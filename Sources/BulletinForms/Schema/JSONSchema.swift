/// A compiled JSON Schema (draft 2020-12) that validates JSON values, for the form engine.
///
/// Hand-written in pure Swift: no Swift package validates JSON Schema. It covers the whole of
/// 2020-12's core, applicator, unevaluated and validation vocabularies: `$ref`, `$dynamicRef`,
/// `$anchor` and `$id` with RFC 3986 base URI resolution, `$vocabulary` of custom meta-schemas,
/// and the annotations `unevaluatedProperties` and `unevaluatedItems` need. The 2020-12
/// meta-schemas are bundled, so `$ref` to `https://json-schema.org/draft/2020-12/schema` works
/// offline. JSON-Schema-Test-Suite's draft 2020-12 files are its conformance test.
///
/// `pattern` uses `NSRegularExpression` (ICU), which differs from ECMA-262 in corners such as
/// `\d` matching non-ASCII digits. `format` is an annotation unless `assertFormats` is set.
///
/// ```swift
/// let schema = try JSONSchema(["type": "object", "required": ["plate"]])
/// schema.validate([:])  // [SchemaViolation(instancePointer: "/plate", keyword: "required", …)]
/// ```
public struct JSONSchema: Sendable {
    /// The base URI of a root schema without `$id`; references relative to it can only reach
    /// the schema itself.
    static let defaultBase = "urn:bulletin:schema"

    private let index: SchemaIndex
    private let root: LocatedSchema
    private let assertFormats: Bool

    /// Compiles a schema.
    /// - Parameters:
    ///   - schema: the schema, an object or a Boolean.
    ///   - remotes: documents that remote references may reach, by absolute URI (for example
    ///     `http://localhost:1234/draft2020-12/integer.json`). Defaults to none: nothing is ever
    ///     fetched from a network.
    ///   - assertFormats: whether `format` fails values that do not match (date, time,
    ///     date-time, duration, email, hostname, ipv4, ipv6, uri, uri-reference, iri, uuid,
    ///     json-pointer, regex, …). Defaults to `false`, the specification's default, under
    ///     which `format` is only an annotation.
    /// - Throws: ``JSONSchemaError`` for a schema that is not a valid 2020-12 schema, such as a
    ///   `$ref` that cannot be resolved or a pattern that does not compile.
    public init(_ schema: JSONValue, remotes: [String: JSONValue] = [:], assertFormats: Bool = false) throws {
        index = try SchemaIndex.build(root: schema, base: Self.defaultBase, remotes: remotes)
        root = LocatedSchema(schema: schema, outerBase: Self.defaultBase, outerVocabularies: .standard)
        self.assertFormats = assertFormats
    }

    /// Every violation of the schema by an instance; empty when the instance is valid.
    ///
    /// All violations are collected, not only the first. `anyOf`, `oneOf` and `not` report one
    /// violation at the instance they apply to rather than the failures inside their branches.
    public func validate(_ instance: JSONValue) -> [SchemaViolation] {
        SchemaEvaluator(index: index, assertFormats: assertFormats).evaluate(root, instance: instance, at: InstanceLocation()).violations
    }

    /// Whether an instance satisfies the schema.
    public func isValid(_ instance: JSONValue) -> Bool {
        validate(instance).isEmpty
    }
}
