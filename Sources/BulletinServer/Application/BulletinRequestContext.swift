import BulletinCore
import Hummingbird
import Logging
import NIOCore

/// The per-request context: Hummingbird's core storage plus Bulletin's request ID and the
/// client's address.
public struct BulletinRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's address, for rate limits and the audit log.
    public let remoteAddress: SocketAddress?
    /// The request's correlation ID, assigned by ``RequestTelemetryMiddleware`` before any
    /// other code sees the request.
    public var requestID: BulletinCore.RequestID
    /// Completes when the client's connection closes: a long-lived response (an event
    /// stream) ends with it at once, instead of at its next write.
    public let connectionClosed: EventLoopFuture<Void>

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
        self.connectionClosed = source.channel.closeFuture
        self.requestID = Self.unassigned
    }

    /// Placeholder until the telemetry middleware assigns the real ID.
    static let unassigned = BulletinCore.RequestID(validating: "unassigned")!
}

