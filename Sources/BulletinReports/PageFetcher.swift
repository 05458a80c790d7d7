import AsyncHTTPClient
import BulletinCore
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

/// A page as fetched: where it ended up, its status and type, and at most
/// ``PageFetcher/maximumBytes`` of its body.
public struct FetchedPage: Sendable {
    public var url: URL
    public var status: Int
    public var contentType: String?
    public var body: [UInt8]
    /// The page was longer than the cap; `body` is its beginning.
    public var truncated: Bool
}

/// Why a page could not be fetched.
public enum FetchError: Error, Equatable, CustomStringConvertible {
    /// Not an http or https address with a host.
    case unsupportedAddress(String)
    /// The host resolves to an address the policy refuses (loopback, private, metadata…).
    case refusedAddress(String)
    case unresolvable(String)
    case tooManyRedirects
    case timedOut
    case failed(String)

    public var description: String {
        switch self {
        case .unsupportedAddress(let url): "\(url) is not an http or https address"
        case .refusedAddress(let reason): "refused: \(reason)"
        case .unresolvable(let host): "\(host) does not resolve"
        case .tooManyRedirects: "more than \(PageFetcher.maximumRedirects) redirects"
        case .timedOut: "the page did not arrive in time"
        case .failed(let reason): reason
        }
    }
}

/// Fetches participants' pages for reports, guarded against server-side request forgery: each
/// host is resolved here and every address checked against the ``AddressPolicy``; the
/// connection then goes to the checked address (AsyncHTTPClient's `dnsOverride`, which still
/// verifies TLS against the host name), so a name cannot resolve one way for the check and
/// another for the connection. Redirects are followed by hand, at most five, each checked the
/// same way. Fetches share their HTTP clients, one per host and vetted address
/// (``PinnedClients``).
public struct PageFetcher: Sendable {
    public static let maximumBytes = 2 * 1024 * 1024
    public static let maximumRedirects = 5

    public var policy: AddressPolicy
    public var connectTimeout: TimeAmount
    public var totalTimeout: TimeAmount
    /// The clients the fetches go through: the process's shared set, unless a test gives its own.
    var clients = PinnedClients.shared

    public init(policy: AddressPolicy, connectTimeout: TimeAmount = .seconds(5), totalTimeout: TimeAmount = .seconds(15)) {
        self.policy = policy
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
    }

    /// Fetches `url`, following redirects.
    public func fetch(_ url: URL) async throws(FetchError) -> FetchedPage {
        let deadline = NIODeadline.now() + totalTimeout
        var current = url
        for _ in 0...Self.maximumRedirects {
            let (host, address) = try await vetted(current)
            let response = try await get(current, host: host, address: address, deadline: deadline)
            if (300..<400).contains(response.status), let location = response.location {
                guard let next = URL(string: location, relativeTo: current)?.absoluteURL else {
                    throw .failed("the redirect to \(location) is not an address")
                }
                current = next
                continue
            }
            return FetchedPage(
                url: current, status: response.status, contentType: response.contentType, body: response.body,
                truncated: response.truncated)
        }
        throw .tooManyRedirects
    }

    /// The URL's host and the address to connect to, once every address it resolves to passed.
    private func vetted(_ url: URL) async throws(FetchError) -> (String, String) {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host(percentEncoded: false), !host.isEmpty
        else { throw .unsupportedAddress(url.absoluteString) }
        let bare = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        let addresses: [String]
        if IPAddressRange.parseAddress(bare) != nil {
            addresses = [bare]
        } else {
            do {
                addresses = try await Self.resolverPool.runIfActive { Self.resolve(bare) }
            } catch {
                throw .failed("resolving \(bare) failed")
            }
        }
        guard let first = addresses.first else { throw .unresolvable(bare) }
        for address in addresses {
            if let refusal = policy.refusal(of: address, port: url.port ?? (scheme == "https" ? 443 : 80)) {
                throw .refusedAddress(refusal)
            }
        }
        return (bare, first)
    }

    private struct Response {
        var status: Int
        var location: String?
        var contentType: String?
        var body: [UInt8]
        var truncated: Bool
    }

    private func get(_ url: URL, host: String, address: String, deadline: NIODeadline) async throws(FetchError) -> Response {
        do {
            return try await clients.withClient(
                host: host, address: address, connectTimeout: connectTimeout, readTimeout: totalTimeout
            ) { client in
                var request = HTTPClientRequest(url: url.absoluteString)
                request.headers.add(name: "User-Agent", value: "Bulletin report fetcher")
                request.headers.add(name: "Accept", value: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
                let response = try await client.execute(request, deadline: deadline)
                var body: [UInt8] = []
                var truncated = false
                if !(300..<400).contains(Int(response.status.code)) {
                    for try await chunk in response.body {
                        let room = Self.maximumBytes - body.count
                        body.append(contentsOf: chunk.readableBytesView.prefix(room))
                        if chunk.readableBytes > room {
                            truncated = true
                            break
                        }
                    }
                }
                return Response(
                    status: Int(response.status.code), location: response.headers.first(name: "Location"),
                    contentType: response.headers.first(name: "Content-Type"), body: body, truncated: truncated)
            }
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            throw .timedOut
        } catch {
            throw .failed("fetching \(url.absoluteString) failed: \(error)")
        }
    }

    /// Threads for the C library's blocking name lookups, apart from the shared pool that
    /// SQLite's calls wait in.
    private static let resolverPool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 2)
        pool.start()
        return pool
    }()

    /// Every address `host` resolves to (an IP literal resolves to itself).
    static func resolve(_ host: String) -> [String] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(first) }
        var addresses: [String] = []
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let current = entry {
            var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            if current.pointee.ai_family == AF_INET {
                var address = current.pointee.ai_addr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                inet_ntop(AF_INET, &address, &text, socklen_t(text.count))
            } else if current.pointee.ai_family == AF_INET6 {
                var address = current.pointee.ai_addr.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                inet_ntop(AF_INET6, &address, &text, socklen_t(text.count))
            }
            let address = String(cString: text)
            if !address.isEmpty, !addresses.contains(address) { addresses.append(address) }
            entry = current.pointee.ai_next
        }
        return addresses
    }
}
