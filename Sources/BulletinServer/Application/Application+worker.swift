import BulletinApp
import BulletinCore
import BulletinJobs
import BulletinStore
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import ServiceLifecycle

/// Builds a worker-only process (`bulletin worker`): it works jobs and serves `/healthz`,
/// `/readyz` and `/metrics` on its own port, and nothing else.
///
/// Like `serve`, it checks the database and applies (or, with `--no-migrate`, verifies)
/// migrations before working; on graceful shutdown it stops claiming, lets running jobs
/// finish within `--shutdown-grace`, and releases the rest.
///
/// - Parameters:
///   - configuration: The settings; see ``BulletinConfiguration``.
///   - clock: Where "now" comes from.
public func buildWorkerApplication(
    configuration: BulletinConfiguration, clock: WallClock = .system
) async throws -> some ApplicationProtocol {
    let (services, databaseService, logger) = try await openServices(configuration: configuration, clock: clock)
    let location = try configuration.databaseLocation()
    let router = Router(context: BulletinRequestContext.self)
    let allowedMethods = AllowedMethodsBox()
    router.add(middleware: RequestTelemetryMiddleware(metrics: services.metrics))
    router.add(middleware: ProblemMiddleware(allowedMethods: allowedMethods))
    OperationalRoutes(services: services, openAPIDocument: OpenAPIDocument.bytes).registerProbes(on: router)
    allowedMethods.set(AllowedMethods(routes: router.routes.map { ($0.path.description, $0.method) }))

    let databaseReady = StartGate()
    let worker = try services.jobs.worker(logger: logger)
    var app = Application(
        router: router,
        server: .http1(configuration: connectionLimits),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
        services: [databaseService, GatedService(gate: databaseReady, inner: worker)],
        onServerRunning: { channel in
            let address = channel.localAddress
            logger.info(
                "listening",
                metadata: [
                    "url": "http://\(address?.ipAddress ?? configuration.host):\(address?.port ?? configuration.port)",
                    "role": "worker", "database": "\(location)", "queues": "\(worker.queues.joined(separator: ","))",
                ])
        },
        logger: logger
    )
    app.beforeServerStarts {
        try await prepareDatabase(databaseService, location: location, services: services, logger: logger)
        databaseReady.set(())
    }
    return app
}
