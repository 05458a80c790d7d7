import BulletinApp
import BulletinBoard
import BulletinCore
import BulletinFlags
import BulletinJobs
import BulletinReports
import BulletinStore
import Foundation
import Logging

/// What handlers share for the life of the application: the database, metrics and facts
/// fixed at start.
public struct AppServices: Sendable {
    /// The database every repository uses.
    public let database: any Database
    /// The migrations this binary knows.
    public let migrator: Migrator
    /// The application's metrics.
    public let metrics: ServerMetrics
    /// The jobs' metrics, in the same registry.
    public let jobMetrics: JobMetrics
    /// The configuration the application was built with.
    public let configuration: BulletinConfiguration
    /// When this process started serving.
    public let startedAt: Date
    /// Where "now" comes from; tests move it by hand.
    public let clock: WallClock
    /// Issues and verifies access tokens.
    let accessTokens: AccessTokens
    /// The feature flags handlers and jobs ask, from in-memory snapshots.
    public let flags: Flags
    /// The realtime streams' metrics.
    let realtimeMetrics: RealtimeMetrics
    /// This node's fan-out of the event log to its realtime subscribers.
    let broadcaster: EventBroadcaster
    /// What both realtime transports share: connection limits, topic checks, presence, feeds.
    let realtime: RealtimeSessions
    /// Realtime tickets between their issue and their use: shared rows on PostgreSQL, this
    /// node's memory on SQLite (see ``RealtimeTicketStore``).
    let realtimeTickets: any RealtimeTicketStore
    /// The API rate limit's buckets on this node.
    let rateLimiter: RateLimiter
    /// Answers and saves through a form's public link: 20 a minute per link and address, on top
    /// of the API's limit, so one client cannot flood a survey.
    let formLinkLimiter = RateLimiter(capacity: 20, period: 60)
    /// Principals and accounts read recently, emptied by every change.
    let identityCache = IdentityCache()
    /// Starts and retries report runs with their jobs.
    let reportRuns: ReportRunStarter
    /// The report runs' metrics.
    let reportMetrics: ReportMetrics
    /// Reports rendered as PDF, DOCX and LaTeX, the recent ones kept.
    let reportFiles: ReportFiles
    /// The status board's days, with the stats kept in memory.
    let board: Board
    /// The demo's sample sites, when `--demo` serves them.
    let demoSites: DemoSites

    /// What seals and opens the secrets kept in the database (workspaces' provider keys).
    let secretKeyring: SecretKeyring
    /// The password hasher, at the configured bcrypt cost.
    public let passwordHasher: PasswordHasher

    /// Creates the shared services.
    init(
        database: any Database, migrator: Migrator, metrics: ServerMetrics, configuration: BulletinConfiguration,
        startedAt: Date, clock: WallClock, accessTokens: AccessTokens, secretKeyring: SecretKeyring, logger: Logger
    ) {
        self.database = database
        self.secretKeyring = secretKeyring
        self.migrator = migrator
        self.metrics = metrics
        self.jobMetrics = JobMetrics(registry: metrics.registry)
        self.configuration = configuration
        self.passwordHasher = PasswordHasher(cost: configuration.bcryptCost)
        self.startedAt = startedAt
        self.clock = clock
        self.accessTokens = accessTokens
        realtimeMetrics = RealtimeMetrics(registry: metrics.registry)
        broadcaster = EventBroadcaster(database: database, metrics: realtimeMetrics, clock: clock, logger: logger)
        realtime = RealtimeSessions(
            database: database, broadcaster: broadcaster, metrics: realtimeMetrics, clock: clock, logger: logger,
            maximumConnectionsPerUser: configuration.realtimeConnectionsPerUser)
        rateLimiter = RateLimiter(capacity: configuration.apiRateLimit, period: 60)
        reportRuns = ReportRunStarter(enqueuer: JobEnqueuer(metrics: jobMetrics), limits: configuration.reportRunLimits)
        reportMetrics = ReportMetrics(registry: metrics.registry)
        reportFiles = ReportFiles(fontDirectory: configuration.fontDirectory)
        realtimeTickets = database.dialect == .sqlite ? NodeRealtimeTickets() : RealtimeTicketRepository(database: database)
        demoSites = DemoSites(enabled: configuration.demo)
        board = Board(database: database)
        self.flags = Flags(
            database: database, defaults: BuiltInFlags.defaults, environment: configuration.flagFallbacks,
            metrics: FlagMetrics(registry: metrics.registry), logger: logger)
    }

    /// Which addresses reports may read pages from: public ones, plus what the configuration
    /// allows, plus the demo's own sites.
    var fetchPolicy: AddressPolicy {
        configuration.fetchPolicy(loopbackPorts: demoSites.port.map { [$0] } ?? [])
    }

    /// The product's jobs and their worker, as `serve` and `worker` both run them.
    var jobs: JobWorkerSetup {
        JobWorkerSetup(
            database: database, configuration: configuration, jobMetrics: jobMetrics, reportMetrics: reportMetrics,
            addressPolicy: { fetchPolicy }, clock: clock, reportFiles: reportFiles)
    }

    /// Turns credentials (bearer tokens, API keys, realtime tickets) into principals.
    var authenticator: Authenticator {
        Authenticator(
            tokens: accessTokens, sessions: SessionRepository(database: database),
            apiKeys: APIKeyRepository(database: database), cache: identityCache,
            tickets: realtimeTickets, clock: clock)
    }
}
