import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// The HTTP clients page fetches share: one per host and the address it was vetted to, kept
/// while it is used and for a minute after, so that a run's pages on one site (and the next
/// run's) reuse its connections instead of each opening its own client and pool.
///
/// Why not a single client: the fetcher pins each connection to the address it checked
/// against the ``AddressPolicy`` (AsyncHTTPClient's `dnsOverride`, which still sends the host
/// name for TLS), and AsyncHTTPClient takes that override per client only, not per request.
final class PinnedClients: Sendable {
    /// The clients of the process's page fetches.
    static let shared = PinnedClients()

    /// How long an unused client is kept.
    static let idleLifetime: TimeInterval = 60

    private struct Key: Hashable {
        let host: String
        let address: String
        let connectTimeout: TimeAmount
        let readTimeout: TimeAmount
    }

    private struct Entry {
        let client: HTTPClient
        var users: Int
        var lastUsed: Date
    }

    private let entries = Mutex<[Key: Entry]>([:])

    /// Runs `body` with the client that connects to `address` for `host`, with these timeouts.
    func withClient<Result>(
        host: String, address: String, connectTimeout: TimeAmount, readTimeout: TimeAmount,
        _ body: (HTTPClient) async throws -> Result
    ) async rethrows -> Result {
        let key = Key(host: host, address: address, connectTimeout: connectTimeout, readTimeout: readTimeout)
        let (client, idle) = entries.withLock { entries in
            let now = Date()
            let idle = entries.filter { $0.value.users == 0 && now.timeIntervalSince($0.value.lastUsed) > Self.idleLifetime }
            for key in idle.keys { entries[key] = nil }
            var entry = entries[key] ?? Entry(client: Self.client(for: key), users: 0, lastUsed: now)
            entry.users += 1
            entries[key] = entry
            return (entry.client, idle.values.map(\.client))
        }
        for unused in idle { unused.shutdown { _ in } }
        defer {
            entries.withLock { entries in
                entries[key]?.users -= 1
                entries[key]?.lastUsed = Date()
            }
        }
        return try await body(client)
    }

    /// How many clients are kept now.
    var count: Int { entries.withLock { $0.count } }

    /// Shuts every client down; for a set of clients that is about to be released (the
    /// process's shared set lives as long as the process).
    func shutdown() async throws {
        let clients = entries.withLock { entries in
            defer { entries = [:] }
            return entries.values.map(\.client)
        }
        for client in clients { try await client.shutdown() }
    }

    private static func client(for key: Key) -> HTTPClient {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: key.connectTimeout, read: key.readTimeout))
        configuration.dnsOverride = [key.host: key.address]
        return HTTPClient(eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup.singleton), configuration: configuration)
    }
}
