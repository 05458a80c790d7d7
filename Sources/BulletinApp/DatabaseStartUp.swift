import BulletinStore
import Logging

extension DatabaseService {
    /// Checks the database answers (within `--database-start-timeout`), then applies or, with
    /// `--no-migrate`, verifies migrations: what `serve` and `worker` do before they work.
    /// Waiting for another node's migration is not bounded: that node holds the lock while it
    /// works, and this one proceeds when it is done.
    public func prepare(configuration: BulletinConfiguration, migrator: Migrator, logger: Logger) async throws {
        try await checkReachable(location: configuration.databaseLocation(), timeout: configuration.databaseStartTimeout, logger: logger)
        if configuration.migratesAutomatically {
            let applied = try await migrator.migrate(database)
            if !applied.isEmpty {
                logger.notice("migrated", metadata: ["versions": "\(applied.map(String.init).joined(separator: ","))"])
            }
        } else {
            try await migrator.verifyCurrent(database)
        }
    }
}
