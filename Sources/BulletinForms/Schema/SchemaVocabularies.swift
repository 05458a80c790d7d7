/// Which keyword vocabularies a schema resource's dialect turns on, read from the `$vocabulary`
/// of the meta-schema its `$schema` names. Defaults to all of 2020-12, with `format` as an
/// annotation only.
struct SchemaVocabularies: Sendable, Hashable {
    var applicator = true
    var unevaluated = true
    var validation = true
    var formatAssertion = false

    static let standard = SchemaVocabularies()

    private static let prefix = "https://json-schema.org/draft/2020-12/vocab/"

    /// The vocabularies a meta-schema declares.
    /// - Throws: ``JSONSchemaError/unsupportedVocabulary(_:)`` for a required vocabulary this
    ///   validator does not know; an optional one is ignored, as the specification allows.
    init(declared: [String: JSONValue]) throws {
        self.init(applicator: false, unevaluated: false, validation: false, formatAssertion: false)
        for (uri, required) in declared {
            switch uri {
            case Self.prefix + "applicator": applicator = true
            case Self.prefix + "unevaluated": unevaluated = true
            case Self.prefix + "validation": validation = true
            case Self.prefix + "format-assertion": formatAssertion = true
            case Self.prefix + "core", Self.prefix + "meta-data", Self.prefix + "format-annotation", Self.prefix + "content":
                break
            default:
                if required == .bool(true) { throw JSONSchemaError.unsupportedVocabulary(uri) }
            }
        }
    }

    private init(applicator: Bool, unevaluated: Bool, validation: Bool, formatAssertion: Bool) {
        self.applicator = applicator
        self.unevaluated = unevaluated
        self.validation = validation
        self.formatAssertion = formatAssertion
    }

    init() {}
}
