import HTTPTypes
import Hummingbird

/// Adds the browser-hardening headers to every response, errors included.
///
/// The policy allows the page's own origin only: the web UI is served by this binary, with
/// no inline scripts and no third-party assets. HTML from the API is a report, which gets a
/// policy of its own (``reportHeaders``): its inline styles, nothing else, framed only by the UI. Framing is refused by the policy's
/// `frame-ancestors 'none'`, which every current browser honours, so the older
/// `X-Frame-Options` is not sent: each header costs every response (about a microsecond of
/// CPU by `scripts/bench-http`), and this middleware runs for all of them. `Strict-Transport-Security` is added when the
/// request arrived over HTTPS through a proxy (`X-Forwarded-Proto: https`); browsers ignore it
/// on plain HTTP, so a forged header gains nothing.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = BulletinRequestContext

    static let headers: HTTPFields = [
        .contentSecurityPolicy:
            "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'",
        .xContentTypeOptions: "nosniff",
        .referrerPolicy: "no-referrer",
        .permissionsPolicy: "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    ]

    /// The same for a report's HTML page: it may show its inline styles and SVG, runs and
    /// loads nothing, and only the web UI (same origin) may frame it.
    static let reportHeaders: HTTPFields = {
        var headers = Self.headers
        headers[.contentSecurityPolicy] =
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
        return headers
    }()
    static let strictTransportSecurity = "max-age=31536000; includeSubDomains"

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        var response = try await next(request, context)
        if response.headers[.contentType]?.hasPrefix("text/html") == true, request.uri.path.hasPrefix("/v1/") {
            // HTML from the API is a report: its own inline styles and SVG, nothing else.
            response.headers.append(contentsOf: Self.reportHeaders)
        } else {
            response.headers.append(contentsOf: Self.headers)
        }
        if request.headers[.xForwardedProto]?.lowercased() == "https" {
            response.headers[.strictTransportSecurity] = Self.strictTransportSecurity
        }
        return response
    }
}

extension HTTPField.Name {
    static let contentSecurityPolicy = HTTPField.Name("Content-Security-Policy")!
    static let xContentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let permissionsPolicy = HTTPField.Name("Permissions-Policy")!
    static let strictTransportSecurity = HTTPField.Name("Strict-Transport-Security")!
    static let xForwardedProto = HTTPField.Name("X-Forwarded-Proto")!
}
