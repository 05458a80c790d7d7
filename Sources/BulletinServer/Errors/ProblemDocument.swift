import BulletinCore
import BulletinOpenAPI
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The RFC 9457 body of an error response.
struct ProblemDocument: Encodable, Sendable {
    let type: String
    let title: String
    let status: Int
    let detail: String?
    /// The request's path; absent when the request could not be read that far.
    let instance: String?
    let requestId: String
    let errors: [FieldError]?
    let templateProblems: [TemplateProblemEntry]?
    let current: Member?
    let wipLimit: Int?
    let column: String?

    /// A member whose type only the error knows.
    struct Member: Encodable, Sendable {
        let value: any Encodable & Sendable
        func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
    }

    init(error: APIError, instance: String?, requestID: BulletinCore.RequestID) {
        self.type = error.type.uri
        self.title = error.type.title
        self.status = error.type.status.code
        self.detail = error.detail
        self.instance = instance
        self.requestId = requestID.value
        self.errors = error.fieldErrors.isEmpty ? nil : error.fieldErrors
        self.templateProblems = error.templateProblems.isEmpty ? nil : error.templateProblems
        self.current = error.current.map(Member.init)
        self.wipLimit = error.wipLimit
        self.column = error.column
    }

    /// The complete response: status, `application/problem+json`, the error's headers.
    static func response(for error: APIError, instance: String, requestID: BulletinCore.RequestID) -> Response {
        let body = encoded(error, instance: instance, requestID: requestID)
        var headers = error.headers
        headers[.contentType] = "application/problem+json"
        headers[.cacheControl] = "no-store"
        return Response(
            status: error.type.status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The document as JSON, for answers written below the router too (``RequestInputGuard``).
    static func encoded(_ error: APIError, instance: String?, requestID: BulletinCore.RequestID) -> Data {
        let document = ProblemDocument(error: error, instance: instance, requestID: requestID)
        return (try? encoder.encode(document)) ?? Data(#"{"title":"The server failed to encode an error."}"#.utf8)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Dates inside `current` as the API writes them everywhere else.
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(try RFC3339DateTranscoder().encode(date))
        }
        return encoder
    }()
}
