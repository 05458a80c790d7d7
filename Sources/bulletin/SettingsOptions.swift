import ArgumentParser
import BulletinApp
import BulletinServer

/// The settings of ``BulletinConfiguration`` as command-line options, each help line naming its
/// environment variable and default.
struct SettingsOptions: ParsableArguments {
    @Option(help: help("host")) var host: String?
    @Option(help: help("port")) var port: String?
    @Option(name: .customLong("data-dir"), help: help("data-dir")) var dataDirectory: String?
    @Option(name: .customLong("database-url"), help: help("database-url")) var databaseURL: String?
    @Option(name: .customLong("log-level"), help: help("log-level")) var logLevel: String?
    @Flag(name: .customLong("no-migrate"), help: help("no-migrate")) var noMigrate = false
    @Option(name: .customLong("database-pool-size"), help: help("database-pool-size")) var databasePoolSize: String?
    @Option(name: .customLong("database-start-timeout"), help: help("database-start-timeout")) var databaseStartTimeout: String?
    @Option(name: .customLong("max-body-bytes"), help: help("max-body-bytes")) var maximumBodySize: String?
    @Option(name: .customLong("shutdown-grace"), help: help("shutdown-grace")) var shutdownGrace: String?
    @Option(name: .customLong("request-timeout"), help: help("request-timeout")) var requestTimeout: String?
    @Option(name: .customLong("bcrypt-cost"), help: help("bcrypt-cost")) var bcryptCost: String?
    @Option(name: .customLong("cors-allowed-origins"), help: help("cors-allowed-origins")) var corsAllowedOrigins: String?
    @Option(name: .customLong("signing-key-file"), help: help("signing-key-file")) var signingKeyFile: String?
    @Option(name: .customLong("access-token-lifetime"), help: help("access-token-lifetime")) var accessTokenLifetime: String?
    @Option(name: .customLong("public-url"), help: help("public-url")) var publicURL: String?
    @Option(name: .customLong("trust-forwarded-for"), help: help("trust-forwarded-for")) var trustForwardedFor: String?
    @Option(name: .customLong("api-rate-limit"), help: help("api-rate-limit")) var apiRateLimit: String?
    @Flag(name: .customLong("no-workers"), help: help("no-workers")) var noWorkers = false
    @Option(name: .customLong("worker-concurrency"), help: help("worker-concurrency")) var workerConcurrency: String?
    @Option(name: .customLong("job-lease"), help: help("job-lease")) var jobLease: String?
    @Option(name: .customLong("job-retention"), help: help("job-retention")) var jobRetention: String?
    @Option(name: .customLong("event-retention"), help: help("event-retention")) var eventRetention: String?
    @Option(name: .customLong("realtime-connections-per-user"), help: help("realtime-connections-per-user"))
    var realtimeConnectionsPerUser: String?
    @Option(name: .customLong("report-runs-concurrent"), help: help("report-runs-concurrent")) var reportRunsConcurrent: String?
    @Option(name: .customLong("report-runs-per-day"), help: help("report-runs-per-day")) var reportRunsPerDay: String?
    @Option(name: .customLong("report-retention"), help: help("report-retention")) var reportRetention: String?
    @Option(name: .customLong("fetch-allow-loopback"), help: help("fetch-allow-loopback")) var fetchAllowLoopback: String?
    @Option(name: .customLong("fetch-allow-private"), help: help("fetch-allow-private")) var fetchAllowPrivate: String?
    @Flag(name: .customLong("demo"), help: help("demo")) var demo = false

    /// The configuration from these flags, then the environment, then defaults; on an
    /// invalid setting, prints one line naming it and exits with status 2.
    func configuration(environment: [String: String]) throws -> BulletinConfiguration {
        var flags: [String: String] = [:]
        flags["host"] = host
        flags["port"] = port
        flags["data-dir"] = dataDirectory
        flags["database-url"] = databaseURL
        flags["log-level"] = logLevel
        flags["no-migrate"] = noMigrate ? "true" : nil
        flags["database-pool-size"] = databasePoolSize
        flags["database-start-timeout"] = databaseStartTimeout
        flags["max-body-bytes"] = maximumBodySize
        flags["shutdown-grace"] = shutdownGrace
        flags["request-timeout"] = requestTimeout
        flags["bcrypt-cost"] = bcryptCost
        flags["cors-allowed-origins"] = corsAllowedOrigins
        flags["signing-key-file"] = signingKeyFile
        flags["access-token-lifetime"] = accessTokenLifetime
        flags["public-url"] = publicURL
        flags["trust-forwarded-for"] = trustForwardedFor
        flags["api-rate-limit"] = apiRateLimit
        flags["no-workers"] = noWorkers ? "true" : nil
        flags["worker-concurrency"] = workerConcurrency
        flags["job-lease"] = jobLease
        flags["job-retention"] = jobRetention
        flags["event-retention"] = eventRetention
        flags["realtime-connections-per-user"] = realtimeConnectionsPerUser
        flags["report-runs-concurrent"] = reportRunsConcurrent
        flags["report-runs-per-day"] = reportRunsPerDay
        flags["report-retention"] = reportRetention
        flags["fetch-allow-loopback"] = fetchAllowLoopback
        flags["fetch-allow-private"] = fetchAllowPrivate
        flags["demo"] = demo ? "true" : nil
        do {
            return try BulletinConfiguration.load(flags: flags, environment: environment)
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
    }
}

private func help(_ flag: String) -> ArgumentHelp {
    let setting = BulletinConfiguration.settings.first { $0.flag == flag }!
    return ArgumentHelp("\(setting.summary) [env: \(setting.environmentVariable)] [default: \(setting.defaultDescription)]")
}
