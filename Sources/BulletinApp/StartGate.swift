import BulletinCore
import ServiceLifecycle

/// Opens once the database is ready (reachable and migrated), for services that must not
/// touch it before: Hummingbird starts the application's services alongside the server,
/// while migrations run in `beforeServerStarts`.
public typealias StartGate = OneShot<Void>

/// Runs a service once a gate opens; a shutdown before then ends it without running.
public struct GatedService<Inner: Service>: Service {
    let gate: StartGate
    let inner: Inner

    /// A service that runs `inner` once `gate` opens.
    public init(gate: StartGate, inner: Inner) {
        self.gate = gate
        self.inner = inner
    }

    public func run() async throws {
        _ = await cancelWhenGracefulShutdown { await gate.wait() }
        guard !Task.isCancelled, !Task.isShuttingDownGracefully else { return }
        try await inner.run()
    }
}
