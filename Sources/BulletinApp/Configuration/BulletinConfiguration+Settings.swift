import BulletinFlags
import BulletinStore
import Foundation
import Logging

/// One setting of ``BulletinConfiguration``: its flag, its environment variable, and how it is read.
public struct ConfigurationSetting: Sendable {
    /// The long flag without dashes, such as `port`.
    public let flag: String
    /// What the setting does, for `--help` and README.
    public let summary: String
    /// The default, as a person would write it.
    public let defaultDescription: String
    /// Whether the setting is a switch: `--demo` alone on the command line means `true`
    /// (the environment and the configuration file still say `true` or `false`).
    public var isSwitch = false
    let apply: @Sendable (inout BulletinConfiguration, String) throws(ConfigurationSetting.Invalid) -> Void

    /// The environment variable, such as `BULLETIN_PORT`.
    public var environmentVariable: String {
        "BULLETIN_" + flag.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// The reason a value was refused.
    struct Invalid: Error {
        let reason: String
    }
}

/// A setting that could not be used, naming the setting and what is wrong, in one line.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The setting that was refused, or `nil` for an unknown environment variable.
    public let setting: ConfigurationSetting?
    /// What is wrong.
    public let problem: String

    public var description: String {
        guard let setting else { return problem }
        return "invalid setting --\(setting.flag) / \(setting.environmentVariable): \(problem)"
    }
}

extension BulletinConfiguration {
    /// Every setting, in the order `--help` and README list them.
    public static let settings: [ConfigurationSetting] =
        [
            ConfigurationSetting(
                flag: "config",
                summary:
                    "A file of settings, one `name = value` per line (names as the flags, without dashes; `#` comments). Flags and the environment win over it.",
                defaultDescription: "none"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                guard !value.isEmpty else { throw .init(reason: "expected a file path") }
                configuration.configurationFile = value
            },
            ConfigurationSetting(flag: "host", summary: "Interface to listen on.", defaultDescription: "127.0.0.1") {
                configuration, value throws(ConfigurationSetting.Invalid) in
                guard !value.isEmpty, !value.contains(" ") else { throw .init(reason: "expected a host name or IP address") }
                configuration.host = value
            },
            ConfigurationSetting(flag: "port", summary: "TCP port to listen on (0 picks a free one).", defaultDescription: "8080") {
                configuration, value throws(ConfigurationSetting.Invalid) in
                configuration.port = try integer(value, in: 0...65535)
            },
            ConfigurationSetting(
                flag: "data-dir", summary: "Folder for the SQLite database and local state.", defaultDescription: "./data"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                guard !value.isEmpty else { throw .init(reason: "expected a folder path") }
                configuration.dataDirectory = value
            },
            ConfigurationSetting(
                flag: "database-url",
                summary: "postgres://user:password@host:5432/db?sslmode=disable|prefer|require|verify-full, or sqlite:PATH.",
                defaultDescription: "SQLite file bulletin.sqlite in the data folder"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                guard !value.isEmpty else { throw .init(reason: "expected a database URL") }
                configuration.databaseURL = value
            },
            ConfigurationSetting(
                flag: "log-level", summary: "trace, debug, info, notice, warning, error or critical.", defaultDescription: "info"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                guard let level = Logger.Level(rawValue: value.lowercased()) else {
                    throw .init(reason: "expected trace, debug, info, notice, warning, error or critical")
                }
                configuration.logLevel = level
            },
            ConfigurationSetting(
                flag: "no-migrate", summary: "Refuse to start when migrations are pending instead of applying them.",
                defaultDescription: "false (migrate at start)", isSwitch: true
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                configuration.migratesAutomatically = !(try boolean(value))
            },
            ConfigurationSetting(
                flag: "database-pool-size", summary: "PostgreSQL connections per node, or SQLite reader connections.",
                defaultDescription: "10"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                configuration.databasePoolSize = try integer(value, in: 1...500)
            },
            ConfigurationSetting(
                flag: "database-start-timeout", summary: "Seconds the database may take to answer at start.",
                defaultDescription: "10"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                configuration.databaseStartTimeout = .seconds(try integer(value, in: 1...600))
            },
            ConfigurationSetting(
                flag: "max-body-bytes", summary: "Largest request body accepted, in bytes.", defaultDescription: "1048576 (1 MiB)"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                configuration.maximumBodySize = try integer(value, in: 1...(1 << 30))
            },
            ConfigurationSetting(
                flag: "shutdown-grace", summary: "Seconds in-flight requests get to finish after SIGTERM or SIGINT.",
                defaultDescription: "10"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                configuration.shutdownGracePeriod = .seconds(try integer(value, in: 0...600))
            },
            ConfigurationSetting(
                flag: "request-timeout",
                summary: "Seconds a request's handler may run before it is cancelled and answered 504 (streams and WebSockets exempt).",
                defaultDescription: "30"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                configuration.requestTimeout = .seconds(try integer(value, in: 1...3600))
            },
            ConfigurationSetting(
                flag: "bcrypt-cost", summary: "bcrypt cost for new password hashes (4–31; each step doubles the work).",
                defaultDescription: "12"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                configuration.bcryptCost = try integer(value, in: 4...31)
            },
            ConfigurationSetting(
                flag: "cors-allowed-origins",
                summary: "Comma-separated browser origins allowed to call the API, such as https://app.example.com.",
                defaultDescription: "none (CORS off)"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                configuration.corsAllowedOrigins = try origins(value)
            },
            ConfigurationSetting(
                flag: "signing-key-file", summary: "PEM file of the ES256 (P-256) key that signs access tokens; share it across nodes.",
                defaultDescription: "signing-key.pem in the data folder, created on first start"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                guard !value.isEmpty else { throw .init(reason: "expected a file path") }
                configuration.signingKeyFile = value
            },
            ConfigurationSetting(
                flag: "access-token-lifetime", summary: "Seconds an access token lives (60–86400); refresh tokens renew it.",
                defaultDescription: "900 (15 minutes)"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                configuration.accessTokenLifetime = .seconds(try integer(value, in: 60...86_400))
            },
            ConfigurationSetting(
                flag: "refresh-token-grace",
                summary:
                    "Seconds after a refresh in which the same refresh token is honoured again (two tabs at once); later it counts as a stolen copy and ends the session. 0 turns the grace off.",
                defaultDescription: "10"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                configuration.refreshTokenGrace = .seconds(try integer(value, in: 0...60))
            },
            ConfigurationSetting(
                flag: "public-url", summary: "The address users reach Bulletin at, for links such as invitations.",
                defaultDescription: "http://HOST:PORT"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                guard let components = URLComponents(string: value), ["http", "https"].contains(components.scheme ?? ""),
                    components.host?.isEmpty == false, components.query == nil, components.fragment == nil
                else { throw .init(reason: "expected an http or https URL such as https://bulletin.example.com") }
                configuration.publicURL = value
            },
            ConfigurationSetting(
                flag: "trust-forwarded-for",
                summary: "Take the client address from X-Forwarded-For; only behind a proxy that sets it.",
                defaultDescription: "false"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                configuration.trustsForwardedFor = try boolean(value)
            },
            ConfigurationSetting(
                flag: "api-rate-limit", summary: "Requests per minute each user, API key or anonymous address may make.",
                defaultDescription: "600"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                configuration.apiRateLimit = try integer(value, in: 1...1_000_000)
            },
            ConfigurationSetting(
                flag: "no-workers", summary: "Serve HTTP only; leave jobs to `bulletin worker` processes.",
                defaultDescription: "false (serve also works jobs)", isSwitch: true
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                configuration.runsWorkers = !(try boolean(value))
            },
            ConfigurationSetting(
                flag: "worker-concurrency", summary: "Jobs run at once per queue, such as default=100,reports=4.",
                defaultDescription: "100 per queue"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                configuration.workerConcurrency = try queueCounts(value)
            },
            ConfigurationSetting(
                flag: "job-lease", summary: "Seconds a worker's claim on a job lasts unrenewed; a dead worker's jobs rerun after it.",
                defaultDescription: "30"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                configuration.jobLease = .seconds(try integer(value, in: 2...3600))
            },
            ConfigurationSetting(
                flag: "job-retention", summary: "Hours finished jobs are kept before they are pruned.", defaultDescription: "168 (7 days)"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                configuration.jobRetention = .seconds(try integer(value, in: 1...87_600) * 3600)
            },
            ConfigurationSetting(
                flag: "event-retention", summary: "Hours realtime events are kept for subscribers to resume from.",
                defaultDescription: "24"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                configuration.eventRetention = .seconds(try integer(value, in: 1...87_600) * 3600)
            },
            ConfigurationSetting(
                flag: "realtime-connections-per-user",
                summary: "Event streams and WebSockets one user may have open on each node.", defaultDescription: "20"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                configuration.realtimeConnectionsPerUser = try integer(value, in: 1...1_000_000)
            },
            ConfigurationSetting(
                flag: "realtime-slow-consumer-grace",
                summary: "Seconds an event stream cut off for reading too slowly has to read why before its connection closes.",
                defaultDescription: "10"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                configuration.realtimeSlowConsumerGrace = .seconds(try integer(value, in: 1...300))
            },
            ConfigurationSetting(
                flag: "report-runs-concurrent", summary: "Report runs one workspace may have in progress at once.",
                defaultDescription: "25"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                configuration.reportRunLimits.concurrentRuns = try integer(value, in: 1...100_000)
            },
            ConfigurationSetting(
                flag: "report-runs-per-day", summary: "Report runs one workspace may start in any 24 hours.",
                defaultDescription: "1000"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                configuration.reportRunLimits.runsPerDay = try integer(value, in: 1...10_000_000)
            },
            ConfigurationSetting(
                flag: "report-retention", summary: "Report runs and report versions kept per project; older ones are pruned hourly.",
                defaultDescription: "20"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                configuration.reportRetention = try integer(value, in: 1...100_000)
            },
            ConfigurationSetting(
                flag: "fetch-allow-loopback",
                summary: "Let reports read pages on loopback addresses (127.0.0.0/8, ::1); for tests and local sites.",
                defaultDescription: "false"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                configuration.fetchAllowsLoopback = try boolean(value)
            },
            ConfigurationSetting(
                flag: "fetch-allow-private",
                summary: "Let reports read pages on private networks (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7).",
                defaultDescription: "false"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                configuration.fetchAllowsPrivate = try boolean(value)
            },
            ConfigurationSetting(
                flag: "font-dir",
                summary: "Folder of TrueType fonts (DejaVu, Liberation or Noto Sans) for PDF reports, searched before the machine's fonts.",
                defaultDescription: "the machine's font folders"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                guard !value.isEmpty else { throw .init(reason: "expected a folder path") }
                configuration.fontDirectory = value
            },
            ConfigurationSetting(
                flag: "demo",
                summary: "Serve sample websites at /demo/sites/ and give every new workspace a sample project whose report reads them.",
                defaultDescription: "false", isSwitch: true
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                configuration.demo = try boolean(value)
            },
        ] + languageModelSettings

    /// The setting with a flag name; the name must be one of ``settings``.
    static func setting(named flag: String) -> ConfigurationSetting {
        guard let setting = settings.first(where: { $0.flag == flag }) else {
            preconditionFailure("no setting named \(flag)")
        }
        return setting
    }

    /// Builds a configuration from flags, then environment, then the configuration file, then
    /// defaults.
    ///
    /// - Parameters:
    ///   - flags: Values given on the command line, by flag name (`"port": "9000"`).
    ///   - environment: The process environment; `BULLETIN_*` variables are read from it.
    /// - Throws: ``ConfigurationError`` naming the first setting that is invalid, or an
    ///   unknown `BULLETIN_*` variable (usually a typo).
    public static func load(flags: [String: String], environment: [String: String]) throws(ConfigurationError) -> BulletinConfiguration {
        let known = Set(settings.map(\.environmentVariable))
        let flagFallbacks = environment.filter { $0.key.hasPrefix(FlagFallback.prefix) && $0.key.count > FlagFallback.prefix.count }
        if let unknown = environment.keys.filter({
            $0.hasPrefix("BULLETIN_") && !known.contains($0) && flagFallbacks[$0] == nil
        }).sorted().first {
            throw ConfigurationError(setting: nil, problem: "unknown setting \(unknown) in the environment")
        }
        if let (variable, value) = flagFallbacks.sorted(by: { $0.key < $1.key }).first(where: { FlagFallback.problem(in: $0.value) != nil })
        {
            throw ConfigurationError(
                setting: nil, problem: "invalid feature flag \(variable)=\(value): \(FlagFallback.problem(in: value) ?? "")")
        }
        if let unknown = flags.keys.first(where: { flag in !settings.contains { $0.flag == flag } }) {
            throw ConfigurationError(setting: nil, problem: "unknown setting --\(unknown)")
        }
        let fileSetting = setting(named: "config")
        let file = try (flags[fileSetting.flag] ?? environment[fileSetting.environmentVariable]).map(fileValues(at:)) ?? [:]
        var configuration = BulletinConfiguration()
        configuration.flagFallbacks = flagFallbacks
        for setting in settings {
            guard let value = flags[setting.flag] ?? environment[setting.environmentVariable] ?? file[setting.flag] else { continue }
            do {
                try setting.apply(&configuration, value)
            } catch {
                throw ConfigurationError(setting: setting, problem: error.reason)
            }
        }
        _ = try configuration.databaseLocation()
        return configuration
    }

    static func integer(_ value: String, in range: ClosedRange<Int>) throws(ConfigurationSetting.Invalid) -> Int {
        guard let number = Int(value), range.contains(number) else {
            throw .init(reason: "expected a whole number from \(range.lowerBound) to \(range.upperBound), got '\(value)'")
        }
        return number
    }

    /// Origins as browsers send them: scheme, host and optional port; no path, no slash.
    private static func origins(_ value: String) throws(ConfigurationSetting.Invalid) -> Set<String> {
        var origins: Set<String> = []
        for item in value.split(separator: ",") {
            let origin = item.trimmingCharacters(in: .whitespaces)
            guard let components = URLComponents(string: origin), let scheme = components.scheme,
                scheme == "http" || scheme == "https", components.host?.isEmpty == false,
                components.path.isEmpty, components.query == nil, components.fragment == nil, components.user == nil
            else {
                throw .init(reason: "'\(origin)' is not an origin such as https://app.example.com")
            }
            origins.insert(origin.lowercased())
        }
        return origins
    }

    /// `queue=count` pairs separated by commas.
    private static func queueCounts(_ value: String) throws(ConfigurationSetting.Invalid) -> [String: Int] {
        var counts: [String: Int] = [:]
        for item in value.split(separator: ",") {
            let parts = item.split(separator: "=", omittingEmptySubsequences: false)
            let name = parts.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard parts.count == 2, !name.isEmpty, let count = Int(parts[1].trimmingCharacters(in: .whitespaces)),
                (1...10_000).contains(count)
            else {
                throw .init(reason: "expected queue=count pairs such as default=100,reports=4 (counts 1 to 10000), got '\(item)'")
            }
            counts[name] = count
        }
        return counts
    }

    private static func boolean(_ value: String) throws(ConfigurationSetting.Invalid) -> Bool {
        switch value.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw .init(reason: "expected true or false, got '\(value)'")
        }
    }
}
