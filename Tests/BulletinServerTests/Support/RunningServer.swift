import BulletinApp
import BulletinServer
import BulletinServerTestSupport
import BulletinStore
import BulletinTestSupport
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle

/// The real application, as `buildApplication(configuration:)` makes it, served on a free port
/// in a service group the test shuts down itself: for what happens to connections at shutdown.
struct RunningServer: Sendable {
    /// The port it listens on.
    let port: Int
    private let group: ServiceGroup

    /// Begins a graceful shutdown, as SIGTERM does.
    func shutDown() async {
        await group.triggerGracefulShutdown()
    }

    /// Runs the server on a new SQLite database while `body` runs; `body` may shut it down, and
    /// this returns once the server has stopped.
    static func run(_ body: @Sendable (RunningServer) async throws -> Void) async throws {
        try await withTestConfiguration(.sqlite, configure: { $0.port = 0 }) { configuration, _ in
            let (ports, reportPort) = AsyncStream.makeStream(of: Int.self)
            let app = PortReporting(base: try await buildApplication(configuration: configuration), report: reportPort)
            let group = ServiceGroup(services: [app], logger: TestDatabases.logger)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                var iterator = ports.makeAsyncIterator()
                guard let port = await iterator.next() else { return }
                do {
                    try await body(RunningServer(port: port, group: group))
                } catch {
                    await group.triggerGracefulShutdown()
                    throw error
                }
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        }
    }
}

/// An application that reports the port its server listens on.
private struct PortReporting<Base: ApplicationProtocol>: ApplicationProtocol {
    let base: Base
    let report: AsyncStream<Int>.Continuation

    var responder: Base.Responder { get async throws { try await base.responder } }
    var server: HTTPServerBuilder { base.server }
    var eventLoopGroup: any EventLoopGroup { base.eventLoopGroup }
    var configuration: ApplicationConfiguration { base.configuration }
    var logger: Logger { base.logger }
    var services: [any Service] { base.services }
    var processesRunBeforeServerStart: [@Sendable () async throws -> Void] { base.processesRunBeforeServerStart }

    @Sendable func onServerRunning(_ channel: any Channel) async {
        await base.onServerRunning(channel)
        report.yield(channel.localAddress?.port ?? 0)
    }
}
