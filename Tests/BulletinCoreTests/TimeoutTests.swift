import BulletinCore
import Testing

@Suite("withTimeout")
struct TimeoutTests {
    @Test("returns the result of an operation that finishes")
    func finishes() async throws {
        let value = try await withTimeout(.seconds(60)) { 42 }
        #expect(value == 42)
    }

    @Test("throws TimeoutError and cancels an operation that does not finish")
    func timesOut() async throws {
        await #expect(throws: TimeoutError(limit: .milliseconds(20))) {
            try await withTimeout(.milliseconds(20)) {
                try await Task.sleep(for: .seconds(3600))
            }
        }
    }

    @Test("passes on the operation's own error")
    func operationError() async throws {
        struct Boom: Error, Equatable {}
        await #expect(throws: Boom()) {
            try await withTimeout(.seconds(60)) { throw Boom() }
        }
    }
}
