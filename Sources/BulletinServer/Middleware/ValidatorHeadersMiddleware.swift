import Foundation
import HTTPTypes
import Hummingbird

/// Restores the `ETag` and `Content-Disposition` of responses made by the generated API layer.
///
/// swift-openapi-runtime writes every header value through its URI coder, which
/// percent-encodes the quotes and spaces these two headers are made of (`"…"`, `attachment;
/// filename="…"`), so clients would see `%22…%22`. The values the API sets hold nothing that
/// needs encoding (hex digests, file names of letters, digits, dashes and dots), so decoding
/// them here gives back exactly what the handler wrote.
struct ValidatorHeadersMiddleware: RouterMiddleware {
    typealias Context = BulletinRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        for name in [HTTPField.Name.eTag, .contentDisposition] {
            if let value = response.headers[name], value.contains("%"), let decoded = value.removingPercentEncoding {
                response.headers[name] = decoded
            }
        }
        return response
    }
}
