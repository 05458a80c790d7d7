import BulletinCore
import Foundation
import Testing

@Suite("RFC 3339 date-times")
struct RFC3339Tests {
    @Test("date-times with fractional seconds, offsets and lower case read as the instant they name")
    func accepted() throws {
        let noon = Date(timeIntervalSince1970: 1_747_314_000)  // 2025-05-15T13:00:00Z
        let cases: [(String, Date)] = [
            ("2025-05-15T13:00:00Z", noon),
            ("2025-05-15T13:00:00.000Z", noon),  // JavaScript's toISOString()
            ("2025-05-15T13:00:00.5Z", noon + 0.5),
            ("2025-05-15T13:00:00.123456789Z", noon + 0.123456789),
            ("2025-05-15T13:00:00.1234567891234Z", noon + 0.123456789),
            ("2025-05-15t13:00:00z", noon),
            ("2025-05-15T15:30:00+02:30", noon),
            ("2025-05-15T08:00:00.250-05:00", noon + 0.25),
            ("2016-12-31T23:59:60Z", Date(timeIntervalSince1970: 1_483_228_800)),  // a leap second
            ("2017-01-01T00:59:60+01:00", Date(timeIntervalSince1970: 1_483_228_800)),  // the same, an hour east
            ("2024-02-29T00:00:00Z", Date(timeIntervalSince1970: 1_709_164_800)),
            ("1969-12-31T23:59:59Z", Date(timeIntervalSince1970: -1)),
            ("0001-01-01T00:00:00Z", Date(timeIntervalSince1970: -62_135_596_800)),
        ]
        for (text, expected) in cases {
            let date = try #require(RFC3339.date(from: text), "\(text)")
            #expect(abs(date.timeIntervalSince1970 - expected.timeIntervalSince1970) < 1e-6, "\(text)")
        }
    }

    @Test("what is not an RFC 3339 date-time, or names no day, is refused")
    func refused() {
        for text in [
            "", "yesterday", "2025-05-15", "2025-05-15T13:00:00", "2025-05-15T13:00Z", "2025-05-15 13:00:00Z",
            "2025-05-15T13:00:00.Z", "2025-05-15T13:00:00,5Z", "2025-02-29T00:00:00Z", "2025-13-01T00:00:00Z",
            "2025-04-31T00:00:00Z", "2025-05-15T24:00:00Z", "2025-05-15T13:60:00Z", "2025-05-15T13:00:61Z",
            "2025-05-15T13:43:60Z",  // a leap second only ends a UTC day, as JSON Schema's date-time format says
            "2025-05-15T13:00:00+2:00", "2025-05-15T13:00:00+02:60", "2025-05-15T13:00:00Z ", "+2025-05-15T13:00:00Z",
            "２０２５-05-15T13:00:00Z",
        ] {
            #expect(RFC3339.date(from: text) == nil, "\(text)")
        }
    }

    @Test("whole and fractional seconds read as Foundation's ISO 8601 parser reads them, from 1600 on")
    func matchesFoundation() throws {
        // Before the Gregorian reform of 1582 Foundation counts Julian days; RFC 3339 (and the
        // API's encoder, through gmtime) count Gregorian days all the way back.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let milliseconds = Int64.random(in: -11_000_000_000_000...250_000_000_000_000, using: &generator)
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            let text = date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
            let parsed = try #require(RFC3339.date(from: text), "\(text)")
            let reference = try Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
            #expect(abs(parsed.timeIntervalSince1970 - reference.timeIntervalSince1970) < 1e-3, "\(text)")
        }
    }

    @Test("a flag context's currentTime may carry fractional seconds; one that is no time names its field")
    func flagContext() throws {
        let context = try JSONDecoder().decode(FlagContext.self, from: Data(#"{"currentTime": "2025-05-15T13:00:00.000Z"}"#.utf8))
        #expect(context.currentTime == Date(timeIntervalSince1970: 1_747_314_000))
        #expect(FlagDate.parse(" 2025-05-15T13:00:00.250+00:00 ") == Date(timeIntervalSince1970: 1_747_314_000.25))
        do {
            _ = try JSONDecoder().decode(FlagContext.self, from: Data(#"{"currentTime": "tomorrow"}"#.utf8))
            Issue.record("a currentTime of tomorrow was read")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.codingPath.map(\.stringValue) == ["currentTime"])
        }
    }
}
