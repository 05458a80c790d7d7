import BulletinCore
import Foundation
import Logging
import ServiceLifecycle

/// Opens the database at a location and keeps it running as a `Service`.
///
/// In a `ServiceGroup` it is started before the HTTP server and stopped after it: on
/// graceful shutdown it closes SQLite's connections or stops PostgreSQL's pool.
public struct DatabaseService: Service {
    /// The database this service keeps open.
    public let database: any Database

    /// Opens the database, creating SQLite's folder if needed; for PostgreSQL no connection is made until it is used.
    ///
    /// - Parameters:
    ///   - location: Where the database lives.
    ///   - poolSize: Connections to PostgreSQL (plus one that listens for notifications), or
    ///     SQLite reader connections.
    ///   - logger: Where the database logs.
    public static func open(location: DatabaseLocation, poolSize: Int, logger: Logger) async throws -> DatabaseService {
        switch location {
        case .sqlite(let path):
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return DatabaseService(database: try await SQLiteDatabase.open(path: path, readerCount: poolSize, logger: logger))
        case .postgres(let postgres):
            return DatabaseService(
                database: PostgresDatabase(
                    configuration: postgres.clientConfiguration(maximumConnections: poolSize + 1), logger: logger))
        }
    }

    public func run() async throws {
        if let postgres = database as? PostgresDatabase {
            await cancelWhenGracefulShutdown { await postgres.run() }
        } else {
            // Returns on graceful shutdown, or when a failing sibling cancels the group.
            try? await gracefulShutdown()
        }
        await closeShieldedFromCancellation()
    }

    /// Closes the database even when this task is cancelled: closing runs on SQLite's
    /// thread pool, which refuses work from a cancelled task, and an unclosed connection
    /// would leave the file's WAL behind.
    private func closeShieldedFromCancellation() async {
        let database = self.database
        await Task { await database.close() }.value
    }

    /// Runs `body` while the database's connections are open, then closes them; for
    /// command-line tasks that run outside a service group.
    @discardableResult
    public func withRunning<Result: Sendable>(_ body: @Sendable (any Database) async throws -> Result) async throws -> Result {
        try await withThrowingTaskGroup(of: Void.self) { group in
            if let postgres = database as? PostgresDatabase {
                group.addTask { await postgres.run() }
            }
            defer { group.cancelAll() }
            do {
                let result = try await body(database)
                await closeShieldedFromCancellation()
                return result
            } catch {
                await closeShieldedFromCancellation()
                throw error
            }
        }
    }
}

extension DatabaseService {
    /// Fails fast with a clear reason when the database cannot be reached.
    ///
    /// - Throws: ``DatabaseError/unreachable(database:reason:)`` naming the location (without
    ///   its password) and the cause.
    public func checkReachable(location: DatabaseLocation, timeout: Duration, logger: Logger) async throws {
        do {
            switch location {
            case .postgres(let postgres):
                try await postgres.probe(timeout: timeout, logger: logger)
            case .sqlite:
                let database = self.database
                try await withTimeout(timeout) { try await database.ping() }
            }
        } catch {
            throw DatabaseError.unreachable(database: location.description, reason: DatabaseFailure.reason(error))
        }
    }
}
