import BulletinCore
import BulletinStore
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// Safe retries of creating `POST`s: a request with an `Idempotency-Key` runs once; a retry
/// with the same key and body (JSON compared regardless of key order) gets the first response (with `Idempotent-Replayed: true`), the
/// same key with another body a 422, and a retry while the first still runs a 409.
///
/// Keys are per principal (or shared by anonymous callers) and kept 24 hours. The stored
/// response is encrypted with AES-GCM under a key derived from the `Idempotency-Key` and
/// the installation's signing key, so the database alone does not reveal a secret that a
/// response showed once. Responses of 5xx, and errors, are not kept: a retry runs again.
struct IdempotencyMiddleware: RouterMiddleware {
    typealias Context = BulletinRequestContext
    let operations: PermissionTable
    let store: IdempotencyStore
    let secret: SymmetricKey
    let clock: WallClock
    let maximumBodySize: Int

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        guard let key = request.headers[.idempotencyKey], let template = context.endpointPath,
            operations.acceptsIdempotencyKey(method: request.method, path: template)
        else { return try await next(request, context) }
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw APIError(.badRequest, detail: "Idempotency-Key must be 1–255 visible ASCII characters.")
        }
        var request = request
        let body = try await request.collectBody(upTo: maximumBodySize)
        let scope = RequestScope.current?.principal.map { "principal:\($0.id):\($0.workspaceID)" } ?? "anonymous"
        let fingerprint = Array((request.method.rawValue + " " + request.uri.path + "\n").utf8) + Self.canonical(body)
        switch try await store.claim(scope: scope, key: key, request: fingerprint, now: clock.now()) {
        case .mismatch:
            throw APIError(.idempotencyKeyReused, detail: "This Idempotency-Key was used with another request.")
        case .inProgress:
            throw APIError(.idempotencyKeyInProgress, detail: "Retry when the first request has finished.", headers: [.retryAfter: "1"])
        case .replay(let status, let sealed):
            if let response = try? replay(status: status, sealed: sealed, key: key) { return response }
            // Sealed under a signing key this installation no longer has: forget it and run.
            try await store.discard(scope: scope, key: key)
            guard try await store.claim(scope: scope, key: key, request: fingerprint, now: clock.now()) == .run else {
                throw APIError(.idempotencyKeyInProgress, detail: "Retry in a moment.", headers: [.retryAfter: "1"])
            }
            return try await run(request, context: context, next: next, key: key, scope: scope)
        case .run:
            return try await run(request, context: context, next: next, key: key, scope: scope)
        }
    }

    private func run(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response, key: String,
        scope: String
    ) async throws -> Response {
        let response: Response
        let body: ByteBuffer
        do {
            var produced = try await next(request, context)
            body = try await Self.collect(produced.body)
            produced.body = ResponseBody(byteBuffer: body)
            response = produced
        } catch {
            try? await store.abandon(scope: scope, key: key)
            throw error
        }
        guard response.status.code < 500 else {
            try await store.abandon(scope: scope, key: key)
            return response
        }
        let stored = StoredResponse(contentType: response.headers[.contentType], body: Array(buffer: body))
        let sealed = try AES.GCM.seal(try JSONEncoder().encode(stored), using: encryptionKey(for: key)).combined!
        try await store.complete(scope: scope, key: key, status: Int(response.status.code), response: Array(sealed))
        return response
    }

    private func replay(status: Int, sealed: [UInt8], key: String) throws -> Response {
        let opened = try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: encryptionKey(for: key))
        let stored = try JSONDecoder().decode(StoredResponse.self, from: opened)
        var headers: HTTPFields = [.idempotentReplayed: "true"]
        if let contentType = stored.contentType { headers[.contentType] = contentType }
        return Response(
            status: HTTPResponse.Status(code: status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: stored.body)))
    }

    private func encryptionKey(for idempotencyKey: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(
            inputKeyMaterial: secret, salt: Data(idempotencyKey.utf8), info: Data("bulletin idempotency v1".utf8),
            outputByteCount: 32)
    }

    /// The body as compared between a request and its retry: JSON with its keys sorted (a
    /// client may serialise the same object in another order), else the bytes as sent.
    private static func canonical(_ body: ByteBuffer) -> [UInt8] {
        let bytes = Array(buffer: body)
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]),
            let sorted = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed])
        else { return bytes }
        return Array(sorted)
    }

    /// A response as kept for replay.
    private struct StoredResponse: Codable {
        let contentType: String?
        let body: [UInt8]
    }

    /// Reads a response body into one buffer (creating responses are small JSON documents).
    private static func collect(_ body: ResponseBody) async throws -> ByteBuffer {
        let collected = CollectedBody()
        try await body.write(CollectingWriter(target: collected))
        return collected.buffer.withLock { $0 }
    }
}

private final class CollectedBody: Sendable {
    let buffer = Mutex(ByteBuffer())
}

private struct CollectingWriter: ResponseBodyWriter {
    let target: CollectedBody

    mutating func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        target.buffer.withLock { $0.writeBuffer(&buffer) }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

extension HTTPField.Name {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let idempotentReplayed = HTTPField.Name("Idempotent-Replayed")!
}
