import ArgumentParser
import AsyncHTTPClient
import BulletinCore
import Foundation
import NIOCore
import NIOHTTP1

/// A client of a running server's API for the operator commands (`smoke`, `loadtest`): one
/// shared `HTTPClient`, the server's base URL and the bearer token. Every request carries a
/// fresh correlation ID in `x-correlation-id`, and the same in `X-Request-ID`, the header the
/// server logs and echoes, so a line of the command's output can be found in the server's log.
struct OperatorClient: Sendable {
    let http: HTTPClient
    /// The base URL without a trailing slash, such as `http://127.0.0.1:8080`.
    let base: String
    let token: String?
    /// What the correlation IDs start with, such as `smoke`.
    let prefix: String

    /// How long one request may take.
    static let requestTimeout = TimeAmount.seconds(30)
    /// The largest body read from an answer.
    static let maximumBody = 16 << 20

    /// Runs `body` with a client whose connection pool holds up to `connections` connections,
    /// and shuts the client down afterwards, whether `body` threw or not.
    static func with<Value: Sendable>(
        _ base: ServerURL, token: String?, prefix: String, connections: Int = 8,
        _ body: (OperatorClient) async throws -> Value
    ) async throws -> Value {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(5), read: requestTimeout)
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(connections, 1))
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let client = OperatorClient(http: http, base: base.value, token: token, prefix: prefix)
        let result: Value
        do {
            result = try await body(client)
        } catch {
            try? await http.shutdown()
            throw error
        }
        try await http.shutdown()
        return result
    }

    /// Sends one request and reads the whole answer.
    ///
    /// - Parameters:
    ///   - path: The path and query, starting with `/`.
    ///   - json: A JSON body, sent as `application/json`.
    ///   - ifMatch: A version, sent quoted in `If-Match`.
    /// - Throws: ``RequestFailed`` when no answer came (the server is unreachable, the
    ///   connection broke, or the request timed out).
    func send(_ method: HTTPMethod, _ path: String, json: Data? = nil, ifMatch: String? = nil) async throws -> Reply {
        let correlationID = prefix + "-" + RandomID.make().lowercased()
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "x-correlation-id", value: correlationID)
        request.headers.add(name: "X-Request-ID", value: correlationID)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let ifMatch { request.headers.add(name: "If-Match", value: "\"\(ifMatch)\"") }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: json))
        }
        let start = ContinuousClock.now
        do {
            let response = try await http.execute(request, timeout: Self.requestTimeout)
            let body = try await response.body.collect(upTo: Self.maximumBody)
            return Reply(
                status: Int(response.status.code), body: Data(body.readableBytesView), correlationID: correlationID,
                elapsed: ContinuousClock.now - start)
        } catch {
            throw RequestFailed(correlationID: correlationID, elapsed: ContinuousClock.now - start, reason: "\(error)")
        }
    }
}

/// A server's base URL as given on the command line: `http://` or `https://`, without the
/// trailing slash.
struct ServerURL: ExpressibleByArgument, Sendable {
    let value: String

    init?(argument: String) {
        guard let url = URL(string: argument), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
            return nil
        }
        var value = argument
        while value.hasSuffix("/") { value.removeLast() }
        self.value = value
    }
}

/// An answer of the server, read to the end.
struct Reply: Sendable {
    let status: Int
    let body: Data
    let correlationID: String
    /// From just before the request was sent to the end of the answer.
    let elapsed: Duration

    /// The body as a JSON object, or `nil` when it is not one.
    var object: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }

    /// The problem's `type` slug, such as `appointment-version-conflict`, when the body is a
    /// problem.
    var problemType: String? {
        (object?["type"] as? String)?.components(separatedBy: "/").last
    }

    /// The status with the problem's type and detail, such as `status 401 unauthorized: The
    /// token has expired.`, to say why a check failed.
    var reason: String {
        let problem = object
        var text = "status \(status)"
        if let type = (problem?["type"] as? String)?.components(separatedBy: "/").last { text += " \(type)" }
        if let detail = problem?["detail"] as? String { text += ": \(detail)" }
        return text
    }
}

/// A request that got no answer.
struct RequestFailed: Error, CustomStringConvertible {
    let correlationID: String
    let elapsed: Duration
    let reason: String

    var description: String { reason }
}
