/// One reason an instance does not satisfy a ``JSONSchema``, located so that a form can show it
/// beside the field it concerns.
///
/// ```swift
/// SchemaViolation(instancePointer: "/plate", keyword: "required", message: "is required")
/// ```
public struct SchemaViolation: Sendable, Hashable {
    /// Where in the instance the problem is, as an RFC 6901 JSON Pointer: `""` for the root,
    /// `"/rows/0/name"` for a nested member. For `required` it names the missing member itself.
    public let instancePointer: String
    /// The schema keyword that failed, such as `"required"` or `"minLength"`.
    public let keyword: String
    /// A short English sentence for a person, such as "must be at least 3 characters".
    public let message: String

    /// Creates a violation.
    public init(instancePointer: String, keyword: String, message: String) {
        self.instancePointer = instancePointer
        self.keyword = keyword
        self.message = message
    }
}
