import BulletinCore
import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Sends a request again when it may be repeated and the failure may pass (see
/// ``RetryPolicy``). A request may be repeated when repeating it changes nothing more than
/// sending it once: a safe or idempotent method (`GET`, `HEAD`, `OPTIONS`, `PUT`, `DELETE`), a
/// write with an `Idempotency-Key` (the server answers a repeat with the first answer), or a
/// write with `If-Match` (a repeat of one that was applied is refused as stale). A body that
/// can be read only once is never sent twice.
struct RetryMiddleware: ClientMiddleware {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    let policy: RetryPolicy

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard Self.mayRepeat(request), body?.iterationBehavior ?? .multiple == .multiple else {
            return try await next(request, body, baseURL)
        }
        var attempt = 1
        while true {
            let wait: Duration
            do {
                let (response, responseBody) = try await next(request, body, baseURL)
                guard attempt < policy.maximumAttempts, RetryPolicy.retriedStatuses.contains(response.status.code) else {
                    return (response, responseBody)
                }
                if let asked = response.headerFields[.retryAfter].flatMap({ RetryAfter.duration($0) }) {
                    guard asked <= policy.longestRetryAfter else { return (response, responseBody) }
                    wait = asked
                } else {
                    wait = policy.backoff.delay(afterAttempt: attempt, random: .random(in: 0..<1))
                }
                // The refused answer is not returned: read it to its end so the connection can be reused.
                if let responseBody { _ = try? await Data(collecting: responseBody, upTo: 1 << 20) }
            } catch {
                // The request may not have reached the server, or its answer was lost (the
                // runtime wraps the transport's error, so cancellation is asked of the task).
                guard attempt < policy.maximumAttempts, !Task.isCancelled else { throw error }
                wait = policy.backoff.delay(afterAttempt: attempt, random: .random(in: 0..<1))
            }
            try await policy.sleep(wait)
            attempt += 1
        }
    }

    /// Whether sending the request twice has the effect of sending it once.
    static func mayRepeat(_ request: HTTPRequest) -> Bool {
        switch request.method {
        case .get, .head, .options, .put, .delete: true
        default: request.headerFields[idempotencyKey] != nil || request.headerFields[.ifMatch] != nil
        }
    }
}
