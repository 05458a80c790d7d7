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
    /// The client's `x-correlation-id` when it sent a valid one, also assigned by
    /// ``RequestTelemetryMiddleware``: carried into the log, the events and the jobs the
    /// request causes.
    public var correlationID: BulletinCore.RequestID?
    /// The client's connection. An event stream writes its live events to it directly
    /// (``EventStreamChannel``) and ends when it closes, at once instead of at its next write.
    public let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
        self.channel = source.channel
        self.requestID = Self.unassigned
    }

    /// Placeholder until the telemetry middleware assigns the real ID.
    static let unassigned = BulletinCore.RequestID(validating: "unassigned")!
}
