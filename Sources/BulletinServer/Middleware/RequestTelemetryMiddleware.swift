import BulletinApp
import BulletinCore
import HTTPTypes
import Hummingbird
import Logging

/// The outermost middleware: gives the request its ID (and echoes `x-correlation-id`), then records one log line and the
/// HTTP metrics for the response.
///
/// Errors never pass through here: ``ProblemMiddleware`` inside it turns them into
/// responses, so the status logged and counted is the status sent.
struct RequestTelemetryMiddleware: RouterMiddleware {
    typealias Context = BulletinRequestContext
    let metrics: ServerMetrics

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        let start = ContinuousClock.now
        var context = context
        let requestID = request.headers[.requestID].flatMap { BulletinCore.RequestID(validating: $0[...]) } ?? BulletinCore.RequestID.make()
        context.requestID = requestID
        // Hummingbird tags each request's logger with its own counter; Bulletin's ID replaces
        // it under the same key, which JSONLogHandler writes as `requestId`.
        context.logger[metadataKey: JSONLogHandler.hummingbirdRequestIDKey] = .string(requestID.value)
        // A client's own correlation ID (such as `bulletin smoke`'s), checked like a request ID,
        // goes into the log line, the events and jobs the request causes, and back in the answer.
        let correlationID = request.headers[.correlationID].flatMap { BulletinCore.RequestID(validating: $0[...]) }
        context.correlationID = correlationID
        if let correlationID { context.logger[metadataKey: "correlationId"] = .string(correlationID.value) }

        metrics.requestStarted()
        defer { metrics.requestFinished() }
        var response = try await next(request, context)
        // Nothing else sets it: append rather than search for an existing field.
        response.headers.append(HTTPField(name: .requestID, value: requestID.value))
        if let correlationID { response.headers.append(HTTPField(name: .correlationID, value: correlationID.value)) }

        let duration = ContinuousClock.now - start
        let route = context.endpointPath.flatMap { $0 == "NotFound" ? nil : $0 } ?? "unmatched"
        metrics.record(method: request.method, route: route, status: response.status, duration: duration)
        if context.logger.logLevel <= .info {
            context.logger.info(
                "request",
                metadata: [
                    "method": .string(request.method.rawValue),
                    "route": .string(route),
                    "status": .stringConvertible(response.status.code),
                    "durationMs": .stringConvertible(Self.milliseconds(duration)),
                ])
        }
        return response
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds * 1_000_000 + attoseconds / 1_000_000_000_000) / 1000
    }
}

extension HTTPField.Name {
    /// `X-Request-ID`, the correlation header.
    static let requestID = HTTPField.Name("X-Request-ID")!
    /// `x-correlation-id`, a client's ID for a whole conversation of requests.
    static let correlationID = HTTPField.Name("x-correlation-id")!
}
