import BulletinCore
import HTTPTypes

/// An error that answers the client with an RFC 9457 problem.
///
/// Handlers throw it; ``ProblemMiddleware`` renders it with the request ID and path.
/// `detail` is shown to the client, so it never holds database or system error text.
public struct APIError: Error, Sendable {
    /// The kind of problem.
    public var type: ProblemType
    /// What went wrong this time, for the person reading it.
    public var detail: String?
    /// The invalid fields, for validation problems.
    public var fieldErrors: [FieldError]
    /// Headers the answer must carry, such as `Allow` on a 405.
    public var headers: HTTPFields
    /// For ``ProblemType/templateInvalid``: what is wrong with the template, tag by tag.
    public var templateProblems: [TemplateProblemEntry] = []
    /// For conflicts: the resource as it is now (`current`), so the client need not read it again.
    public var current: (any Encodable & Sendable)?
    /// For ``ProblemType/wipLimitReached``: the full column's limit and status.
    public var wipLimit: Int?
    public var column: String?

    /// Creates an API error.
    public init(_ type: ProblemType, detail: String? = nil, fieldErrors: [FieldError] = [], headers: HTTPFields = [:]) {
        self.type = type
        self.detail = detail
        self.fieldErrors = fieldErrors
        self.headers = headers
    }

    /// A validation problem listing every invalid field.
    public static func validation(_ fieldErrors: [FieldError], detail: String? = nil) -> APIError {
        APIError(
            .validationFailed,
            detail: detail ?? (fieldErrors.count == 1 ? "1 field is invalid." : "\(fieldErrors.count) fields are invalid."),
            fieldErrors: fieldErrors)
    }
}

/// One problem of a Word template as a problem document lists it (`templateProblems`).
public struct TemplateProblemEntry: Encodable, Sendable, Hashable {
    public var code: String
    /// The tag as written; empty when the problem is the file itself.
    public var tag: String
    /// The part of the .docx, such as `word/document.xml`.
    public var part: String?
    /// The paragraph's number in the part, from 1.
    public var paragraph: Int?
    public var message: String

    public init(code: String, tag: String, part: String?, paragraph: Int?, message: String) {
        self.code = code
        self.tag = tag
        self.part = part
        self.paragraph = paragraph
        self.message = message
    }
}
