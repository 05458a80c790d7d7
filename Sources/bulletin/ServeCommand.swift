import ArgumentParser
import BulletinServer
import BulletinStore
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// `bulletin serve`: runs the HTTP server until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP server (and the API, events and web UI).",
        discussion: """
            On SIGTERM or SIGINT the server stops accepting connections, lets in-flight requests \
            finish within --shutdown-grace seconds, closes the database and exits with status 0.
            """
    )

    @OptionGroup var settings: SettingsOptions

    func run() async throws {
        let configuration = try settings.configuration(environment: ProcessInfo.processInfo.environment)
        LoggingSystem.bootstrap { JSONLogHandler(label: $0, level: configuration.logLevel) }
        let logger = Logger(label: "bulletin")
        do {
            let app = try await buildApplication(configuration: configuration)
            var groupConfiguration = ServiceGroupConfiguration(
                services: [.init(service: app)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            // After the grace period, running requests are cancelled; after this much more,
            // the group stops waiting for them.
            groupConfiguration.maximumGracefulShutdownDuration = configuration.shutdownGracePeriod
            groupConfiguration.maximumCancellationDuration = .seconds(5)
            try await ServiceGroup(configuration: groupConfiguration).run()
        } catch {
            printError(DatabaseFailure.reason(error))
            throw ExitCode(1)
        }
    }
}
