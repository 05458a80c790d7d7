import Foundation
import Testing

@testable import BulletinStore

/// SQLite's times are written and read by hand in one fixed shape; they must agree with
/// Foundation's ISO 8601 format within a millisecond, read back exactly, and sort as text in
/// time order.
@Suite("SQLite timestamps")
struct SQLTimestampTests {
    static let foundationStyle = Date.ISO8601FormatStyle.iso8601.year().month().day()
        .time(includingFractionalSeconds: true).timeZone(separator: .omitted)

    @Test("writing agrees with Foundation's format and reading gives the time back, to the millisecond")
    func roundTrip() throws {
        var generator = SystemRandomNumberGenerator()
        var dates = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -1), Date(timeIntervalSince1970: 951_782_400)]
        for _ in 0..<2000 {
            let milliseconds = Int64.random(in: -2_000_000_000_000...5_000_000_000_000, using: &generator)
            dates.append(Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        }
        for date in dates {
            let text = SQLTimestamp.format(date)
            let foundation = try Date(date.formatted(Self.foundationStyle), strategy: Self.foundationStyle)
            let back = try #require(SQLTimestamp.parse(text))
            #expect(abs(back.timeIntervalSince1970 - foundation.timeIntervalSince1970) <= 0.0011, "\(text)")
            #expect(abs(back.timeIntervalSince1970 - date.timeIntervalSince1970) < 0.001, "\(text)")
            #expect(SQLTimestamp.format(back) == text)
        }
        let sorted = dates.sorted()
        #expect(sorted.map(SQLTimestamp.format) == sorted.map(SQLTimestamp.format).sorted())
    }

    @Test("other RFC 3339 shapes still read, and nonsense does not")
    func otherShapes() {
        #expect(SQLTimestamp.parse("2026-11-22T00:26:49Z") == Date(timeIntervalSince1970: 1_795_307_209))
        #expect(SQLTimestamp.parse("2026-11-22T00:26:49.500Z") == Date(timeIntervalSince1970: 1_795_307_209.5))
        #expect(SQLTimestamp.parse("2026-13-22T00:26:49.500Z") == nil)
        #expect(SQLTimestamp.parse("not a time") == nil)
    }
}
