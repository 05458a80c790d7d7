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
            tls: try tlsMode.connectionTLS())
        configuration.options.connectTimeout = .init(timeout)
        let settings = configuration
        let connection = try await withTimeout(timeout) {
            try await PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: settings, id: 0, logger: logger)
        }
        try await connection.close()
    }
}
