import BulletinApp
import Foundation
import Logging
import Synchronization
import Testing

@Suite("JSON logs")
struct JSONLogHandlerTests {
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        func append(_ line: [UInt8]) { lines.withLock { $0.append(String(decoding: line, as: UTF8.self)) } }
        var all: [String] { lines.withLock { $0 } }
    }

    @Test("each event is one JSON object per line with time, level, message and metadata")
    func oneObjectPerLine() throws {
        let sink = Lines()
        var logger = Logger(label: "test") { JSONLogHandler(label: $0, level: .info, sink: sink.append) }
        logger[metadataKey: "requestId"] = "r-1"
        logger.info(
            "said \"hi\"\n\tand left", metadata: ["status": .stringConvertible(200), "route": "/v1/x", "ms": .stringConvertible(1.5)])
        logger.debug("below the level")
        logger.warning("control \u{01} and ünïcødé", metadata: ["list": ["1", "two"], "map": ["b": "2", "a": "1"]])
        #expect(sink.all.count == 2)
        let line = try #require(sink.all.first)
        #expect(line.hasSuffix("}\n"))
        #expect(line.dropLast().contains("\n") == false)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["message"] as? String == "said \"hi\"\n\tand left")
        #expect(object["level"] as? String == "info")
        #expect(object["requestId"] as? String == "r-1")
        #expect(object["status"] as? Int == 200)
        #expect(object["ms"] as? Double == 1.5)
        #expect(object["route"] as? String == "/v1/x")
        let second = try #require(try JSONSerialization.jsonObject(with: Data(sink.all[1].utf8)) as? [String: Any])
        #expect(second["message"] as? String == "control \u{01} and ünïcødé")
        #expect(second["map"] as? [String: String] == ["a": "1", "b": "2"])
        #expect(sink.all[1].contains(#""list":["1","two"]"#))
        let time = try #require(object["time"] as? String)
        #expect(time.count == 24 && time.hasSuffix("Z"))
    }

    @Test("timestamps are RFC 3339 UTC with milliseconds")
    func timestamp() {
        #expect(JSONLogHandler.timestamp(Date(timeIntervalSince1970: 1_795_000_000.25)) == "2026-11-18T11:06:40.250Z")
        #expect(JSONLogHandler.timestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
    }
}
