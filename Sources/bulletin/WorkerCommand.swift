import ArgumentParser
import BulletinApp
import BulletinServer
import Foundation
import Logging

/// `bulletin worker`: works jobs, without the API, until SIGTERM or SIGINT.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Work jobs only; serve /healthz, /readyz and /metrics on --port.",
        discussion: """
            Run as many as the work needs, on any machine that reaches the database; on SQLite they \
            must share the machine and the data folder. When on the same host as `bulletin serve`, \
            give each its own --port. On SIGTERM or SIGINT it stops claiming jobs, lets running ones \
            finish within --shutdown-grace seconds, releases the rest to other workers and exits with \
            status 0.
            """
    )

    @OptionGroup var settings: SettingsOptions

    func run() async throws {
        let configuration = try settings.configuration(environment: ProcessInfo.processInfo.environment)
        LoggingSystem.bootstrap { JSONLogHandler(label: $0, level: configuration.logLevel) }
        try await runUntilSignalled({ try await buildWorkerApplication(configuration: configuration) }, configuration: configuration)
    }
}
