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
///   - configure: Changes to the default configuration (logging is quiet by default; the
///     data folder is a new temporary one; bcrypt runs at its lowest cost; the pool is 4).
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
        let app = try await buildApplication(configuration: configuration, clock: clock)
        return try await app.test(live ? .live : .router) { client in try await body(client, url) }
    }
}
