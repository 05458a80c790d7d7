import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Refuses request bodies that are too large (413), not JSON (415) or nested too deeply
/// (400), before a handler acts on them. Upload routes (``UploadRoute``) take a file of their
/// own media types instead, up to their own size.
///
/// A declared `Content-Length` over the limit is refused at once; a chunked body is counted
/// as it streams and fails at the first byte past the limit. Nesting is counted as the bytes
/// stream, so a body of ten thousand `[` never reaches the JSON decoder's recursion. Requests that match no route
/// pass untouched, so they get their 404 or 405 rather than a complaint about their body.
struct RequestBodyMiddleware: RouterMiddleware {
    typealias Context = BulletinRequestContext
    let maximumSize: Int
    /// The routes that take a file, by method and route template (`POST /v1/report-templates`).
    var uploads: [String: UploadRoute] = [:]

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        // The router names the endpoint before calling its middleware; unmatched requests
        // reach here with none.
        let declaredLength = request.headers[.contentLength].flatMap { Int($0) }
        guard let route = context.endpointPath,
            (declaredLength ?? 0) > 0 || request.headers[.transferEncoding] != nil
        else {
            return try await next(request, context)
        }
        if let upload = uploads["\(request.method.rawValue) \(route)"] {
            return try await next(try upload.checked(request, declaredLength: declaredLength), context)
        }
        if let declaredLength, declaredLength > maximumSize {
            throw Self.tooLarge(maximumSize)
        }
        guard Self.isJSON(request.headers[.contentType]) else {
            throw APIError(
                .unsupportedMediaType,
                detail: "Send the request body as application/json, not \(request.headers[.contentType] ?? "an undeclared type").",
                headers: [.acceptPost: "application/json"])
        }
        var request = request
        request.body = RequestBody(
            asyncSequence: CheckedRequestBody(
                base: request.body, limit: maximumSize, maximumDepth: Self.maximumDepth, tooLarge: Self.tooLarge(maximumSize),
                tooDeep: APIError(.jsonTooDeep, detail: "Nest objects and arrays at most \(Self.maximumDepth) levels deep.")))
        return try await next(request, context)
    }

    /// The deepest nesting of objects and arrays accepted.
    static let maximumDepth = 32

    static func tooLarge(_ maximumSize: Int) -> APIError {
        APIError(.payloadTooLarge, detail: "The request body is larger than the limit of \(maximumSize) bytes.")
    }

    /// `application/json` or any `application/…+json`, with or without parameters.
    static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let mediaType = contentType.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces).lowercased()
        return mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
    }
}

/// A request body stream that throws once more than `limit` bytes have arrived, or once objects
/// and arrays nest deeper than `maximumDepth` (brackets inside strings do not count). Without a
/// `maximumDepth`, the body is a file: only its size is checked.
struct CheckedRequestBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let base: RequestBody
    let limit: Int
    let maximumDepth: Int?
    let tooLarge: APIError
    let tooDeep: APIError

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: RequestBody.AsyncIterator
        let body: CheckedRequestBody
        var received = 0
        var depth = 0
        var inString = false
        var escaped = false

        mutating func next() async throws -> ByteBuffer? {
            guard let buffer = try await base.next() else { return nil }
            received += buffer.readableBytes
            if received > body.limit { throw body.tooLarge }
            guard let maximumDepth = body.maximumDepth else { return buffer }
            for byte in buffer.readableBytesView {
                if inString {
                    if escaped {
                        escaped = false
                    } else if byte == UInt8(ascii: "\\") {
                        escaped = true
                    } else if byte == UInt8(ascii: "\"") {
                        inString = false
                    }
                    continue
                }
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                    if depth > maximumDepth { throw body.tooDeep }
                case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                default: break
                }
            }
            return buffer
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), body: self)
    }
}

extension HTTPField.Name {
    /// `Accept-Post` (RFC 7231 errata / LDP): the media types a POST accepts, sent with a 415.
    static let acceptPost = HTTPField.Name("Accept-Post")!
}

/// A route that takes a file rather than JSON: the media types it accepts, and its size limit.
struct UploadRoute: Sendable {
    let mediaTypes: [String]
    let maximumSize: Int

    /// The request with its body counted against the limit, or a 413 or 415.
    func checked(_ request: Request, declaredLength: Int?) throws -> Request {
        if let declaredLength, declaredLength > maximumSize { throw RequestBodyMiddleware.tooLarge(maximumSize) }
        let mediaType = request.headers[.contentType].map { $0.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let mediaType, mediaTypes.contains(mediaType) else {
            throw APIError(
                .unsupportedMediaType,
                detail: "Send the file as \(mediaTypes.joined(separator: " or ")), not \(mediaType ?? "an undeclared type").",
                headers: [.acceptPost: mediaTypes.joined(separator: ", ")])
        }
        var request = request
        request.body = RequestBody(
            asyncSequence: CheckedRequestBody(
                base: request.body, limit: maximumSize, maximumDepth: nil, tooLarge: RequestBodyMiddleware.tooLarge(maximumSize),
                tooDeep: RequestBodyMiddleware.tooLarge(maximumSize)))
        return request
    }
}
