/// One invalid input: where it is (an RFC 6901 JSON pointer) and what is wrong with it.
///
/// Validation gathers every `FieldError` of a request before answering, so a client can fix
/// all of them at once. Pointers into headers and query parameters use `#/header/Name` and
/// `#/query/name`.
public struct FieldError: Sendable, Hashable, Codable {
    /// The RFC 6901 pointer to the offending input, such as `/peers/2/name`.
    public var pointer: String
    /// A sentence a person can act on.
    public var message: String

    /// Creates a field error.
    public init(pointer: String, message: String) {
        self.pointer = pointer
        self.message = message
    }
}
