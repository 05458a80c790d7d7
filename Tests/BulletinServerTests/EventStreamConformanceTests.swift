import BulletinCore
import BulletinServerTestSupport
import BulletinStore
import BulletinTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// Server-sent events against the rules web-platform-tests check, as restated in
/// `../shared/conformance/sse-eventsource-wpt/README.md` (read at test time).
@Suite("Realtime: event-stream format")
struct EventStreamConformanceTests {
    /// One vector of the README's table: the bytes on the wire (in chunks) and the events.
    struct Vector {
        let file: String
        let chunks: [[UInt8]]
        let expected: [StreamedEvent]
    }

    static func vectors() throws -> [Vector] {
        let readme = try String(
            contentsOf: ConformanceSuites.folder(.serverSentEvents).appendingPathComponent("README.md"), encoding: .utf8)
        return try readme.split(separator: "\n").filter { $0.hasPrefix("| format-") }.map { row in
            let columns = row.components(separatedBy: " | ")
            return Vector(
                file: String(columns[0].dropFirst(2)), chunks: try chunks(columns[1]), expected: try events(columns[2]))
        }
    }

    /// `"text" + `EF BB BF` + 2048×`x``, optionally as `chunk 1: …; chunk 2: …`; asides in
    /// parentheses (other variants) are left out.
    static func chunks(_ column: String) throws -> [[UInt8]] {
        let text = column.replacingOccurrences(of: #" \((or|also)[^)]*\)"#, with: "", options: .regularExpression)
        let parts =
            text.hasPrefix("chunk 1: ")
            ? text.components(separatedBy: "; ").map { String($0.drop { $0 != ":" }.dropFirst(2)) } : [text]
        let token = try NSRegularExpression(pattern: #"`([0-9A-F]{2}(?: [0-9A-F]{2})*)`|("(?:[^"\\]|\\.)*")|(\d+)×`(.)`"#)
        return try parts.map { part in
            var bytes: [UInt8] = []
            for match in token.matches(in: part, range: NSRange(part.startIndex..., in: part)) {
                func group(_ index: Int) -> String? {
                    Range(match.range(at: index), in: part).map { String(part[$0]) }
                }
                if let hex = group(1) {
                    bytes += hex.split(separator: " ").map { UInt8($0, radix: 16)! }
                } else if let literal = group(2) {
                    bytes += Array(try JSONDecoder().decode(String.self, from: Data(literal.utf8)).utf8)
                } else if let count = group(3).flatMap(Int.init), let character = group(4) {
                    bytes += Array(String(repeating: character, count: count).utf8)
                }
            }
            return bytes
        }
    }

    /// `(type, "data", "id"); …`
    static func events(_ column: String) throws -> [StreamedEvent] {
        let tuple = try NSRegularExpression(pattern: #"\((\w+), ("(?:[^"\\]|\\.)*"), ("(?:[^"\\]|\\.)*")\)"#)
        return try tuple.matches(in: column, range: NSRange(column.startIndex..., in: column)).map { match in
            func string(_ index: Int) throws -> String {
                try JSONDecoder().decode(String.self, from: Data(column[Range(match.range(at: index), in: column)!].utf8))
            }
            return StreamedEvent(
                type: String(column[Range(match.range(at: 1), in: column)!]), data: try string(2), lastEventID: try string(3))
        }
    }

    @Test("the test parser dispatches exactly the events of every vector in the README", ConformanceSuites.required(.serverSentEvents))
    func parserMatchesVectors() throws {
        let vectors = try Self.vectors()
        #expect(vectors.count == 21)
        for vector in vectors {
            var parser = EventStreamParser()
            let events = vector.chunks.flatMap { parser.feed($0) }
            #expect(events == vector.expected, "\(vector.file)")
        }
    }

    @Test("Bulletin's own stream follows the rules: type, UTF-8 without BOM, LF lines, known fields, terminated blocks")
    func ownStream() async throws {
        try await AccessFixture.run(.sqlite, live: true) { fixture in
            let viewer = fixture[.viewer]
            let topic = "user:\(viewer.id)"
            let stream = try await EventStreamClient.connect(
                "http://127.0.0.1:\(fixture.client.port!)/v1/events?topic=\(topic)",
                headers: [("Authorization", "Bearer \(viewer.accessToken)")])
            #expect(stream.status == 200)
            #expect(stream.contentType == "text/event-stream")  // rule 17
            let payloads = [#"{"text":"line one\nline two"}"#, #"{"text":"…ünïcode"}"#, "{}"]
            for payload in payloads {
                try await fixture.database.transaction { executor in
                    try await EventLog(database: executor).append(
                        NewEvent(workspaceID: fixture.workspaceID, topic: topic, type: "note", payload: payload, requestID: "r1"),
                        now: Date())
                }
            }
            let events = try await stream.next(payloads.count, only: ["note"])
            stream.close()
            let bytes = stream.received
            #expect(Array(bytes.prefix(3)) != [0xEF, 0xBB, 0xBF])  // rule 2: no BOM
            #expect(!bytes.contains(0x0D))  // rule 5: LF only, so no CR/CRLF ambiguity
            let text = try #require(String(validating: bytes, as: UTF8.self))  // rule 1
            #expect(text.hasPrefix("retry: 2000\n"))  // rule 16: digits only
            for line in text.split(separator: "\n") where !line.hasPrefix(":") {
                let field = line.prefix { $0 != ":" }
                #expect(["id", "event", "data", "retry"].contains(field), "unknown field in \(line)")  // rule 10
                if field == "id" {
                    let id = line.dropFirst(4)
                    #expect(!id.isEmpty && id.allSatisfy { $0.isNumber }, "id line \(line)")  // rule 15: no NUL
                }
            }
            // Every event the parser dispatched carries its own ID and type, and JSON data.
            for (event, payload) in zip(events, payloads) {
                #expect(event.type == "note")
                let envelope = try #require(try JSONSerialization.jsonObject(with: Data(event.data.utf8)) as? [String: Any])
                #expect(envelope["id"] as? String == event.lastEventID)
                let sent = try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? NSDictionary
                #expect(envelope["payload"] as? NSDictionary == sent)
            }
        }
    }
}
