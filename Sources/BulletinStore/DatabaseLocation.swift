import Foundation
import NIOSSL
import PostgresNIO

/// Where the database lives, parsed from `--database-url`.
///
/// - `sqlite:PATH` or `sqlite://PATH` opens an SQLite file (a relative path is relative to the
///   working directory); with no URL, Bulletin uses `bulletin.sqlite` in the data directory.
/// - `postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=…` selects PostgreSQL
///   (`postgresql://` too). `sslmode` follows libpq: `disable`; `prefer` (the default: TLS
///   when the server offers it, unverified); `require` (TLS, unverified); `verify-full` (TLS
///   with the certificate checked against the system's roots and the host name).
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresLocation)

    /// The error of a database URL that cannot be used, saying what is wrong.
    public struct InvalidURL: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// Parses a database URL.
    public init(url: String) throws(InvalidURL) {
        if url.hasPrefix("sqlite:") {
            var path = String(url.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw InvalidURL(description: "an sqlite: URL needs a file path") }
            // Each connection to ":memory:" would get a database of its own, so reads would
            // never see writes.
            guard !path.contains(":memory:"), !path.contains("mode=memory") else {
                throw InvalidURL(description: "in-memory SQLite is not supported; give a file path")
            }
            self = .sqlite(path: path)
            return
        }
        guard let components = URLComponents(string: url), let scheme = components.scheme else {
            throw InvalidURL(description: "not a URL; expected postgres://… or sqlite:PATH")
        }
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw InvalidURL(description: "unsupported scheme '\(scheme)'; expected postgres://… or sqlite:PATH")
        }
        self = .postgres(try PostgresLocation(components: components))
    }

    /// The location with any password replaced by `***`, safe to log.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let location): location.description
        }
    }

    /// The SQL dialect spoken at this location.
    public var dialect: SQLDialect {
        switch self {
        case .sqlite: .sqlite
        case .postgres: .postgresql
        }
    }
}

/// The parts of a PostgreSQL URL.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// How to use TLS, as libpq's `sslmode`.
    public enum TLSMode: String, Sendable, Equatable {
        case disable, prefer, require
        case verifyFull = "verify-full"

        /// The TLS settings of this mode: none for `disable`; the certificate checked only
        /// for `verify-full`.
        var tlsConfiguration: TLSConfiguration? {
            guard self != .disable else { return nil }
            var configuration = TLSConfiguration.makeClientConfiguration()
            if self != .verifyFull { configuration.certificateVerification = .none }
            return configuration
        }

        /// PostgresNIO's pooled-client setting for this mode.
        var clientTLS: PostgresClient.Configuration.TLS {
            guard let tls = tlsConfiguration else { return .disable }
            return self == .prefer ? .prefer(tls) : .require(tls)
        }

        /// PostgresNIO's single-connection setting for this mode.
        func connectionTLS() throws -> PostgresConnection.Configuration.TLS {
            guard let tls = tlsConfiguration else { return .disable }
            let context = try NIOSSLContext(configuration: tls)
            return self == .prefer ? .prefer(context) : .require(context)
        }
    }

    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String?
    public var tlsMode: TLSMode

    init(components: URLComponents) throws(DatabaseLocation.InvalidURL) {
        guard let host = components.host, !host.isEmpty else {
            throw .init(description: "a postgres:// URL needs a host")
        }
        guard let username = components.user, !username.isEmpty else {
            throw .init(description: "a postgres:// URL needs a user name")
        }
        self.host = host
        self.port = components.port ?? 5432
        self.username = username.removingPercentEncoding ?? username
        self.password = components.password.map { $0.removingPercentEncoding ?? $0 }
        let path = components.path.drop(while: { $0 == "/" })
        self.database = path.isEmpty ? nil : String(path)
        self.tlsMode = .prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                    throw .init(description: "sslmode must be disable, prefer, require or verify-full")
                }
                self.tlsMode = mode
            default:
                throw .init(description: "unknown URL parameter '\(item.name)'; only sslmode is understood")
            }
        }
    }

    public var description: String {
        let credentials = password == nil ? username : "\(username):***"
        return "postgres://\(credentials)@\(host):\(port)/\(database ?? "")?sslmode=\(tlsMode.rawValue)"
    }

    /// The PostgresNIO client configuration for this location.
    func clientConfiguration(maximumConnections: Int) -> PostgresClient.Configuration {
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tlsMode.clientTLS)
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }
}
