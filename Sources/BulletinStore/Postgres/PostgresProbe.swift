import BulletinCore
import Logging
import NIOPosix
import NIOSSL
import PostgresNIO

extension PostgresLocation {
    /// Opens and closes one connection, so that start-up fails at once with the real reason
    /// (refused, unknown host, bad password) instead of the pool's silent retries.
    func probe(timeout: Duration, logger: Logger) async throws {
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: username, password: password, database: database,
            tls: try tlsMode.configuration())
        configuration.options.connectTimeout = .init(timeout)
        let settings = configuration
        let connection = try await withTimeout(timeout) {
            try await PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: settings, id: 0, logger: logger)
        }
        try await connection.close()
    }
}

/// Words for an operator about why the database failed, without credentials or SQL.
public enum DatabaseFailure {
    /// The reason behind a database error, as PostgreSQL or the network stated it.
    public static func reason(_ error: any Error) -> String {
        if let error = error as? TimeoutError { return "no answer: \(error)" }
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return String(describing: underlying) }
            return error.code.description
        }
        return String(describing: error)
    }
}
