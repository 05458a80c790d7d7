import BulletinCore
import BulletinOpenAPI
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The web UI's sign-in: `POST /v1/auth/session`, `/v1/auth/session/refresh` and
/// `/v1/auth/session/logout`. The same sign-in, refresh and sign-out as `/v1/auth/login`,
/// `refresh` and `logout` (it calls their handlers: lockouts, rotation, theft detection and
/// audit are theirs), except that the refresh token travels in an `HttpOnly`,
/// `SameSite=Strict` cookie scoped to these paths, so the page's scripts never hold it.
///
/// Beside it, a `bulletin_signed_in=1` cookie that scripts can read (it holds no secret) tells
/// the page whether there is a session to renew, so a first visit, signed out, sends no refresh
/// that would be refused (browsers report every refused request in the console as an error).
///
/// Served by its own routes because the generated layer percent-encodes header values, which
/// would break `Set-Cookie`. Refresh and sign-out take a JSON body (`{}`): a form on another
/// site cannot send one without a preflight, on top of the cookie's `SameSite=Strict`.
struct BrowserSessionRoute: Sendable {
    static let cookieName = "bulletin_session"
    /// The readable cookie that says a session cookie was set.
    static let markerName = "bulletin_signed_in"
    static let cookiePath = "/v1/auth/session"
    /// As long as a refresh token lives.
    static let cookieLifetime = 30 * 24 * 3600

    let api: BulletinAPI

    func register(on router: Router<BulletinRequestContext>) {
        router.post("/v1/auth/session") { request, context in try await signIn(request, context: context) }
        router.post("/v1/auth/session/refresh") { request, context in try await refresh(request, context: context) }
        router.post("/v1/auth/session/logout") { request, context in try await signOut(request, context: context) }
    }

    private func signIn(_ request: Request, context: BulletinRequestContext) async throws -> Response {
        let json = try await Self.json(request, context)
        guard let body = try? JSONDecoder().decode(Components.Schemas.LoginRequest.self, from: json) else {
            throw Self.signInProblem(json)
        }
        guard case .ok(let ok) = try await api.login(.init(body: .json(body))), case .json(let pair) = ok.body else {
            throw APIError(.internalError)
        }
        return try Self.answer(pair, request: request)
    }

    private func refresh(_ request: Request, context: BulletinRequestContext) async throws -> Response {
        _ = try await Self.json(request, context)
        guard let token = request.cookies[Self.cookieName]?.value, !token.isEmpty else {
            throw APIError(.invalidRefreshToken, detail: "Sign in again.", headers: Self.clearing(request))
        }
        do {
            guard case .ok(let ok) = try await api.refreshSession(.init(body: .json(.init(refreshToken: token)))),
                case .json(let pair) = ok.body
            else { throw APIError(.internalError) }
            return try Self.answer(pair, request: request)
        } catch var error as APIError where error.type == .invalidRefreshToken || error.type == .refreshTokenReused {
            error.headers.append(contentsOf: Self.clearing(request))
            throw error
        }
    }

    private func signOut(_ request: Request, context: BulletinRequestContext) async throws -> Response {
        _ = try await Self.json(request, context)
        // A cookie longer than any refresh token is none of ours: nothing to revoke.
        if let token = request.cookies[Self.cookieName]?.value,
            (1...BulletinAPI.maximumRefreshTokenLength).contains(token.unicodeScalars.count)
        {
            _ = try await api.logout(.init(body: .json(.init(refreshToken: token))))
        }
        return Response(status: .noContent, headers: Self.clearing(request))
    }

    /// Why a sign-in body was refused: as the generated layer answers, a `validation-failed`
    /// naming each field that is missing or not text.
    private static func signInProblem(_ json: Data) -> APIError {
        let object = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any] ?? [:]
        let required = ["email", "password"].filter { !(object[$0] is String) }
        let optional = ["workspaceId"].filter { object[$0] != nil && !(object[$0] is String) }
        let problems = (required + optional).map { FieldError(pointer: "/" + $0, message: "Send \($0) as a string.") }
        guard !problems.isEmpty else {
            return APIError(.badRequest, detail: "Send an object with email and password (and workspaceId, optionally).")
        }
        return APIError.validation(problems)
    }

    /// The body, which must be JSON (415 otherwise; 400 when it does not parse as such).
    private static func json(_ request: Request, _ context: BulletinRequestContext) async throws -> Data {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw APIError(.unsupportedMediaType, detail: "Send application/json (an empty object where nothing is asked).")
        }
        let body = Data(try await request.body.collect(upTo: context.maxUploadSize).readableBytesView)
        guard (try? JSONSerialization.jsonObject(with: body)) is [String: Any] else {
            throw APIError(.malformedJSON, detail: "Send a JSON object.")
        }
        return body
    }

    /// The access token as JSON, and the refresh token as the cookie.
    private static func answer(_ pair: Components.Schemas.TokenPair, request: Request) throws -> Response {
        struct AccessToken: Encodable {
            let accessToken: String
            let tokenType = "Bearer"
            let expiresIn: Int
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let body = try encoder.encode(AccessToken(accessToken: pair.accessToken, expiresIn: pair.expiresIn))
        var response = Response(
            status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
        response.setCookie(cookie(pair.refreshToken, maxAge: cookieLifetime, request: request))
        response.setCookie(marker("1", maxAge: cookieLifetime, request: request))
        return response
    }

    /// The `Set-Cookie` fields that remove both cookies.
    private static func clearing(_ request: Request) -> HTTPFields {
        var fields = HTTPFields()
        fields.append(HTTPField(name: .setCookie, value: cookie("", maxAge: 0, request: request).description))
        fields.append(HTTPField(name: .setCookie, value: marker("", maxAge: 0, request: request).description))
        return fields
    }

    private static func marker(_ value: String, maxAge: Int, request: Request) -> Cookie {
        Cookie(
            name: markerName, value: value, maxAge: maxAge, path: "/",
            secure: request.headers[.xForwardedProto]?.lowercased() == "https", httpOnly: false, sameSite: .strict)
    }

    private static func cookie(_ value: String, maxAge: Int, request: Request) -> Cookie {
        Cookie(
            name: cookieName, value: value, maxAge: maxAge, path: cookiePath,
            secure: request.headers[.xForwardedProto]?.lowercased() == "https", httpOnly: true, sameSite: .strict)
    }
}
