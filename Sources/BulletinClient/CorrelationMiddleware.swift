import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Sends `x-correlation-id` on every request: the task's ``BulletinClient/correlationID``,
/// or a fresh `PREFIX-<16 hex digits>`. It is the outermost middleware, so that every retry
/// of a request carries the same ID.
struct CorrelationMiddleware: ClientMiddleware {
    static let header = HTTPField.Name("x-correlation-id")!
    let prefix: String

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        if request.headerFields[Self.header] == nil {
            request.headerFields[Self.header] =
                BulletinClient.correlationID ?? prefix + "-" + String(UInt64.random(in: .min ... .max), radix: 16)
        }
        return try await next(request, body, baseURL)
    }
}

/// Sends `Authorization: Bearer TOKEN` on every request.
struct BearerTokenMiddleware: ClientMiddleware {
    let token: String

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        request.headerFields[.authorization] = "Bearer \(token)"
        return try await next(request, body, baseURL)
    }
}
