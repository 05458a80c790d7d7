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
            let statuses = try await withDatabase(settings) { database, _ in try await Migrator().status(of: database) }
            for status in statuses {
                let state = status.appliedAt.map { "applied \($0.formatted(.iso8601))" } ?? "pending"
                print(
                    "\(String(format: "%4d", status.version))  \(status.name.padding(toLength: 32, withPad: " ", startingAt: 0))  \(state)")
            }
        }
    }

    /// `bulletin migrate up`
    struct Up: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply every pending migration.")
        @OptionGroup var settings: SettingsOptions

        func run() async throws {
            let applied = try await withDatabase(settings) { database, _ in try await Migrator().migrate(database) }
            print(applied.isEmpty ? "The schema is up to date." : "Applied \(applied.map(String.init).joined(separator: ", ")).")
        }
    }
}
