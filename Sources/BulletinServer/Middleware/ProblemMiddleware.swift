import BulletinCore
import BulletinOpenAPI
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOHTTP1
import OpenAPIRuntime

/// Turns every error into an RFC 9457 problem response carrying the request ID.
///
/// Client mistakes keep their 4xx status and a safe detail; anything else is a 5xx whose
/// cause is logged with the request ID and never sent to the client.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = BulletinRequestContext
    let allowedMethods: AllowedMethodsBox

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && context.endpointPath == "NotFound" {
            return ProblemDocument.response(for: notFound(request), instance: request.uri.path, requestID: context.requestID)
        } catch {
            let problem = Self.apiError(for: error)
            if problem.type.status.code >= 500 {
                context.logger.error("request failed", metadata: ["error": .string(Self.logDescription(of: error))])
            }
            return ProblemDocument.response(for: problem, instance: request.uri.path, requestID: context.requestID)
        }
    }

    private func notFound(_ request: Request) -> APIError {
        let allowed = allowedMethods.methods(forPath: request.uri.path)
        guard !allowed.isEmpty else {
            return APIError(.notFound, detail: "No route matches \(request.method.rawValue) \(request.uri.path).")
        }
        let list = allowed.map(\.rawValue).joined(separator: ", ")
        return APIError(.methodNotAllowed, detail: "\(request.uri.path) accepts \(list).", headers: [.allow: list])
    }

    /// The error with extra headers for its response, for middleware whose headers belong
    /// on refusals too (CORS, rate limits). A server fault is returned unchanged, so that
    /// its cause reaches the log.
    static func error(_ error: any Error, adding headers: HTTPFields) -> any Error {
        var problem = apiError(for: error)
        guard problem.type.status.code < 500 else { return error }
        problem.headers.append(contentsOf: headers)
        return problem
    }

    /// The problem an error answers with.
    static func apiError(for error: any Error) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as ServerError:
            return apiError(forOpenAPI: error)
        case let error as HTTPParserError:
            // The decoder could not read the rest of the request (a malformed chunk, say).
            return RequestInputGuard.problem(for: error) ?? APIError(.badRequest)
        case let error as HTTPError where error.status == .contentTooLarge:
            return APIError(.payloadTooLarge, detail: error.body)
        case let error as HTTPError where error.status.code < 500:
            return APIError(.httpStatus(error.status), detail: error.body, headers: error.headers)
        case let error as HTTPError:
            return APIError(.httpStatus(error.status), detail: internalDetail)
        default:
            // Including a DecodingError a handler meets in its own data: a server fault.
            return APIError(.internalError, detail: internalDetail)
        }
    }

    /// Maps errors raised around generated OpenAPI handlers, which wrap the cause: a body
    /// the runtime could not decode (4xx) is the client's, anything from a handler is judged
    /// by what the handler threw.
    static func apiError(forOpenAPI error: ServerError) -> APIError {
        if error.httpStatus.code < 500, let decoding = error.underlyingError as? DecodingError {
            return apiError(forDecoding: decoding)
        }
        if let invalid = error.underlyingError as? InvalidDateError {
            let query = error.request.path.flatMap { $0.split(separator: "?", maxSplits: 1).dropFirst().first }
            return apiError(forInvalidDate: invalid, operationID: error.operationID, query: query)
        }
        let underlying = apiError(for: error.underlyingError)
        guard underlying.type == .internalError else { return underlying }
        switch error.httpStatus {
        case .unsupportedMediaType: return APIError(.unsupportedMediaType, detail: error.causeDescription)
        case .notAcceptable: return APIError(.notAcceptable, detail: error.causeDescription)
        case let status where (400..<500).contains(status.code):
            return APIError(.httpStatus(status), detail: error.causeDescription)
        default: return underlying
        }
    }

    /// A body that is not JSON is a 400; JSON of the wrong shape is a 422 naming the field.
    /// Foundation's decoder reports a number that does not fit its field (`1.5` or `1e20` for
    /// an integer) as it reports JSON that does not parse, without a field, so the detail
    /// names both causes.
    static func apiError(forDecoding error: DecodingError) -> APIError {
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return APIError(
                .malformedJSON,
                detail:
                    "The body could not be parsed as JSON, or a number in it does not fit its field (such as 1.5 or 1e20 for a whole number)."
            )
        case .dataCorrupted(let context):
            return .validation([FieldError(pointer: pointer(context.codingPath), message: "The value is not valid.")])
        case .keyNotFound(let key, let context):
            return .validation([FieldError(pointer: pointer(context.codingPath + [key]), message: "This field is required.")])
        case .valueNotFound(_, let context):
            return .validation([FieldError(pointer: pointer(context.codingPath), message: "This field must not be null.")])
        case .typeMismatch(let type, let context):
            return .validation([
                FieldError(pointer: pointer(context.codingPath), message: "Expected \(jsonTypeName(type)).")
            ])
        @unknown default:
            return APIError(.malformedJSON, detail: "The body could not be parsed as JSON.")
        }
    }

    /// A date that is not RFC 3339, named by its field: a query parameter is a 400, a body
    /// field a 422, as other wrong query parameters and body fields are.
    static func apiError(forInvalidDate invalid: InvalidDateError, operationID: String, query: Substring?) -> APIError {
        let message = "Give an RFC 3339 date and time, such as 2025-05-15T13:00:00Z or 2025-05-15T13:00:00.000Z."
        let (inQuery, pointers) = RequestDateFields.served.pointers(
            operationID: operationID, text: invalid.text, query: query.map(String.init))
        let errors = (pointers.isEmpty ? [""] : pointers).map { FieldError(pointer: $0, message: message) }
        guard inQuery else { return .validation(errors) }
        return APIError(.badRequest, detail: "A query parameter is not a date and time.", fieldErrors: errors)
    }

    /// What the log says of a failure. A `ServerError`'s own description lists the request's
    /// headers and decoded input, which may hold credentials, so only its cause is logged.
    static func logDescription(of error: any Error) -> String {
        guard let error = error as? ServerError else { return String(reflecting: error) }
        return "\(error.operationID): \(error.causeDescription): \(logDescription(of: error.underlyingError))"
    }

    /// An RFC 6901 pointer for a coding path.
    static func pointer(_ path: [any CodingKey]) -> String {
        path.map { key in
            let token = key.intValue.map(String.init) ?? key.stringValue
            return "/" + token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
        }.joined()
    }

    private static let internalDetail = "The request ID identifies this failure in the server's logs."

    private static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type, is Int32.Type: "a whole number"
        case is Double.Type, is Float.Type: "a number"
        case is [Any].Type: "an array"
        default: "an object"
        }
    }
}
