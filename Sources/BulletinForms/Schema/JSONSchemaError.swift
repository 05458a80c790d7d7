/// Why a schema could not be compiled into a ``JSONSchema``.
public enum JSONSchemaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A `$ref` or `$dynamicRef` names a URI that neither the schema, the remotes nor the bundled
    /// 2020-12 meta-schemas define.
    case unresolvableReference(String)
    /// A `pattern` or a `patternProperties` name is no regular expression this platform compiles.
    case invalidPattern(String)
    /// The dialect (`$schema`) requires a vocabulary this validator does not know.
    case unsupportedVocabulary(String)

    public var description: String {
        switch self {
        case .unresolvableReference(let uri): "the reference \(uri) cannot be resolved"
        case .invalidPattern(let pattern): "the pattern \(pattern) is not a valid regular expression"
        case .unsupportedVocabulary(let uri): "the required vocabulary \(uri) is not supported"
        }
    }
}
