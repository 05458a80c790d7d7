import Logging
import NIOPosix
import NIOSSL
import PostgresNIO

extension PostgresLocation {
    /// Opens and closes one connection, so that start-up fails at once with the real reason
    /// (refused, unknown host, bad password) instead of the pool's silent retries.
    func probe(timeout: Duration, logger: Logger) async throws {
        let tls: PostgresConnection.Configuration.TLS =
            switch tlsMode {
            case .disable: .disable
            case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = .init(timeout)
        let connection = try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 0, logger: logger)
        try await connection.close()
    }
}

/// Words for an operator about why the database failed, without credentials or SQL.
public enum DatabaseFailure {
    /// The reason behind a database error, as PostgreSQL or the network stated it.
    public static func reason(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return String(describing: underlying) }
            return error.code.description
        }
        return String(describing: error)
    }
}
