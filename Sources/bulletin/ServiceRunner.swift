import ArgumentParser
import BulletinApp
import BulletinServer
import BulletinStore
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// Runs an application until SIGTERM or SIGINT, then shuts it down gracefully: in-flight
/// work gets `--shutdown-grace`, then is cancelled. A failure to start prints one line and
/// exits with status 1.
func runUntilSignalled(_ build: () async throws -> some ApplicationProtocol, configuration: BulletinConfiguration) async throws {
    let logger = Logger(label: "bulletin")
    do {
        let app = try await build()
        var groupConfiguration = ServiceGroupConfiguration(
            services: [.init(service: app)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        // After the grace period, running work is cancelled; after this much more, the group
        // stops waiting for it.
        groupConfiguration.maximumGracefulShutdownDuration = configuration.shutdownGracePeriod + .seconds(5)
        groupConfiguration.maximumCancellationDuration = .seconds(5)
        try await ServiceGroup(configuration: groupConfiguration).run()
    } catch {
        printError(DatabaseFailure.reason(error))
        throw ExitCode(1)
    }
}
