import HTTPTypes

/// The stable kinds of problem Bulletin reports, each with a `type` URI and a title.
///
/// A struct of static constants rather than an enum, so that later modules add kinds
/// without breaking anyone who switches over them. docs/errors.md lists every one.
public struct ProblemType: Sendable, Hashable {
    /// The last path segment of the `type` URI, such as `not-found`.
    public let slug: String
    /// The same short sentence for every problem of this kind.
    public let title: String
    /// The HTTP status a problem of this kind carries.
    public let status: HTTPResponse.Status

    /// Creates a problem kind.
    public init(slug: String, title: String, status: HTTPResponse.Status) {
        self.slug = slug
        self.title = title
        self.status = status
    }

    /// The `type` URI.
    public var uri: String { "https://bulletin.dev/problems/\(slug)" }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.slug == rhs.slug }
    public func hash(into hasher: inout Hasher) { hasher.combine(slug) }
}

extension ProblemType {
    /// The request could not be understood, such as a malformed query parameter.
    public static let badRequest = ProblemType(slug: "bad-request", title: "The request is malformed.", status: .badRequest)
    /// The body is not valid JSON.
    public static let malformedJSON = ProblemType(
        slug: "malformed-json", title: "The request body is not valid JSON.", status: .badRequest)
    /// The body nests objects and arrays deeper than the server accepts.
    public static let jsonTooDeep = ProblemType(
        slug: "json-too-deep", title: "The request body is nested too deeply.", status: .badRequest)
    /// The input is well-formed but breaks rules; `errors` lists each field.
    public static let validationFailed = ProblemType(
        slug: "validation-failed", title: "The input is not valid.", status: .unprocessableContent)
    /// No resource at this path (or none the caller may know of).
    public static let notFound = ProblemType(slug: "not-found", title: "Nothing exists at this address.", status: .notFound)
    /// The path exists but not with this method; `Allow` lists the methods.
    public static let methodNotAllowed = ProblemType(
        slug: "method-not-allowed", title: "This address does not accept that method.", status: .methodNotAllowed)
    /// The body is larger than the limit.
    public static let payloadTooLarge = ProblemType(
        slug: "payload-too-large", title: "The request body is too large.", status: .contentTooLarge)
    /// The body's `Content-Type` is not one this endpoint reads.
    public static let unsupportedMediaType = ProblemType(
        slug: "unsupported-media-type", title: "The request body's content type is not supported.",
        status: .unsupportedMediaType)
    /// The client asked for a representation the endpoint cannot produce.
    public static let notAcceptable = ProblemType(
        slug: "not-acceptable", title: "No acceptable representation is available.", status: .notAcceptable)
    /// The node cannot serve yet or any more: its database is unreachable or behind.
    public static let notReady = ProblemType(
        slug: "not-ready", title: "This node is not ready to serve requests.", status: .serviceUnavailable)
    /// Something failed on the server; the request ID finds it in the logs.
    public static let internalError = ProblemType(
        slug: "internal-error", title: "The server failed to handle the request.", status: .internalServerError)
    /// The setup token is unknown or already used.
    public static let invalidSetupToken = ProblemType(
        slug: "invalid-setup-token", title: "The setup token is not valid.", status: .forbidden)
    /// Setup was already completed; the installation has users.
    public static let alreadySetUp = ProblemType(
        slug: "already-set-up", title: "This installation is already set up.", status: .conflict)
    /// Another user has this e-mail address.
    public static let emailTaken = ProblemType(
        slug: "email-taken", title: "This e-mail address is already in use.", status: .conflict)
    /// A browser preflight from an origin the configuration does not allow.
    public static let originNotAllowed = ProblemType(
        slug: "origin-not-allowed", title: "This origin may not call the API from a browser.", status: .forbidden)
    /// The operation needs credentials and none (or none valid) came; `WWW-Authenticate` says how.
    public static let unauthenticated = ProblemType(
        slug: "unauthenticated", title: "Authentication is required.", status: .unauthorized)
    /// The e-mail address and password do not match an account.
    public static let invalidCredentials = ProblemType(
        slug: "invalid-credentials", title: "The e-mail address or password is wrong.", status: .unauthorized)
    /// The refresh token is unknown, expired or revoked.
    public static let invalidRefreshToken = ProblemType(
        slug: "invalid-refresh-token", title: "The refresh token is not valid.", status: .unauthorized)
    /// A refresh token was used twice; its session is revoked and everyone must sign in again.
    public static let refreshTokenReused = ProblemType(
        slug: "refresh-token-reused", title: "The refresh token was already used; the session is revoked.",
        status: .unauthorized)
    /// The caller's role does not allow the operation.
    public static let forbidden = ProblemType(
        slug: "forbidden", title: "Your role does not allow this.", status: .forbidden)
    /// An API key called an operation only a signed-in person may call: creating API keys or
    /// invitations, so that a key can never mint credentials or members.
    public static let apiKeyNotAllowed = ProblemType(
        slug: "api-key-not-allowed", title: "An API key cannot do this; sign in as a person.", status: .forbidden)
    /// The role asked for is above the caller's own.
    public static let roleAboveCaller = ProblemType(
        slug: "role-above-caller", title: "You cannot grant or change a role above your own.", status: .forbidden)
    /// Too many requests, or too many failed sign-ins; `Retry-After` says when to try again.
    public static let rateLimited = ProblemType(
        slug: "rate-limited", title: "Too many requests.", status: .tooManyRequests)
    /// The change would leave the workspace without an owner.
    public static let lastOwner = ProblemType(
        slug: "last-owner", title: "A workspace keeps at least one owner.", status: .conflict)
    /// The invitation is unknown, used, withdrawn or expired.
    public static let invalidInvitation = ProblemType(
        slug: "invalid-invitation", title: "The invitation is not valid.", status: .notFound)
    /// The person is already a member of the workspace.
    public static let alreadyMember = ProblemType(
        slug: "already-member", title: "This person is already a member.", status: .conflict)
    /// The `Idempotency-Key` was already used with a different request.
    public static let idempotencyKeyReused = ProblemType(
        slug: "idempotency-key-reused", title: "This Idempotency-Key belongs to another request.",
        status: .unprocessableContent)
    /// The first request with this `Idempotency-Key` has not finished.
    public static let idempotencyKeyInProgress = ProblemType(
        slug: "idempotency-key-in-progress", title: "A request with this Idempotency-Key is still running.",
        status: .conflict)
    /// The job finished (completed or discarded), so it cannot be cancelled.
    public static let jobNotCancellable = ProblemType(
        slug: "job-not-cancellable", title: "The job has finished and cannot be cancelled.", status: .conflict)
    /// Only cancelled and discarded jobs can be retried.
    public static let jobNotRetryable = ProblemType(
        slug: "job-not-retryable", title: "Only cancelled and discarded jobs can be retried.", status: .conflict)
    /// Retrying would make two jobs hold one unique key.
    public static let uniqueKeyTaken = ProblemType(
        slug: "unique-key-taken", title: "Another job holds this job's unique key.", status: .conflict)
    /// A flag with this name already exists in the workspace.
    public static let flagNameTaken = ProblemType(
        slug: "flag-name-taken", title: "A flag with this name already exists.", status: .conflict)
    /// The flag changed since the version the change was based on.
    public static let flagVersionConflict = ProblemType(
        slug: "flag-version-conflict", title: "The flag changed since you read it.", status: .conflict)
    /// The caller may not follow a realtime topic (or it does not exist).
    public static let topicForbidden = ProblemType(
        slug: "topic-forbidden", title: "You may not follow this topic.", status: .forbidden)
    /// The caller has as many realtime streams open on this node as allowed.
    public static let tooManyStreams = ProblemType(
        slug: "too-many-streams", title: "Too many open streams.", status: .tooManyRequests)
    /// A realtime subscriber fell too far behind and was disconnected; it resumes from its
    /// last event ID. Sent inside the stream, as its last event.
    public static let slowConsumer = ProblemType(
        slug: "slow-consumer", title: "The stream fell too far behind and was closed; reconnect to resume.",
        status: .serviceUnavailable)
    /// A project changed since the version the client read.
    public static let projectVersionConflict = ProblemType(
        slug: "project-version-conflict", title: "The project changed since you read it.", status: .conflict)
    /// The workspace has as many report runs in progress, or started in 24 hours, as it may;
    /// `Retry-After` says when to try again.
    public static let reportLimitReached = ProblemType(
        slug: "report-limit-reached", title: "The workspace's report run limit is reached.", status: .tooManyRequests)
    /// A report run cannot make this change in its state: cancelling a run that ended, retrying
    /// one that did not fail or was not cancelled, or retrying while another run of its project is in progress.
    public static let reportRunStateConflict = ProblemType(
        slug: "report-run-state-conflict", title: "The report run cannot do this in its state.", status: .conflict)
    /// Not an answer: the type of a failed report run's `problem`.
    public static let reportRunFailed = ProblemType(
        slug: "report-run-failed", title: "The report could not be produced.", status: .internalServerError)
    /// A Word template cannot be used; `templateProblems` lists each tag and where it is.
    public static let templateInvalid = ProblemType(
        slug: "template-invalid", title: "The Word template cannot be used.", status: .unprocessableContent)
    /// The workspace has a Word template of this name.
    public static let templateNameTaken = ProblemType(
        slug: "template-name-taken", title: "A template with this name already exists.", status: .conflict)
    /// A form's draft changed since the revision the client read.
    public static let formRevisionConflict = ProblemType(
        slug: "form-revision-conflict", title: "The form changed since you read it.", status: .conflict)
    /// A form that was never published cannot be answered.
    public static let formNotPublished = ProblemType(
        slug: "form-not-published", title: "The form has no published version to answer.", status: .conflict)
    /// A form's public link no longer takes answers: revoked, expired, or at its response limit.
    public static let formLinkClosed = ProblemType(
        slug: "form-link-closed", title: "This form link no longer takes answers.", status: .gone)
    /// A service code the workspace's catalog already has.
    public static let serviceCodeTaken = ProblemType(
        slug: "service-code-taken", title: "The catalog already has a service with this code.", status: .conflict)
    /// A service changed since the version the client read.
    public static let serviceVersionConflict = ProblemType(
        slug: "service-version-conflict", title: "The service changed since you read it.", status: .conflict)
    /// An appointment changed since the version in `If-Match`; `current` is the appointment now.
    public static let appointmentVersionConflict = ProblemType(
        slug: "appointment-version-conflict", title: "The appointment changed since you read it.", status: .conflict)
    /// The target column holds as many cards as its WIP limit allows; `wipLimit` and `column` say which.
    public static let wipLimitReached = ProblemType(
        slug: "wip-limit-reached", title: "The column is at its WIP limit.", status: .conflict)
    /// A change that must name the version it read (`If-Match`) did not.
    public static let preconditionRequired = ProblemType(
        slug: "precondition-required", title: "Send If-Match with the version you read.", status: .preconditionRequired)
    /// The workspace has as many of something as it may have (display links).
    public static let limitReached = ProblemType(
        slug: "limit-reached", title: "The workspace has as many of these as it may.", status: .conflict)
    /// `GET /v1/ws` without a WebSocket upgrade.
    public static let upgradeRequired = ProblemType(
        slug: "upgrade-required", title: "This address speaks WebSocket; open it with an upgrade.",
        status: .upgradeRequired)
    /// The request's head (request line and header fields) is larger than the server reads:
    /// a field over 16 KiB, or all of them over 64 KiB or 100 fields. The connection closes.
    public static let headersTooLarge = ProblemType(
        slug: "headers-too-large", title: "The request's header fields are too large.",
        status: .requestHeaderFieldsTooLarge)
    /// The handler did not answer within `--request-timeout`; it was cancelled, and what it
    /// had done may or may not have taken effect.
    public static let requestTimeout = ProblemType(
        slug: "request-timeout", title: "The server did not answer in time.", status: .gatewayTimeout)
    /// Any other HTTP error status, typed by its number.
    static func httpStatus(_ status: HTTPResponse.Status) -> ProblemType {
        ProblemType(slug: "http-\(status.code)", title: status.reasonPhrase, status: status)
    }
}
