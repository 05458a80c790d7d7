import BulletinCore
import Hummingbird
import Logging

/// The per-request context: Hummingbird's core storage plus Bulletin's request ID.
public struct BulletinRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The request's correlation ID, assigned by ``RequestTelemetryMiddleware`` before any
    /// other code sees the request.
    public var requestID: BulletinCore.RequestID

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.requestID = Self.unassigned
    }

    /// Placeholder until the telemetry middleware assigns the real ID.
    static let unassigned = BulletinCore.RequestID(validating: "unassigned")!
}

