import Hummingbird

/// Gives every request's handler a deadline, `--request-timeout` (30 s by default): a
/// handler still running then is cancelled, and the request is answered
/// `504 request-timeout`.
///
/// It is the innermost middleware, so that access checks, rate limits and the idempotency
/// record stay outside it: a request that ran out of time releases its `Idempotency-Key`
/// like any other failure, and is logged and counted with its 504. The answer goes once the
/// handler has stopped: cancellation reaches it at its next wait (for a database
/// connection, a lock, a fetch), not inside a statement already running. What it had done
/// by then may or may not have taken effect, which the problem says.
///
/// Realtime is exempt: an event stream (`GET /v1/events`) and a WebSocket (`GET /v1/ws`)
/// live as long as their clients stay.
struct RequestDeadlineMiddleware: RouterMiddleware {
    typealias Context = BulletinRequestContext
    /// How long a handler may run.
    let limit: Duration

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        guard !Self.isExempt(request.uri.path) else { return try await next(request, context) }
        return try await withoutActuallyEscaping(next) { next in
            // The handler runs in a child task so that it can be cancelled; the group waits
            // for it before returning, so `next` never outlives this call.
            let handler = UncheckedHandler(run: next)
            return try await withThrowingTaskGroup(of: Outcome.self) { group in
                group.addTask { .answered(try await handler.run(request, context)) }
                group.addTask {
                    try await Task.sleep(for: limit)
                    return .timedOut
                }
                defer { group.cancelAll() }
                guard case .answered(let response) = try await group.next() else { throw timedOut }
                return response
            }
        }
    }

    /// Whether a path is served without a deadline: the realtime transports.
    static func isExempt(_ path: String) -> Bool {
        path == EventStreamRoute.path || path == WebSocketRoute.path
    }

    private var timedOut: APIError {
        APIError(
            .requestTimeout,
            detail: "No answer within \(limit); the request was cancelled and may or may not have taken effect.")
    }

    private enum Outcome: Sendable {
        case answered(Response)
        case timedOut
    }

    /// The rest of the chain, carried into the child task. It is called once, there, while
    /// this middleware waits for it.
    private struct UncheckedHandler: @unchecked Sendable {
        let run: (Request, Context) async throws -> Response
    }
}
