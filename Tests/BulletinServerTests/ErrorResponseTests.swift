import BulletinApp
import BulletinCore
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import OpenAPIRuntime
import Testing

@testable import BulletinServer

/// Every error is RFC 9457 problem+json with a stable type and the request ID. The probe
/// routes below sit behind the application's real middleware, added to the real router.
@Suite("Error responses")
struct ErrorResponseTests {
    struct Widget: Codable {
        let name: String
        let count: Int
    }

    struct SecretFailure: Error, CustomStringConvertible {
        var description: String { "FATAL: password authentication failed for user \"app\" at 10.0.0.7" }
    }

    static func withProbes(
        maximumBodySize: Int = 1 << 20, _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        try await TestDatabases.withDatabase(.sqlite) { database in
            let services = try await AppServices.forTests(database) { $0.maximumBodySize = maximumBodySize }
            let router = try buildRouter(services: services, instance: InstanceHolder())
            router.post("/probe/widgets") { request, context -> Response in
                let data = try await request.body.collect(upTo: .max)
                let widget = try JSONDecoder().decode(Widget.self, from: Data(buffer: data))
                return Response(status: .created, body: .init(byteBuffer: ByteBuffer(string: widget.name)))
            }
            router.get("/probe/crash") { _, _ -> Response in throw SecretFailure() }
            router.post("/probe/validate") { _, _ -> Response in
                throw APIError.validation([
                    FieldError(pointer: "/name", message: "Name must not be empty."),
                    FieldError(pointer: "/peers/2/url", message: "Use http or https."),
                ])
            }
            try await Application(router: router).test(.router) { client in try await body(client) }
        }
    }

    static let json: HTTPFields = [.contentType: "application/json"]

    @Test("unknown routes answer 404 problem+json carrying the request ID")
    func notFound() async throws {
        try await Self.withProbes { client in
            try await client.execute(uri: "/v1/nothing-here?x=1", method: .get, headers: [.requestID: "client-id-7"]) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.requestID] == "client-id-7")
                let problem = try Problem(response)
                #expect(problem.type == "https://bulletin.dev/problems/not-found")
                #expect(problem.status == 404)
                #expect(problem.instance == "/v1/nothing-here")
                #expect(problem.requestId == "client-id-7")
                #expect(problem.title.isEmpty == false)
            }
        }
    }

    @Test("an invalid X-Request-ID is replaced, never echoed", arguments: ["has space", String(repeating: "a", count: 129), "<x>"])
    func invalidRequestID(candidate: String) async throws {
        try await Self.withProbes { client in
            try await client.execute(uri: "/healthz", method: .get, headers: [.requestID: candidate]) { response in
                let assigned = try #require(response.headers[.requestID])
                #expect(assigned != candidate)
                #expect(assigned.count == 26)
            }
        }
    }

    @Test("a known path with the wrong method answers 405 with Allow")
    func methodNotAllowed() async throws {
        try await Self.withProbes { client in
            try await client.execute(uri: "/v1/system/info", method: .delete) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET")
                let problem = try Problem(response)
                #expect(problem.type == "https://bulletin.dev/problems/method-not-allowed")
            }
        }
    }

    /// The router takes `/v1/flags/export` to its own route, never to `/v1/flags/{name}`: a
    /// PUT there is refused, and `Allow` names what that route (and the document) accepts.
    @Test("Allow names only the methods the document declares for the path the router reaches")
    func allowNamesTheReachedRoute() async throws {
        try await Self.withProbes { client in
            for (method, path, allow) in [
                (HTTPRequest.Method.put, "/v1/flags/export", "GET"), (.get, "/v1/flags/import", "POST"),
                (.get, "/v1/projects/validation", "POST"), (.post, "/v1/flags/some-flag", "DELETE, GET, PUT"),
            ] {
                try await client.execute(uri: path, method: method) { response in
                    #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                    #expect(response.headers[.allow] == allow, "\(method) \(path)")
                    let problem = try Problem(response)
                    #expect(problem.type == ProblemType.methodNotAllowed.uri, "\(method) \(path)")
                }
            }
        }
    }

    @Test("a body over the limit answers 413 before the handler reads it")
    func tooLarge() async throws {
        try await Self.withProbes(maximumBodySize: 64) { client in
            let body = ByteBuffer(string: #"{"name":""# + String(repeating: "x", count: 100) + #"","count":1}"#)
            try await client.execute(uri: "/probe/widgets", method: .post, headers: Self.json, body: body) { response in
                #expect(response.status == .contentTooLarge)
                let problem = try Problem(response)
                #expect(problem.type == "https://bulletin.dev/problems/payload-too-large")
                #expect(problem.detail?.contains("64 bytes") == true)
            }
            let small = ByteBuffer(string: #"{"name":"ok","count":1}"#)
            try await client.execute(uri: "/probe/widgets", method: .post, headers: Self.json, body: small) { response in
                #expect(response.status == .created)
            }
        }
    }

    static func checked(_ chunks: [String], limit: Int = 1 << 20) -> CheckedRequestBody {
        let stream = AsyncStream<ByteBuffer> { continuation in
            for chunk in chunks { continuation.yield(ByteBuffer(string: chunk)) }
            continuation.finish()
        }
        return CheckedRequestBody(
            base: RequestBody(asyncSequence: stream), limit: limit, maximumDepth: 3,
            tooLarge: APIError(.payloadTooLarge), tooDeep: APIError(.jsonTooDeep))
    }

    static func consume(_ body: CheckedRequestBody) async throws -> Int {
        var received = 0
        for try await chunk in body { received += chunk.readableBytes }
        return received
    }

    @Test("a streamed body is cut off at the first byte past the limit")
    func streamedBodyLimit() async throws {
        await #expect(throws: APIError.self) {
            _ = try await Self.consume(Self.checked(["{\"a\":", "\"67890\"", "}"], limit: 10))
        }
        #expect(try await Self.consume(Self.checked(["{\"a\":", "1}"], limit: 10)) == 7)
    }

    @Test("nesting is counted across chunks, and brackets inside strings do not count")
    func nestingDepth() async throws {
        #expect(try await Self.consume(Self.checked(["[[", "[1]]]"])) == 7)
        #expect(try await Self.consume(Self.checked([#"[[["[[[\"]]]\"]"#, "]]"])) > 0)
        await #expect(throws: APIError.self) { _ = try await Self.consume(Self.checked(["[[", "[[1]]]]"])) }
        await #expect(throws: APIError.self) { _ = try await Self.consume(Self.checked([#"{"a":{"b":{"c":{}}}}"#])) }
    }

    @Test(
        "a body that is not JSON answers 415",
        arguments: ["text/plain", "application/xml", nil] as [String?])
    func unsupportedMediaType(contentType: String?) async throws {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        try await Self.withProbes { [headers] client in
            try await client.execute(
                uri: "/probe/widgets", method: .post, headers: headers, body: ByteBuffer(string: "name=x")
            ) { response in
                #expect(response.status == .unsupportedMediaType)
                #expect(response.headers[.acceptPost] == "application/json")
                let problem = try Problem(response)
                #expect(problem.type == "https://bulletin.dev/problems/unsupported-media-type")
            }
        }
    }

    @Test("JSON media types with parameters or a +json suffix are accepted")
    func jsonMediaTypes() {
        #expect(RequestBodyMiddleware.isJSON("application/json"))
        #expect(RequestBodyMiddleware.isJSON("Application/JSON; charset=utf-8"))
        #expect(RequestBodyMiddleware.isJSON("application/merge-patch+json"))
        #expect(!RequestBodyMiddleware.isJSON("text/json"))
        #expect(!RequestBodyMiddleware.isJSON(nil))
    }

    /// The error the OpenAPI runtime raises when it cannot decode a request body.
    static func undecodableBody(_ json: String) -> ServerError {
        let decodingError: DecodingError
        do {
            _ = try JSONDecoder().decode(Widget.self, from: Data(json.utf8))
            preconditionFailure("\(json) decodes")
        } catch let error as DecodingError {
            decodingError = error
        } catch {
            preconditionFailure("unexpected \(error)")
        }
        return ServerError(
            operationID: "createWidget", request: HTTPRequest(method: .post, scheme: nil, authority: nil, path: "/v1/w"),
            requestBody: nil, requestMetadata: .init(), causeDescription: "An error occurred while parsing the request",
            underlyingError: decodingError, httpStatus: .badRequest, httpHeaderFields: [:], httpBody: nil)
    }

    @Test("a request body that is not JSON answers 400")
    func malformedJSON() {
        let problem = ProblemMiddleware.apiError(for: Self.undecodableBody(#"{"name": "#))
        #expect(problem.type == .malformedJSON)
        #expect(problem.type.status == .badRequest)
    }

    @Test(
        "a request body of the wrong shape answers 422 pointing at the field",
        arguments: [(#"{"name": 5, "count": 1}"#, "/name"), (#"{"name": "a"}"#, "/count"), (#"{"name": "a", "count": null}"#, "/count")])
    func wrongShape(body: String, pointer: String) {
        let problem = ProblemMiddleware.apiError(for: Self.undecodableBody(body))
        #expect(problem.type == .validationFailed)
        #expect(problem.fieldErrors.map(\.pointer) == [pointer])
    }

    @Test("a handler's own failure behind the generated layer keeps its meaning, or is a 500")
    func handlerFailures() {
        func wrapped(_ error: any Error, status: HTTPResponse.Status) -> ServerError {
            ServerError(
                operationID: "getThing", request: HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/v1/t"),
                requestBody: nil, requestMetadata: .init(), causeDescription: "Unknown", underlyingError: error,
                httpStatus: status, httpHeaderFields: [:], httpBody: nil)
        }
        #expect(ProblemMiddleware.apiError(for: wrapped(APIError(.notFound), status: .internalServerError)).type == .notFound)
        #expect(ProblemMiddleware.apiError(for: wrapped(HTTPError(.notFound), status: .notFound)).type.status == .notFound)
        #expect(
            ProblemMiddleware.apiError(for: wrapped(HTTPError(.serviceUnavailable), status: .serviceUnavailable)).type.status
                == .serviceUnavailable)
        let stored = Self.undecodableBody("[]").underlyingError
        #expect(ProblemMiddleware.apiError(for: wrapped(stored, status: .internalServerError)).type == .internalError)
    }

    @Test("the log of a failed operation carries its cause, not the request's headers")
    func logDescription() {
        var request = HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/v1/t")
        request.headerFields[.authorization] = "Bearer secret-token"
        let error = ServerError(
            operationID: "getThing", request: request, requestBody: nil, requestMetadata: .init(),
            causeDescription: "Unknown", underlyingError: SecretFailure(), httpStatus: .internalServerError,
            httpHeaderFields: [:], httpBody: nil)
        let line = ProblemMiddleware.logDescription(of: error)
        #expect(line.hasPrefix("getThing: Unknown: "))
        #expect(!line.contains("secret-token"))
    }

    @Test("a handler that cannot decode its own data answers 500, not a client error")
    func serverSideDecodingFailure() async throws {
        try await Self.withProbes { client in
            try await client.execute(
                uri: "/probe/widgets", method: .post, headers: Self.json, body: ByteBuffer(string: #"{"name": "#)
            ) { response in
                #expect(response.status == .internalServerError)
                let problem = try Problem(response)
                #expect(problem.type == "https://bulletin.dev/problems/internal-error")
            }
        }
    }

    @Test("an unmatched request with a body gets its 404 or 405, not a complaint about the body")
    func unmatchedWithBody() async throws {
        try await Self.withProbes(maximumBodySize: 4) { client in
            let body = ByteBuffer(string: "plain text, and long")
            let plain: HTTPFields = [.contentType: "text/plain"]
            try await client.execute(uri: "/v1/nowhere", method: .post, headers: plain, body: body) { response in
                #expect(response.status == .notFound)
                let problem = try Problem(response)
                #expect(problem.type == "https://bulletin.dev/problems/not-found")
            }
            try await client.execute(uri: "/healthz", method: .post, headers: plain, body: body) { response in
                #expect(response.status == .methodNotAllowed)
                let problem = try Problem(response)
                #expect(problem.type == "https://bulletin.dev/problems/method-not-allowed")
            }
        }
    }

    @Test("validation problems list every field")
    func validation() async throws {
        try await Self.withProbes { client in
            try await client.execute(uri: "/probe/validate", method: .post) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try Problem(response)
                #expect(problem.type == "https://bulletin.dev/problems/validation-failed")
                #expect(
                    problem.errors == [
                        FieldError(pointer: "/name", message: "Name must not be empty."),
                        FieldError(pointer: "/peers/2/url", message: "Use http or https."),
                    ])
                #expect(problem.detail == "2 fields are invalid.")
            }
        }
    }

    @Test("an unexpected failure answers 500 without the failure's text")
    func internalError() async throws {
        try await Self.withProbes { client in
            try await client.execute(uri: "/probe/crash", method: .get) { response in
                #expect(response.status == .internalServerError)
                let text = String(buffer: response.body)
                #expect(!text.contains("password"))
                #expect(!text.contains("10.0.0.7"))
                let problem = try Problem(response)
                #expect(problem.type == "https://bulletin.dev/problems/internal-error")
                #expect(problem.requestId == response.headers[.requestID])
            }
        }
    }

    @Test("JSON pointers escape ~ and / (RFC 6901)")
    func pointers() {
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int?
            init(stringValue: String) { self.stringValue = stringValue }
            init(intValue: Int) {
                self.stringValue = "\(intValue)"
                self.intValue = intValue
            }
        }
        #expect(ProblemMiddleware.pointer([Key(stringValue: "a/b"), Key(intValue: 3), Key(stringValue: "m~n")]) == "/a~1b/3/m~0n")
    }
}

/// A decoded problem+json body.
struct Problem: Decodable {
    let type: String
    let title: String
    let status: Int
    let detail: String?
    let instance: String?
    let requestId: String
    let errors: [FieldError]?

    init(_ response: TestResponse) throws {
        #expect(response.headers[.contentType] == "application/problem+json")
        self = try JSONDecoder().decode(Problem.self, from: Data(buffer: response.body))
    }
}
