import NIOHTTP1

extension WebSocketRoute {
    /// Whether a request asks to switch to a WebSocket: its `Upgrade` lists `websocket`.
    static func asksForWebSocket(_ head: HTTPRequestHead) -> Bool {
        head.headers[canonicalForm: "upgrade"].contains { $0.lowercased() == "websocket" }
    }

    /// Whether the server upgrades this request: `GET` ``path`` with one `Sec-WebSocket-Key`
    /// and `Sec-WebSocket-Version: 13`, what NIO's upgrader and ``WebSocketRoute`` accept.
    ///
    /// Any other request that asks to upgrade would be refused below the router: with a bare
    /// `400` (a WebSocket elsewhere), a redirect to itself (a malformed handshake), or no
    /// answer at all (another protocol, whose request NIO's upgrade handler drops).
    /// ``RequestInputGuard`` takes its `Upgrade` away instead, as HTTP lets a server ignore it,
    /// so the router answers it: `426 upgrade-required` at ``path``, and elsewhere what the
    /// path and method get without an upgrade.
    static func acceptsHandshake(_ head: HTTPRequestHead) -> Bool {
        asksForWebSocket(head) && head.method == .GET
            && head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map { $0 == path } == true
            && head.headers[canonicalForm: "sec-websocket-key"].count == 1
            && head.headers[canonicalForm: "sec-websocket-version"] == ["13"]
    }

    /// The WebSocket protocol version this server speaks, named on a refused handshake
    /// (RFC 6455, section 4.4).
    static let protocolVersion = "13"
}
