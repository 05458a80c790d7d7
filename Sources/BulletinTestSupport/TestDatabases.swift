import BulletinCore
import BulletinStore
import Foundation
import Logging
import PostgresNIO

/// Throwaway databases for tests: a new SQLite file, or a new database on the PostgreSQL
/// server that `scripts/test` started (named by `POSTGRES_TEST_URL`).
public enum TestDatabases {
    /// The variable holding the admin URL of the test PostgreSQL server.
    public static let postgresURLVariable = "POSTGRES_TEST_URL"

    /// The dialects the store suite runs on here: SQLite always, PostgreSQL when a server is
    /// configured (`scripts/test` always configures one, and checks that both ran).
    public static var dialects: [SQLDialect] {
        postgresAdminURL == nil ? [.sqlite] : [.sqlite, .postgresql]
    }

    static var postgresAdminURL: String? {
        ProcessInfo.processInfo.environment[postgresURLVariable]
    }

    /// A logger that stays quiet unless something is badly wrong.
    public static let logger = Logger(label: "test") { _ in
        var handler = StreamLogHandler.standardError(label: "test")
        handler.logLevel = .critical
        return handler
    }

    /// Runs `body` with the URL of a new, empty database, and removes it afterwards.
    public static func withEmptyDatabaseURL<Result: Sendable>(
        _ dialect: SQLDialect, _ body: (String) async throws -> Result
    ) async throws -> Result {
        switch dialect {
        case .sqlite:
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            return try await body("sqlite:" + folder.path + "/bulletin.sqlite")
        case .postgresql:
            guard let adminURL = postgresAdminURL else {
                throw DatabaseError.unreachable(database: "postgresql", reason: "\(postgresURLVariable) is not set")
            }
            let name = "test_" + RandomID.make().lowercased()
            try await administer(adminURL) { try await $0.query("CREATE DATABASE \(unescaped: name)", logger: logger) }
            do {
                let result = try await body(try replacingDatabase(in: adminURL, with: name))
                try await administer(adminURL) { try await $0.query("DROP DATABASE \(unescaped: name) WITH (FORCE)", logger: logger) }
                return result
            } catch {
                try? await administer(adminURL) { try await $0.query("DROP DATABASE \(unescaped: name) WITH (FORCE)", logger: logger) }
                throw error
            }
        }
    }

    /// Runs `body` with a new, open, empty database, closing and removing it afterwards.
    public static func withDatabase<Result: Sendable>(
        _ dialect: SQLDialect, _ body: @Sendable (any Database) async throws -> Result
    ) async throws -> Result {
        try await withEmptyDatabaseURL(dialect) { url in
            let service = try await DatabaseService.open(location: try DatabaseLocation(url: url), poolSize: 4, logger: logger)
            return try await service.withRunning(body)
        }
    }

    private static func administer(_ adminURL: String, _ body: @Sendable (PostgresConnection) async throws -> Void) async throws {
        guard case .postgres(let location) = try DatabaseLocation(url: adminURL) else { return }
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.username, password: location.password,
            database: location.database, tls: .disable)
        configuration.options.connectTimeout = .seconds(5)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        do {
            try await body(connection)
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }

    private static func replacingDatabase(in url: String, with name: String) throws -> String {
        // The URL parsed as a database location above, so it parses as URL components too.
        var components = URLComponents(string: url)!
        components.path = "/" + name
        return components.string!
    }
}
