import BulletinCore
import ServiceLifecycle

/// Opens once the database is ready (reachable and migrated), for services that must not
/// touch it before: Hummingbird starts the application's services alongside the server,
/// while migrations run in `beforeServerStarts`.
typealias StartGate = OneShot<Void>

/// Runs a service once a gate opens; a shutdown before then ends it without running.
struct GatedService<Inner: Service>: Service {
    let gate: StartGate
    let inner: Inner

    func run() async throws {
        _ = await cancelWhenGracefulShutdown { await gate.wait() }
        guard !Task.isCancelled, !Task.isShuttingDownGracefully else { return }
        try await inner.run()
    }
}
