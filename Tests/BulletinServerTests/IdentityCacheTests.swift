import BulletinCore
import Foundation
import Synchronization
import Testing

@testable import BulletinServer

@Suite("Identity cache")
struct IdentityCacheTests {
    static let principal = Principal(kind: .user, id: "u1", workspaceID: "w1", role: .editor, userID: "u1", sessionID: "s1")

    @Test("entries live one second; a change empties the cache; a load overtaken by a change is not kept")
    func lifetimeAndInvalidation() async throws {
        let cache = IdentityCache()
        let loads = Mutex(0)
        let start = Date(timeIntervalSince1970: 1_000)
        func read(at time: Date, during: @Sendable () -> Void = {}) async -> Principal? {
            await cache.principal(for: "k", now: time) {
                loads.withLock { $0 += 1 }
                during()
                return Self.principal
            }
        }
        #expect(await read(at: start) == Self.principal)
        _ = await read(at: start.addingTimeInterval(0.5))
        #expect(loads.withLock { $0 } == 1)
        _ = await read(at: start.addingTimeInterval(1))
        #expect(loads.withLock { $0 } == 2, "stale after a second")

        cache.invalidateAll()
        _ = await read(at: start.addingTimeInterval(1.1))
        #expect(loads.withLock { $0 } == 3, "emptied by a change")

        cache.invalidateAll()
        _ = await read(at: start.addingTimeInterval(1.2)) { cache.invalidateAll() }
        _ = await read(at: start.addingTimeInterval(1.3))
        #expect(loads.withLock { $0 } == 5, "what was read before a change is not stored after it")
    }
}
