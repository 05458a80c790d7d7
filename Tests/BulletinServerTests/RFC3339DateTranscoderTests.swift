import Foundation
import OpenAPIRuntime
import Testing

@testable import BulletinServer

@Suite("API dates")
struct RFC3339DateTranscoderTests {
    @Test("dates are written exactly as the runtime's ISO 8601 transcoder writes them, and read back")
    func matchesTheDefault() throws {
        let fast = RFC3339DateTranscoder()
        let reference = ISO8601DateTranscoder()
        var generator = SystemRandomNumberGenerator()
        var dates = [0, 951_782_400, 1_763_764_844.999, 4_102_444_799.5, -1].map(Date.init(timeIntervalSince1970:))
        dates += (0..<500).map { _ in Date(timeIntervalSince1970: Double.random(in: -2e9...6e10, using: &generator)) }
        dates.append(Date(timeIntervalSince1970: -70_000_000_000))  // year < 1: the fallback
        for date in dates {
            let text = try fast.encode(date)
            let expected = try reference.encode(date)
            #expect(text == expected, "\(date.timeIntervalSince1970)")
            #expect(try fast.decode(text) == (try reference.decode(text)))
        }
    }
}
