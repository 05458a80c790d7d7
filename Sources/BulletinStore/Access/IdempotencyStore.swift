import BulletinCore
import Crypto
import Foundation

/// The first responses to creating requests, by `Idempotency-Key`, kept 24 hours so that a
/// retry gets the same answer instead of creating twice.
///
/// A key is claimed (a row without a status) before the request runs, so a concurrent retry
/// waits for the first instead of running alongside it. The stored response is opaque here:
/// the server encrypts it, since it may hold a secret shown once (an API key).
public struct IdempotencyStore: Sendable {
    let database: any SQLContext

    /// How long a key is remembered.
    public static let lifetime: TimeInterval = 24 * 3600
    /// How long a claim without a response blocks retries: a node that died mid-request
    /// must not block its key for a day.
    public static let claimLifetime: TimeInterval = 60

    /// What a request with a key should do.
    public enum Claim: Sendable, Equatable {
        /// Run the request; then ``complete(scope:key:status:response:)`` or ``abandon(scope:key:)``.
        case run
        /// Answer with the stored response.
        case replay(status: Int, response: [UInt8])
        /// The key was used with another request.
        case mismatch
        /// The first request with this key is still running.
        case inProgress
    }

    /// Creates the store over a database.
    public init(database: any SQLContext) {
        self.database = database
    }

    /// Claims a key for a request, or finds what happened to it before. Only digests of the
    /// key and the request are stored.
    ///
    /// - Parameters:
    ///   - scope: Whose key it is, such as the principal.
    ///   - key: The `Idempotency-Key`.
    ///   - request: What makes two requests the same (method, path and body).
    public func claim(scope: String, key: String, request: [UInt8], now: Date) async throws -> Claim {
        let keyHash = Self.digest(Array(key.utf8))
        let requestHash = Self.digest(request)
        let expired = now.addingTimeInterval(-Self.lifetime)
        let abandoned = now.addingTimeInterval(-Self.claimLifetime)
        return try await database.transaction { executor in
            try await executor.query(
                """
                DELETE FROM idempotency_keys WHERE created_at < \(expired)
                    OR (scope = \(scope) AND key_hash = \(keyHash) AND status IS NULL AND created_at < \(abandoned))
                """)
            let rows = try await executor.query(
                "SELECT request_hash, status, response FROM idempotency_keys WHERE scope = \(scope) AND key_hash = \(keyHash)")
            if let row = rows.first {
                guard try row.decode("request_hash", as: String.self) == requestHash else { return .mismatch }
                guard let status: Int = try row.decodeIfPresent("status") else { return .inProgress }
                return .replay(status: status, response: try row.decodeIfPresent("response") ?? [])
            }
            // A concurrent first request with the same key may have inserted meanwhile.
            let claimed = try await executor.query(
                """
                INSERT INTO idempotency_keys (scope, key_hash, request_hash, created_at)
                VALUES (\(scope), \(keyHash), \(requestHash), \(now))
                ON CONFLICT (scope, key_hash) DO NOTHING RETURNING scope
                """)
            return claimed.isEmpty ? .inProgress : .run
        }
    }

    /// Stores the response of a claimed key.
    public func complete(scope: String, key: String, status: Int, response: [UInt8]) async throws {
        let keyHash = Self.digest(Array(key.utf8))
        try await database.transaction { executor in
            try await executor.query(
                """
                UPDATE idempotency_keys SET status = \(status), response = \(response)
                WHERE scope = \(scope) AND key_hash = \(keyHash)
                """)
        }
    }

    /// Releases a claimed key whose request failed, so that a retry runs again.
    public func abandon(scope: String, key: String) async throws {
        let keyHash = Self.digest(Array(key.utf8))
        try await database.transaction { executor in
            try await executor.query(
                "DELETE FROM idempotency_keys WHERE scope = \(scope) AND key_hash = \(keyHash) AND status IS NULL")
        }
    }

    /// Forgets a stored response that can no longer be read (the installation's key
    /// changed), so that the request runs again.
    public func discard(scope: String, key: String) async throws {
        let keyHash = Self.digest(Array(key.utf8))
        try await database.transaction { executor in
            try await executor.query("DELETE FROM idempotency_keys WHERE scope = \(scope) AND key_hash = \(keyHash)")
        }
    }

    private static func digest(_ bytes: [UInt8]) -> String {
        hexString(SHA256.hash(data: bytes))
    }
}
