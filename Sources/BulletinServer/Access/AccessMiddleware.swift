import BulletinCore
import Foundation
import HTTPTypes
import Hummingbird

/// The one place every `/v1` operation is authorised: it looks the operation's requirement
/// up in the ``PermissionTable`` (an operation without one is refused), authenticates the
/// caller when one is needed, asks ``Permissions`` whether the caller's role allows the
/// action, applies the rate limit, and binds the ``RequestScope`` that handlers read.
///
/// Rate limits are per principal, or per client address for anonymous calls; every
/// response of a limited operation carries `RateLimit-Limit`, `RateLimit-Remaining` and
/// `RateLimit-Reset`, and a refused one `Retry-After`.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = BulletinRequestContext
    let permissions: PermissionTable
    let authenticator: Authenticator
    let rateLimiter: RateLimiter
    let trustsForwardedFor: Bool

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        // Outside /v1 (health, metrics, the document) nothing is authorised or audited.
        guard let template = context.endpointPath, template.hasPrefix("/v1/") else { return try await next(request, context) }
        let address = clientAddress(of: request, context: context)
        let userAgent = request.headers[.userAgent]
        guard let requirement = permissions.requirement(method: request.method, path: template) else {
            throw APIError(.forbidden, detail: "This operation declares no permission, so nobody may call it.")
        }
        let addressKey = "address:" + (address ?? "unknown")
        var principal: Principal?
        if case .action = requirement {
            do {
                if let ticket = request.uri.queryParameters.get("ticket"),
                    permissions.acceptsTicket(method: request.method, path: template)
                {
                    principal = try await authenticator.principal(forTicket: ticket)
                } else {
                    principal = try await authenticator.principal(for: request.head)
                }
            } catch {
                // Failed credentials count against the address.
                throw ProblemMiddleware.error(error, adding: try limit(addressKey))
            }
        }
        let headers = try limit(principal.map { "principal:" + $0.id } ?? addressKey)
        if case .action(let action) = requirement, let principal, !principal.may(action) {
            throw APIError(.forbidden, detail: "The \(principal.role.rawValue) role cannot \(action.name).", headers: headers)
        }
        let scope = RequestScope(
            requestID: context.requestID, correlationID: context.correlationID, clientAddress: address, userAgent: userAgent,
            principal: principal)
        if request.method != .get && request.method != .head && Self.mayChangeIdentity(requirement) {
            defer { authenticator.cache.invalidateAll() }  // whatever this changed, nobody reads it stale here
            return try await respond(request, context: context, scope: scope, headers: headers, next: next)
        }
        return try await respond(request, context: context, scope: scope, headers: headers, next: next)
    }

    /// Public operations (setup, sign-in, invitations) and identity actions may change
    /// identities; jobs, flags and content do not, so their writes keep the cache.
    private static func mayChangeIdentity(_ requirement: PermissionTable.Requirement) -> Bool {
        switch requirement {
        case .none: true
        case .action(let action): Permissions.identityActions.contains(action)
        }
    }

    private func respond(
        _ request: Request, context: Context, scope: RequestScope, headers: HTTPFields,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            var response = try await RequestScope.$current.withValue(scope) { try await next(request, context) }
            response.headers.append(contentsOf: headers)
            return response
        } catch {
            throw ProblemMiddleware.error(error, adding: headers)
        }
    }

    /// Takes a token for the key, and returns the headers to send; throws 429 when empty.
    private func limit(_ key: String) throws -> HTTPFields {
        let decision = rateLimiter.take(key, now: authenticator.clock.now())
        var headers: HTTPFields = [
            .rateLimitLimit: String(rateLimiter.capacity),
            .rateLimitRemaining: String(decision.remaining),
            .rateLimitReset: String(decision.resetSeconds),
        ]
        guard decision.allowed else {
            headers[.retryAfter] = String(decision.retryAfterSeconds)
            throw APIError(.rateLimited, detail: "Try again in \(decision.retryAfterSeconds) s.", headers: headers)
        }
        return headers
    }

    private func clientAddress(of request: Request, context: Context) -> String? {
        ClientAddress.resolve(headers: request.headers, peer: context.remoteAddress, trustsForwardedFor: trustsForwardedFor)
    }
}

extension HTTPField.Name {
    static let rateLimitLimit = HTTPField.Name("RateLimit-Limit")!
    static let rateLimitRemaining = HTTPField.Name("RateLimit-Remaining")!
    static let rateLimitReset = HTTPField.Name("RateLimit-Reset")!
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
