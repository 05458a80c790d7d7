import ArgumentParser
import BulletinApp
import BulletinServer
import BulletinStore
import Foundation
import Logging

/// Opens the configured database, runs `body`, and closes it; a failure prints one line
/// and exits with status 1. For commands that work on the database without serving.
func withDatabase<Result: Sendable>(
    _ settings: SettingsOptions,
    _ body: @escaping @Sendable (any Database, BulletinConfiguration) async throws -> Result
) async throws -> Result {
    let configuration = try settings.configuration(environment: ProcessInfo.processInfo.environment)
    let logger = configuration.logger
    do {
        let location = try configuration.databaseLocation()
        let service = try await DatabaseService.open(location: location, poolSize: 2, logger: logger)
        try await service.checkReachable(location: location, timeout: configuration.databaseStartTimeout, logger: logger)
        return try await service.withRunning { try await body($0, configuration) }
    } catch {
        printError(DatabaseFailure.reason(error))
        throw ExitCode(1)
    }
}
