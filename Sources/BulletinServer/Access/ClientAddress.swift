import Foundation
import HTTPTypes
import NIOCore

/// The client's address, for rate limits and the audit log.
enum ClientAddress {
    /// The peer's address, or behind a trusted proxy the right-most `X-Forwarded-For` entry:
    /// the one the proxy in front of Bulletin added (entries to its left came from the client
    /// and can be anything).
    static func resolve(headers: HTTPFields, peer: SocketAddress?, trustsForwardedFor: Bool) -> String? {
        if trustsForwardedFor, let forwarded = headers[.xForwardedFor],
            let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty
        {
            return String(last.prefix(64))
        }
        return peer?.ipAddress
    }
}
