import BulletinStore
import BulletinTestSupport
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Testing

@testable import BulletinServer

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite("Graceful shutdown")
struct GracefulShutdownTests {
    @Test("a request in flight when shutdown begins still gets its answer")
    func finishesInFlightRequests() async throws {
        try await TestDatabases.withDatabase(.sqlite) { database in
            let (handlerStarted, started) = AsyncStream.makeStream(of: Void.self)
            let (releaseHandler, release) = AsyncStream.makeStream(of: Void.self)
            let (portStream, ports) = AsyncStream.makeStream(of: Int.self)

            let router = try buildRouter(services: try await .forTests(database), instance: InstanceHolder())
            router.get("/probe/slow") { _, _ -> String in
                started.yield()
                for await _ in releaseHandler { break }
                return "finished"
            }
            let app = Application(
                router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                onServerRunning: { channel in ports.yield(channel.localAddress?.port ?? 0) },
                logger: TestDatabases.logger)
            let group = ServiceGroup(services: [app], logger: TestDatabases.logger)

            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                var portIterator = portStream.makeAsyncIterator()
                let port = try #require(await portIterator.next())
                let url = URL(string: "http://127.0.0.1:\(port)/probe/slow")!
                async let answer = fetch(url)

                for await _ in handlerStarted { break }
                await group.triggerGracefulShutdown()
                // Shutdown is under way once the server refuses new connections; only then
                // may the slow request finish.
                let health = URL(string: "http://127.0.0.1:\(port)/healthz")!
                try await waitUntil("the server stops accepting connections") {
                    (try? await fetch(health, headers: ["Connection": "close"])) == nil
                }
                release.yield()

                let (status, _, body) = try await answer
                #expect(status == 200)
                #expect(String(decoding: body, as: UTF8.self) == "finished")
                try await tasks.waitForAll()
            }
        }
    }
}
