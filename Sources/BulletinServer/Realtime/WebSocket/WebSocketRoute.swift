import BulletinCore
import BulletinStore
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import NIOCore
import NIOWebSocket
import Prometheus

/// `GET /v1/ws`: realtime over a WebSocket, with the same tickets, topics, checks, events and
/// resume as `GET /v1/events`; ``WebSocketConnection`` speaks the messages.
///
/// The WebSocket channel decides on the upgrade at the handshake, before the router sees the
/// request, so this authenticates on its own, with the access middleware's authenticator and
/// rate limiter: a `ticket` in the query (what a browser can send) or `Authorization: Bearer`.
/// A handshake whose credentials fail is still upgraded, and the socket then carries the
/// problem and closes with 1008 (policy violation): a browser's WebSocket cannot read a
/// refused handshake's status, but it can read that message. A plain `GET` without the upgrade,
/// or with a handshake the server cannot take (no `Sec-WebSocket-Key`, a version other than
/// 13), reaches the router and gets `426 upgrade-required` (``acceptsHandshake(_:)``).
struct WebSocketRoute: Sendable {
    static let path = "/v1/ws"
    /// How long a refused socket stays open for its problem to be read, unless the client closes it.
    static let refusalGrace = Duration.seconds(2)
    /// How often the server pings an open WebSocket; one that does not answer is closed.
    static let pingInterval = Duration.seconds(15)

    let sessions: RealtimeSessions
    let authenticator: Authenticator
    let rateLimiter: RateLimiter
    let trustsForwardedFor: Bool

    /// A connection's channel: HTTP/1.1 with the given limits, whose requests for ``path`` may
    /// upgrade.
    func channel(http1: HTTP1Channel.Configuration, responder: @escaping HTTPChannelHandler.Responder) -> HTTP1WebSocketUpgradeChannel {
        let configuration = HTTP1WebSocketUpgradeChannel.Configuration(
            http1: http1,
            ws: WebSocketServerConfiguration(
                maxFrameSize: WebSocketConnection.maximumMessageSize, autoPing: .enabled(timePeriod: Self.pingInterval),
                closeTimeout: .seconds(10), validateUTF8: true))
        return HTTP1WebSocketUpgradeChannel(responder: responder, configuration: configuration) { head, channel, _ in
            await shouldUpgrade(head, peer: channel.remoteAddress)
        }
    }

    /// The router's side: a request for ``path`` that did not ask to upgrade.
    func register(on router: Router<BulletinRequestContext>) {
        router.get(RouterPath(stringLiteral: Self.path)) { _, _ -> Response in
            throw APIError(
                .upgradeRequired,
                detail: "Open \(Self.path) as a WebSocket (version \(Self.protocolVersion), with a Sec-WebSocket-Key).",
                headers: [.upgrade: "websocket", .connection: "Upgrade", .secWebSocketVersion: Self.protocolVersion])
        }
    }

    private func shouldUpgrade(
        _ head: HTTPRequest, peer: SocketAddress?
    ) async -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>> {
        let uri = URI(head.path ?? "")
        guard uri.path == Self.path, head.method == .get else { return .dontUpgrade }
        let requestID =
            head.headerFields[.requestID].flatMap { BulletinCore.RequestID(validating: $0[...]) } ?? BulletinCore.RequestID.make()
        let admission = await admit(head, ticket: uri.queryParameters.get("ticket"), peer: peer)
        return .upgrade([.requestID: requestID.value]) { inbound, outbound, _ in
            await serve(admission, inbound: inbound, outbound: outbound, requestID: requestID)
        }
    }

    /// Authenticates the handshake, counting failures against the client's address and
    /// successes against the principal, as the access middleware does.
    private func admit(_ head: HTTPRequest, ticket: String?, peer: SocketAddress?) async -> Result<Principal, APIError> {
        let principal: Principal
        do {
            if let ticket {
                principal = try await authenticator.principal(forTicket: ticket)
            } else {
                principal = try await authenticator.principal(for: head)
            }
        } catch {
            let address = ClientAddress.resolve(headers: head.headerFields, peer: peer, trustsForwardedFor: trustsForwardedFor)
            return .failure(limited("address:" + (address ?? "unknown")) ?? (error as? APIError) ?? APIError(.internalError))
        }
        if let refusal = limited("principal:" + principal.id) { return .failure(refusal) }
        guard principal.may(.subscribeEvents) else {
            return .failure(APIError(.forbidden, detail: "The \(principal.role.rawValue) role cannot follow events."))
        }
        return .success(principal)
    }

    /// A `rate-limited` problem when the key's bucket is empty.
    private func limited(_ key: String) -> APIError? {
        let decision = rateLimiter.take(key, now: authenticator.clock.now())
        return decision.allowed ? nil : APIError(.rateLimited, detail: "Try again in \(decision.retryAfterSeconds) s.")
    }

    private func serve(
        _ admission: Result<Principal, APIError>, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter,
        requestID: BulletinCore.RequestID
    ) async {
        let principal: Principal
        do {
            principal = try admission.get()
            try sessions.openConnection(of: principal.userID)
        } catch {
            let problem = (error as? APIError) ?? APIError(.internalError)
            let message = WebSocketConnection.errorMessage(problem, subscription: nil, requestID: requestID)
            if let text = try? JSONText.encode(message) { try? await outbound.writeTextMessage(text) }
            // A message and a close frame arriving together right after the handshake can be
            // lost by a client still setting up (swift-websocket's client loses both under
            // load), so the close waits until the client closes or the grace period ends.
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    do { for try await _ in inbound.messages(maxSize: WebSocketConnection.maximumMessageSize) {} } catch {}
                }
                group.addTask { try? await Task.sleep(for: Self.refusalGrace) }
                await group.next()
                group.cancelAll()
            }
            let code =
                problem.type == .tooManyStreams || problem.type == .rateLimited
                ? WebSocketConnection.tryAgainLater : .policyViolation
            try? await outbound.close(code, reason: problem.type.slug)
            return
        }
        let connections = sessions.metrics.connections("websocket")
        connections.increment()
        let connection = WebSocketConnection(principal: principal, sessions: sessions, outbound: outbound, requestID: requestID)
        // Graceful shutdown ends the subscriptions (see the broadcaster), and the WebSocket
        // handler closes the connection normally (1000).
        await connection.run(inbound)
        connections.decrement()
        sessions.closeConnection(of: principal.userID)
    }
}
