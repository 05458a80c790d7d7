import ArgumentParser
import BulletinServer
import BulletinStore
import Foundation
import Logging

/// `bulletin migrate`: shows or applies schema migrations.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Show or apply database migrations.",
        subcommands: [Status.self, Up.self],
        defaultSubcommand: Status.self
    )

    /// `bulletin migrate status`
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every migration and whether it is applied.")
        @OptionGroup var settings: SettingsOptions

        func run() async throws {
            let statuses = try await withDatabase(settings) { try await Migrator().status(of: $0) }
            for status in statuses {
                let state = status.appliedAt.map { "applied \($0.formatted(.iso8601))" } ?? "pending"
                print("\(String(format: "%4d", status.version))  \(status.name.padding(toLength: 32, withPad: " ", startingAt: 0))  \(state)")
            }
        }
    }

    /// `bulletin migrate up`
    struct Up: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply every pending migration.")
        @OptionGroup var settings: SettingsOptions

        func run() async throws {
            let applied = try await withDatabase(settings) { try await Migrator().migrate($0) }
            print(applied.isEmpty ? "The schema is up to date." : "Applied \(applied.map(String.init).joined(separator: ", ")).")
        }
    }
}

/// Opens the configured database, runs `body`, and closes it; failures print one line.
private func withDatabase<Result: Sendable>(
    _ settings: SettingsOptions, _ body: @escaping @Sendable (any Database) async throws -> Result
) async throws -> Result {
    let configuration = try settings.configuration(environment: ProcessInfo.processInfo.environment)
    let logger = Logger(label: "bulletin") { JSONLogHandler(label: $0, level: configuration.logLevel) }
    do {
        let location = try configuration.databaseLocation()
        let service = try await DatabaseService.open(location: location, poolSize: 2, logger: logger)
        try await service.checkReachable(location: location, timeout: configuration.databaseStartTimeout, logger: logger)
        return try await service.withRunning(body)
    } catch {
        printError(StartupFailure.describe(error))
        throw ExitCode(1)
    }
}
