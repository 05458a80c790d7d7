import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Refuses request bodies that are too large (413) or not JSON (415) before a handler reads
/// a byte of them.
///
/// A declared `Content-Length` over the limit is refused at once; a chunked body is counted
/// as it streams and fails at the first byte past the limit. Requests that match no route
/// pass untouched, so they get their 404 or 405 rather than a complaint about their body.
struct RequestBodyMiddleware: RouterMiddleware {
    typealias Context = BulletinRequestContext
    let maximumSize: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        // The router names the endpoint before calling its middleware; unmatched requests
        // reach here with none.
        let declaredLength = request.headers[.contentLength].flatMap { Int($0) }
        guard context.endpointPath != nil,
            (declaredLength ?? 0) > 0 || request.headers[.transferEncoding] != nil
        else {
            return try await next(request, context)
        }
        if let declaredLength, declaredLength > maximumSize {
            throw tooLarge
        }
        guard Self.isJSON(request.headers[.contentType]) else {
            throw APIError(
                .unsupportedMediaType,
                detail: "Send the request body as application/json, not \(request.headers[.contentType] ?? "an undeclared type").",
                headers: [.acceptPost: "application/json"])
        }
        guard declaredLength == nil else { return try await next(request, context) }
        var request = request
        request.body = RequestBody(asyncSequence: LimitedBody(base: request.body, limit: maximumSize, error: tooLarge))
        return try await next(request, context)
    }

    private var tooLarge: APIError {
        APIError(.payloadTooLarge, detail: "The request body is larger than the limit of \(maximumSize) bytes.")
    }

    /// `application/json` or any `application/…+json`, with or without parameters.
    static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let mediaType = contentType.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces).lowercased()
        return mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
    }
}

/// A body stream that throws once more than `limit` bytes have arrived.
struct LimitedBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let base: RequestBody
    let limit: Int
    let error: APIError

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: RequestBody.AsyncIterator
        let limit: Int
        let error: APIError
        var received = 0

        mutating func next() async throws -> ByteBuffer? {
            guard let buffer = try await base.next() else { return nil }
            received += buffer.readableBytes
            if received > limit { throw error }
            return buffer
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), limit: limit, error: error)
    }
}

extension HTTPField.Name {
    /// `Accept-Post` (RFC 7231 errata / LDP): the media types a POST accepts, sent with a 415.
    static let acceptPost = HTTPField.Name("Accept-Post")!
}
