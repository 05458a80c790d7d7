import BulletinApp
import BulletinCore
import BulletinJobs
import BulletinReports
import BulletinStore
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import ServiceLifecycle

/// Builds a worker-only process (`bulletin worker`): it works jobs and serves `/healthz`,
/// `/readyz` and `/metrics` on its own port, and nothing else.
///
/// What it works is built in BulletinApp (``JobWorkerSetup``, the database's start-up); only
/// the three probes come from here, so that they answer with the same problem documents and
/// metrics as `serve`. It opens no signing key and no realtime services. Like `serve`, it
/// checks the database and applies (or, with `--no-migrate`, verifies) migrations before
/// working; on graceful shutdown it stops claiming, lets running jobs finish within
/// `--shutdown-grace`, and releases the rest.
///
/// - Parameters:
///   - configuration: The settings; see ``BulletinConfiguration``.
///   - clock: Where "now" comes from.
public func buildWorkerApplication(
    configuration: BulletinConfiguration, clock: WallClock = .system
) async throws -> some ApplicationProtocol {
    let logger = configuration.logger
    let location = try configuration.databaseLocation()
    let databaseService = try await DatabaseService.open(
        location: location, poolSize: configuration.databasePoolSize, logger: logger)
    let metrics = ServerMetrics(databaseDialect: location.dialect)
    let migrator = Migrator()
    let jobs = JobWorkerSetup(
        database: databaseService.database, configuration: configuration, jobMetrics: JobMetrics(registry: metrics.registry),
        reportMetrics: ReportMetrics(registry: metrics.registry), addressPolicy: { configuration.fetchPolicy() }, clock: clock)

    let router = Router(context: BulletinRequestContext.self)
    let allowedMethods = AllowedMethodsBox()
    router.add(middleware: RequestTelemetryMiddleware(metrics: metrics))
    router.add(middleware: ProblemMiddleware(allowedMethods: allowedMethods))
    ProbeRoutes(database: databaseService.database, migrator: migrator, metrics: metrics).register(on: router)
    allowedMethods.set(AllowedMethods(routes: router.routes.map { ($0.path.description, $0.method) }))

    let databaseReady = StartGate()
    let worker = try jobs.worker(logger: logger)
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
        try await databaseService.prepare(configuration: configuration, migrator: migrator, logger: logger)
        databaseReady.set(())
    }
    return app
}
