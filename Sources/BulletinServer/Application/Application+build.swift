import BulletinApp
import BulletinBoard
import BulletinCore
import BulletinOpenAPI
import BulletinReports
import BulletinStore
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import OpenAPIHummingbird
import OpenAPIRuntime
import ServiceLifecycle
import Synchronization

/// Builds the Bulletin application: database, migrations, routes and middleware.
///
/// `bulletin serve` runs what this returns; the tests call it too, so they exercise the
/// same wiring. The database opens here; migrations run before the server accepts
/// connections (`beforeServerStarts`), and the database closes after the server stops.
///
/// - Parameters:
///   - configuration: The settings; see ``BulletinConfiguration``.
///   - clock: Where "now" comes from; tests pass one they move by hand.
/// - Returns: An application ready to run in a service group.
public func buildApplication(
    configuration: BulletinConfiguration, clock: WallClock = .system
) async throws -> some ApplicationProtocol {
    let (services, databaseService, logger) = try await openServices(configuration: configuration, clock: clock)
    let location = try configuration.databaseLocation()
    let instance = InstanceHolder()
    let router = try buildRouter(services: services, instance: instance)
    let databaseReady = StartGate()
    var backgroundServices: [any Service] = [databaseService, services.flags]
    backgroundServices.append(GatedService(gate: databaseReady, inner: services.broadcaster))
    if configuration.runsWorkers {
        backgroundServices.append(GatedService(gate: databaseReady, inner: try services.jobs.worker(logger: logger)))
    }

    let responder = router.buildResponder()
    var app = Application(
        responder: StreamOpeningResponder(inner: responder),
        server: BulletinServerChannel.builder(
            http1: connectionLimits, webSockets: webSocketRoute(services: services),
            streams: EventStreamOpener(responder: responder, logger: logger)),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
        services: backgroundServices,
        onServerRunning: { channel in
            let address = channel.localAddress
            if services.demoSites.enabled, let port = address?.port {
                services.demoSites.serving(on: port)
                await DemoProject.seedWorkspacesWithoutProjects(services: services, logger: logger)
                await DemoProject.seedWorkspacesWithoutServices(services: services, logger: logger)
            }
            logger.info(
                "listening",
                metadata: [
                    "url": "http://\(address?.ipAddress ?? configuration.host):\(address?.port ?? configuration.port)",
                    "database": "\(location)",
                ])
        },
        logger: logger
    )
    app.beforeServerStarts {
        try await databaseService.prepare(configuration: configuration, migrator: services.migrator, logger: logger)
        databaseReady.set(())
        instance.set(try await InstanceRepository(database: services.database).ensure())
        try await announceSetupIfNeeded(services: services)
    }
    return app
}

/// Opens the database and builds what every handler and job shares.
func openServices(
    configuration: BulletinConfiguration, clock: WallClock
) async throws -> (AppServices, DatabaseService, Logger) {
    let logger = configuration.logger
    let location = try configuration.databaseLocation()
    let databaseService = try await DatabaseService.open(
        location: location, poolSize: configuration.databasePoolSize, logger: logger)
    let signingKey = try SigningKey.loadOrCreate(at: configuration.signingKeyPath)
    let services = AppServices(
        database: databaseService.database, migrator: Migrator(),
        metrics: ServerMetrics(databaseDialect: location.dialect), configuration: configuration, startedAt: Date(),
        clock: clock,
        accessTokens: await AccessTokens(
            signingKey: signingKey, issuer: "urn:bulletin:" + signingKey.keyID,
            lifetime: configuration.accessTokenLifetime.timeInterval),
        secretKeyring: try SecretKeyring.loadOrCreate(at: configuration.secretsKeyPath), logger: logger)
    return (services, databaseService, logger)
}

/// Limits on what a client may send before any handler runs: header fields (each 16 KiB, 64
/// KiB and 100 fields in all; beyond, a 431 problem and the connection closes: ``RequestInputGuard``) and idle
/// time (a connection that sends nothing for 60 s, such as a client trickling a request
/// byte by byte and stalling, is closed). A client that closes its side is closed at once
/// (``ClientCloseHandler``).
let connectionLimits = HTTP1Channel.Configuration(
    additionalChannelHandlers: [ClientCloseHandler()],
    idleTimeout: .seconds(60),
    httpDecoderConfiguration: .init(maxHeaderFieldSize: 16 * 1024, maxHeaderListSize: 64 * 1024, maxHeaderFieldCount: 100))

/// Builds the router with every route and middleware; the tests add their own probes to it.
func buildRouter(services: AppServices, instance: InstanceHolder) throws -> Router<BulletinRequestContext> {
    let router = Router(context: BulletinRequestContext.self, options: [.autoGenerateHeadEndpoints])
    let allowedMethods = AllowedMethodsBox()
    router.add(middleware: RequestTelemetryMiddleware(metrics: services.metrics))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ValidatorHeadersMiddleware())
    router.add(middleware: ProblemMiddleware(allowedMethods: allowedMethods))
    router.add(middleware: CORSMiddleware(allowedOrigins: services.configuration.corsAllowedOrigins))
    let operations = try PermissionTable(openAPIDocument: PackageResources.openapi_json)
    router.add(
        middleware: AccessMiddleware(
            permissions: operations,
            authenticator: services.authenticator,
            rateLimiter: services.rateLimiter,
            trustsForwardedFor: services.configuration.trustsForwardedFor))
    router.add(middleware: QueryValidationMiddleware(rules: try QueryParameterRules(openAPIDocument: PackageResources.openapi_json)))
    router.add(
        middleware: RequestBodyMiddleware(
            maximumSize: services.configuration.maximumBodySize,
            uploads: [
                "POST /v1/report-templates": UploadRoute(
                    mediaTypes: [ReportFileFormat.docx.mediaType], maximumSize: ReportTemplates.maximumSize),
                "POST /v1/services/import": UploadRoute(mediaTypes: ["text/csv"], maximumSize: ServiceCSV.maximumSize),
            ]))
    router.add(
        middleware: NullFieldMiddleware(
            rules: try NullFieldRules(openAPIDocument: PackageResources.openapi_json),
            maximumSize: services.configuration.maximumBodySize))
    router.add(
        middleware: IdempotencyMiddleware(
            operations: operations, store: IdempotencyStore(database: services.database),
            secret: services.accessTokens.signingKey.derivedSecret, clock: services.clock,
            maximumBodySize: services.configuration.maximumBodySize))
    router.add(middleware: RequestDeadlineMiddleware(limit: services.configuration.requestTimeout))

    OperationalRoutes(services: services, openAPIDocument: OpenAPIDocument.bytes).register(on: router)
    EventStreamRoute(sessions: services.realtime, slowConsumerGrace: services.configuration.realtimeSlowConsumerGrace)
        .register(on: router)
    services.demoSites.register(on: router)
    webSocketRoute(services: services).register(on: router)
    let api = BulletinAPI(services: services, instance: instance)
    BrowserSessionRoute(api: api).register(on: router)
    try api.registerHandlers(
        on: router, serverURL: URL(string: "/")!,
        configuration: .init(dateTranscoder: RFC3339DateTranscoder(), jsonEncodingOptions: [.sortedKeys]))

    allowedMethods.set(AllowedMethods(routes: router.routes.map { ($0.path.description, $0.method) }))
    return router
}

/// `GET /v1/ws`, both its handshake (in the server's channel) and its plain-GET answer.
private func webSocketRoute(services: AppServices) -> WebSocketRoute {
    WebSocketRoute(
        sessions: services.realtime, authenticator: services.authenticator, rateLimiter: services.rateLimiter,
        trustsForwardedFor: services.configuration.trustsForwardedFor)
}

/// On an installation without users, issues a setup token and logs it: the way to create
/// the first workspace and owner (`POST /v1/setup`). It is logged whatever the log level,
/// since without it nobody can set the installation up; it is the one secret Bulletin logs,
/// valid for 24 hours and only until setup completes.
private func announceSetupIfNeeded(services: AppServices) async throws {
    guard let token = try await IdentityRepository(database: services.database).issueSetupToken() else { return }
    let announcer = Logger(label: "bulletin") { JSONLogHandler(label: $0, level: .trace) }
    var metadata: Logger.Metadata = [
        "setupToken": .string(token.value),
        "howTo": "open setupURL, or POST /v1/setup {token, workspaceName, email, password}, or run `bulletin user create`",
    ]
    // With port 0 the address is known only once the server listens; the token still works.
    if services.configuration.port != 0 || services.configuration.publicURL != nil {
        metadata["setupURL"] = .string(services.configuration.linkBase + "/#/setup/" + token.value)
    }
    announcer.notice("first run: no users yet; create the first workspace and owner with this setup token", metadata: metadata)
}
