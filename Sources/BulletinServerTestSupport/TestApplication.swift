import BulletinApp
import BulletinCore
import BulletinServer
import BulletinStore
import BulletinTestSupport
import Hummingbird
import HummingbirdTesting
import Logging

/// Runs the real application, as `buildApplication(configuration:)` makes it, against a
/// new database of a dialect, and gives `body` a client that goes through its router.
///
/// - Parameters:
///   - dialect: The database to run on.
///   - configure: Changes to the test configuration (see ``withTestConfiguration(_:configure:_:)``).
///   - clock: Where the application reads the time.
///   - live: Serve on a real socket (the client's `port` names it), for streams the router
///     client cannot read as they come.
///   - body: The test, given the client and the database URL.
public func withTestApplication<Result: Sendable>(
    _ dialect: SQLDialect,
    configure: @Sendable (inout BulletinConfiguration) -> Void = { _ in },
    clock: WallClock = .system,
    live: Bool = false,
    _ body: @Sendable (any TestClientProtocol, String) async throws -> Result
) async throws -> Result {
    try await withTestConfiguration(dialect, configure: configure) { configuration, url in
        let app = try await buildApplication(configuration: configuration, clock: clock)
        return try await app.test(live ? .live : .router) { client in try await body(client, url) }
    }
}

/// A configuration for an application under test, on a new database of a dialect, for as
/// long as `body` runs: logging is quiet, the data folder is a new temporary one, bcrypt runs
/// at its lowest cost and the pool holds 4 connections, then `configure` has its say.
///
/// - Parameters:
///   - dialect: The database to run on.
///   - configure: Changes to that configuration.
///   - body: Given the configuration and the database URL.
public func withTestConfiguration<Result: Sendable>(
    _ dialect: SQLDialect,
    configure: @Sendable (inout BulletinConfiguration) -> Void = { _ in },
    _ body: @Sendable (BulletinConfiguration, String) async throws -> Result
) async throws -> Result {
    try await TestDatabases.withEmptyDatabaseURL(dialect) { url in
        let dataFolder = try TemporaryFolder()
        defer { dataFolder.remove() }
        var configuration = BulletinConfiguration()
        configuration.databaseURL = url
        configuration.dataDirectory = dataFolder.path
        configuration.logLevel = .critical
        configuration.bcryptCost = 4
        // Tests run side by side on one PostgreSQL server: a small pool each.
        configuration.databasePoolSize = 4
        configure(&configuration)
        return try await body(configuration, url)
    }
}
