import HTTPTypes
import Hummingbird

/// Cross-origin access for the browser origins the configuration names; none by default.
///
/// Hummingbird's own CORS middleware allows one origin, all of them, or the caller's
/// (whatever it is); Bulletin needs a list, checked exactly, and a refusal that says why.
/// An allowed origin's simple requests get `Access-Control-Allow-Origin` with `Vary: Origin`;
/// its preflights are answered here with 204. A preflight from any other origin gets a 403
/// problem; its simple requests get no CORS headers, so the browser withholds the answer.
struct CORSMiddleware: RouterMiddleware {
    typealias Context = BulletinRequestContext
    let allowedOrigins: Set<String>

    static let allowedMethods = "GET, HEAD, POST, PUT, PATCH, DELETE"
    static let allowedHeaders =
        "Authorization, Content-Type, Idempotency-Key, If-Match, If-None-Match, Last-Event-ID, X-Display-Token, X-Form-Token, X-Resume-Token, X-Request-ID, x-correlation-id"
    static let exposedHeaders =
        "ETag, Location, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, X-Request-ID, x-correlation-id"

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        guard let origin = request.headers[.origin] else { return try await next(request, context) }
        let allowed = allowedOrigins.contains(origin)
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            guard allowed else {
                throw APIError(.originNotAllowed, detail: "\(origin) may not call this API from a browser.")
            }
            var headers = corsHeaders(origin)
            headers[.accessControlAllowMethods] = Self.allowedMethods
            headers[.accessControlAllowHeaders] = Self.allowedHeaders
            headers[.accessControlMaxAge] = "600"
            return Response(status: .noContent, headers: headers)
        }
        guard allowed else { return try await next(request, context) }
        var headers = corsHeaders(origin)
        headers[.accessControlExposeHeaders] = Self.exposedHeaders
        do {
            var response = try await next(request, context)
            response.headers.append(contentsOf: headers)
            return response
        } catch {
            throw ProblemMiddleware.error(error, adding: headers)
        }
    }

    private func corsHeaders(_ origin: String) -> HTTPFields {
        [.accessControlAllowOrigin: origin, .vary: "Origin"]
    }
}
