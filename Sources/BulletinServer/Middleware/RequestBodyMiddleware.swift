import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Refuses request bodies that are too large (413), not JSON (415) or nested too deeply
/// (400), before a handler acts on them.
///
/// A declared `Content-Length` over the limit is refused at once; a chunked body is counted
/// as it streams and fails at the first byte past the limit. Nesting is counted as the bytes
/// stream, so a body of ten thousand `[` never reaches the JSON decoder's recursion. Requests that match no route
/// pass untouched, so they get their 404 or 405 rather than a complaint about their body.
struct RequestBodyMiddleware: RouterMiddleware {
    typealias Context = BulletinRequestContext
    let maximumSize: Int

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
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
        var request = request
        request.body = RequestBody(
            asyncSequence: CheckedJSONBody(
                base: request.body, limit: maximumSize, maximumDepth: Self.maximumDepth, tooLarge: tooLarge,
                tooDeep: APIError(.jsonTooDeep, detail: "Nest objects and arrays at most \(Self.maximumDepth) levels deep.")))
        return try await next(request, context)
    }

    /// The deepest nesting of objects and arrays accepted.
    static let maximumDepth = 32

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

/// A JSON body stream that throws once more than `limit` bytes have arrived, or once objects
/// and arrays nest deeper than `maximumDepth` (brackets inside strings do not count).
struct CheckedJSONBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let base: RequestBody
    let limit: Int
    let maximumDepth: Int
    let tooLarge: APIError
    let tooDeep: APIError

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: RequestBody.AsyncIterator
        let body: CheckedJSONBody
        var received = 0
        var depth = 0
        var inString = false
        var escaped = false

        mutating func next() async throws -> ByteBuffer? {
            guard let buffer = try await base.next() else { return nil }
            received += buffer.readableBytes
            if received > body.limit { throw body.tooLarge }
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
                    if depth > body.maximumDepth { throw body.tooDeep }
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
