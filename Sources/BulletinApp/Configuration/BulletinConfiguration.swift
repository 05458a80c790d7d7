import BulletinAI
import BulletinReports
import BulletinStore
import Logging

/// Everything `bulletin serve` can be told, with defaults that work on a laptop.
///
/// Values come from command-line flags, then `BULLETIN_*` environment variables, then the
/// configuration file (`--config`), then the defaults below. Every setting is listed once, in
/// ``BulletinConfiguration/settings``, which the command line, the environment, the file, the
/// error messages and README's table all follow.
public struct BulletinConfiguration: Sendable, Equatable {
    /// The configuration file the settings were read from, if any.
    public var configurationFile: String?
    /// The interface to listen on. Defaults to `127.0.0.1`.
    public var host = "127.0.0.1"
    /// The TCP port to listen on; 0 picks a free one. Defaults to 8080.
    public var port = 8080
    /// The folder for the SQLite file and other local state. Defaults to `./data`.
    public var dataDirectory = "./data"
    /// The database URL. Defaults to `nil`: SQLite at `bulletin.sqlite` in the data directory.
    public var databaseURL: String?
    /// The least severe level logged. Defaults to `info`.
    public var logLevel = Logger.Level.info
    /// Whether `serve` applies pending migrations at start. Defaults to `true`.
    public var migratesAutomatically = true
    /// PostgreSQL connections per node, or SQLite reader connections. Defaults to 10.
    public var databasePoolSize = 10
    /// How long the database may take to answer at start before start-up fails. Defaults to 10 s.
    public var databaseStartTimeout = Duration.seconds(10)
    /// The largest request body accepted, in bytes. Defaults to 1 MiB.
    public var maximumBodySize = 1 << 20
    /// How long in-flight requests may take to finish after SIGTERM. Defaults to 10 s.
    public var shutdownGracePeriod = Duration.seconds(10)
    /// How long a request's handler may run before it is cancelled and answered 504; event
    /// streams and WebSockets are exempt. Defaults to 30 s.
    public var requestTimeout = Duration.seconds(30)
    /// bcrypt's cost for new password hashes (each step doubles the work). Defaults to 12.
    public var bcryptCost = 12
    /// Browser origins allowed to call the API (`https://app.example.com`). Defaults to none.
    public var corsAllowedOrigins: Set<String> = []
    /// The PEM file of the ES256 key that signs access tokens; `nil` means
    /// `signing-key.pem` in the data folder, created on first start. Nodes sharing a
    /// database must share the key.
    public var signingKeyFile: String?
    /// How long an access token lives; clients renew it with their refresh token. Defaults
    /// to 15 minutes.
    public var accessTokenLifetime = Duration.seconds(15 * 60)
    /// How long after a refresh a client may present the same refresh token again without it
    /// counting as a stolen copy (two tabs refreshing at once). Defaults to 10 s.
    public var refreshTokenGrace = Duration.seconds(SessionRepository.defaultRefreshGrace)
    /// The address people reach Bulletin at, for links such as invitations; `nil` means
    /// the listening address.
    public var publicURL: String?
    /// Whether to take the client address from `X-Forwarded-For` (behind a proxy that sets it).
    public var trustsForwardedFor = false
    /// Requests per minute each principal (or anonymous address) may make.
    public var apiRateLimit = 600
    /// Whether `serve` also works jobs. Defaults to `true`; `bulletin worker` always does.
    public var runsWorkers = true
    /// Jobs run at once per queue, for queues that need other than the default (100).
    public var workerConcurrency: [String: Int] = [:]
    /// How long a worker's claim on a job lasts without renewal: a job whose worker died is
    /// retried after this. Defaults to 30 s.
    public var jobLease = Duration.seconds(30)
    /// How long finished jobs are kept before they are pruned. Defaults to 7 days.
    public var jobRetention = Duration.seconds(7 * 24 * 3600)
    /// How long realtime events are kept; a subscriber resuming from an older one is told to
    /// refetch. Defaults to 24 hours.
    public var eventRetention = Duration.seconds(24 * 3600)
    /// Event streams and WebSockets one user may have open on each node. Defaults to 20.
    public var realtimeConnectionsPerUser = 20
    /// How long an event stream cut off as a slow consumer has to read why before its
    /// connection closes. Defaults to 10 s.
    public var realtimeSlowConsumerGrace = Duration.seconds(10)
    /// Report runs per workspace: at once, and per 24 hours. Defaults to 25 and 1,000.
    public var reportRunLimits = ReportRunLimits(concurrentRuns: 25, runsPerDay: 1000)
    /// Report runs and report versions kept per project; the hourly prune deletes older ones.
    /// Defaults to 20.
    public var reportRetention = 20
    /// Whether reports may read pages on loopback addresses. Defaults to `false`.
    public var fetchAllowsLoopback = false
    /// Whether reports may read pages on private networks. Defaults to `false`.
    public var fetchAllowsPrivate = false
    /// Whether to serve the demo's sample sites and seed new workspaces with a sample project.
    public var demo = false
    /// A folder of TrueType fonts for PDF reports, searched before the machine's font folders.
    /// Defaults to none.
    public var fontDirectory: String?
    /// The file of the keys that seal secrets stored in the database (workspaces' provider
    /// keys); `nil` means `secrets.key` in the data folder, created on first start. Nodes
    /// sharing a database must share it.
    public var secretsKeyFile: String?
    /// The language-model providers reports are written by; none has a key by default, so
    /// reports are written offline.
    public var languageModels = LanguageModelSettings()
    /// What each model costs.
    public var languageModelPrices = PriceTable()
    /// What language models may spend, per workspace and month and per run, how many
    /// sections they write at once, and how long answers are reused.
    public var writingPolicy = WritingPolicy()
    /// `BULLETIN_FLAG_<NAME>` variables: feature flags for workspaces whose database does
    /// not define them (`on`, `off` or a percentage).
    public var flagFallbacks: [String: String] = [:]

    /// Creates the default configuration.
    public init() {}

    /// The file holding the token-signing key.
    public var signingKeyPath: String { signingKeyFile ?? dataDirectory + "/signing-key.pem" }

    /// The file holding the keys that seal stored secrets.
    public var secretsKeyPath: String { secretsKeyFile ?? dataDirectory + "/secrets.key" }

    /// The base of links Bulletin hands out, without a trailing slash.
    public var linkBase: String {
        let base = publicURL ?? "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        return base.hasSuffix("/") ? String(base.dropLast()) : base
    }

    /// Where the database lives, resolved against the data directory.
    public func databaseLocation() throws(ConfigurationError) -> DatabaseLocation {
        guard let databaseURL else {
            return .sqlite(path: dataDirectory + "/bulletin.sqlite")
        }
        do {
            return try DatabaseLocation(url: databaseURL)
        } catch {
            throw ConfigurationError(setting: Self.setting(named: "database-url"), problem: error.description)
        }
    }
}
