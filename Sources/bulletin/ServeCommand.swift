import ArgumentParser
import BulletinApp
import BulletinServer
import BulletinStore
import Foundation
import Logging

/// `bulletin serve`: runs the HTTP server until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP server (and the API, events and web UI).",
        discussion: """
            Unless told --no-workers, it also works jobs. On SIGTERM or SIGINT the server stops \
            accepting connections and claiming jobs, lets in-flight requests and running jobs finish \
            within --shutdown-grace seconds, releases the jobs still running, closes the database and \
            exits with status 0.
            """
    )

    @OptionGroup var settings: SettingsOptions

    func run() async throws {
        let configuration = try settings.configuration(environment: ProcessInfo.processInfo.environment)
        LoggingSystem.bootstrap { JSONLogHandler(label: $0, level: configuration.logLevel) }
        try await runUntilSignalled({ try await buildApplication(configuration: configuration) }, configuration: configuration)
    }
}
