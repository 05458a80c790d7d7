import BulletinCore
import BulletinStore

/// What handlers know about the request they serve beyond its input: who asks, from where,
/// under which request ID.
///
/// The generated OpenAPI handlers receive only their input, so ``AccessMiddleware`` binds
/// the scope to the request's task; handlers read ``current``, and audit entries are made
/// from it.
struct RequestScope: Sendable {
    let requestID: RequestID
    /// The client's `x-correlation-id`, when valid.
    let correlationID: RequestID?
    /// The client's address: the peer, or `X-Forwarded-For`'s first entry when trusted.
    let clientAddress: String?
    let userAgent: String?
    /// The authenticated caller; `nil` on public operations.
    let principal: Principal?

    /// The scope of the request the current task serves.
    @TaskLocal static var current: RequestScope?

    /// The caller of an operation that requires one. ``AccessMiddleware`` guarantees it on
    /// every such operation; its absence is a server fault.
    static func principal() throws -> Principal {
        guard let principal = current?.principal else {
            throw APIError(.internalError, detail: "The operation ran without an authenticated caller.")
        }
        return principal
    }

    /// The caller of an operation that only a signed-in person may call, such as creating
    /// API keys or invitations: a key that could mint keys or members would outlive every
    /// revocation of its own.
    ///
    /// - Parameter action: What is refused, for the detail, such as `create API keys`.
    /// - Throws: ``APIError`` 403 `api-key-not-allowed` when the caller is an API key.
    static func person(for action: String) throws -> Principal {
        let principal = try principal()
        guard principal.kind == .user else {
            throw APIError(.apiKeyNotAllowed, detail: "An API key cannot \(action); sign in as a person to do it.")
        }
        return principal
    }

    /// Who made a change and from where, for the audit log.
    static func auditContext() -> AuditContext {
        let scope = current
        return AuditContext(
            actorType: scope?.principal?.kind.rawValue ?? "anonymous", actorID: scope?.principal?.id,
            requestID: scope?.requestID.value, ip: scope?.clientAddress, userAgent: scope?.userAgent,
            correlationID: scope?.correlationID?.value)
    }
}
