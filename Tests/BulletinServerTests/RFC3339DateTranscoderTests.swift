import BulletinOpenAPI
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

    @Test("dates with fractional seconds or an offset are read; a text that is no date throws with the text")
    func readsRFC3339() throws {
        let transcoder = RFC3339DateTranscoder()
        #expect(try transcoder.decode("2025-05-15T13:00:00.000Z") == Date(timeIntervalSince1970: 1_747_314_000))
        #expect(try transcoder.decode("2025-05-15T15:00:00.250+02:00") == Date(timeIntervalSince1970: 1_747_314_000.25))
        #expect(throws: InvalidDateError.self) { try transcoder.decode("2025-05-15") }
        // Found by the contract check: the runtime's own reader ignores what follows a date.
        #expect(throws: InvalidDateError.self) { try transcoder.decode("3436-06-15T05:42:04Z*") }
        #expect(throws: InvalidDateError.self) { try transcoder.decode("2025-05-15T13:00:00Z trailing") }
        do {
            _ = try transcoder.decode("tomorrow")
        } catch let error as InvalidDateError {
            #expect(error.text == "tomorrow")
        }
    }

    @Test("the document's date fields are known by operation, so a date that is none is named by its field")
    func dateFields() throws {
        let fields = RequestDateFields.served.operations
        #expect(fields["evaluateFlags"] == .init(query: [], body: ["/context/currentTime"]))
        #expect(fields["createFlag"] == .init(query: [], body: ["/staleAfter"]))
        #expect(fields["listAuditEntries"] == .init(query: ["since", "until"], body: []))
        #expect(fields["listJobs"] == .init(query: ["since", "until"], body: []))
        let found = RequestDateFields.served.pointers(operationID: "evaluateFlags", text: "soon", query: nil)
        #expect(found.inQuery == false && found.pointers == ["/context/currentTime"])
    }
}
