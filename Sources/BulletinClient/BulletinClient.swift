import AsyncHTTPClient
import BulletinOpenAPI
import Foundation
import NIOCore
import OpenAPIAsyncHTTPClient
import OpenAPIRuntime

/// A typed client of Bulletin's `/v1` API, for Swift programs that drive it.
///
/// ``api`` is the client generated from the API's OpenAPI document (every operation, typed
/// input and output); the conveniences beside it (``moveAppointment(_:to:version:before:after:)``
/// and others) turn documented failures into ``BulletinProblem`` and
/// ``AppointmentVersionConflict`` errors.
///
/// Every request carries `x-correlation-id`: ``correlationID`` when the calling task sets
/// it, otherwise a fresh one per request; retries of a request keep its ID, so the server's
/// log shows them together. Requests that may be repeated — safe or idempotent methods,
/// writes with an `Idempotency-Key`, and conditional writes (`If-Match`) — are retried on
/// connection failures and on 408, 429, 500, 502, 503 and 504, after a growing, jittered
/// wait or the server's `Retry-After` (``RetryPolicy``).
public struct BulletinClient: Sendable {
    /// The generated client: one method per operation of the document.
    public let api: Client

    /// The correlation ID the requests of the current task send, instead of one per request:
    /// `BulletinClient.$correlationID.withValue("import-42") { … }` ties a conversation together.
    @TaskLocal public static var correlationID: String?

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - serverURL: Where Bulletin answers, such as `https://bulletin.example.com`.
    ///   - token: An access token or API key, sent as `Authorization: Bearer`; `nil` for the
    ///     public operations only.
    ///   - httpClient: The connection pool to use (default: the shared one).
    ///   - retry: When and how long to wait before sending a request again.
    ///   - correlationPrefix: What generated correlation IDs start with, such as `import`.
    ///   - timeout: How long one attempt may take.
    public init(
        serverURL: URL, token: String? = nil, httpClient: HTTPClient = .shared, retry: RetryPolicy = RetryPolicy(),
        correlationPrefix: String = "client", timeout: Duration = .seconds(60)
    ) {
        let transport = AsyncHTTPClientTransport(
            configuration: .init(client: httpClient, timeout: .nanoseconds(Int64(timeout.components.seconds * 1_000_000_000))))
        var middlewares: [any ClientMiddleware] = [CorrelationMiddleware(prefix: correlationPrefix)]
        if let token { middlewares.append(BearerTokenMiddleware(token: token)) }
        middlewares.append(RetryMiddleware(policy: retry))
        api = Client(
            serverURL: serverURL.appending(path: "/"), configuration: .init(dateTranscoder: RFC3339DateTranscoder()),
            transport: transport, middlewares: middlewares)
    }
}
