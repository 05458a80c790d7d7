import Testing

@testable import BulletinAI

@Suite("Reading event streams")
struct ServerSentEventDecoderTests {
    @Test("events cut anywhere, with LF, CRLF or CR, several data lines, comments and unknown fields")
    func decoding() {
        let stream = ": hello\r\nevent: delta\r\ndata: {\"a\":1}\r\n\r\ndata:first\ndata: second\nid: 7\n\nevent: x\rdata: y\r\r\n\n"
        let whole = { () -> [ServerSentEvent] in
            var decoder = ServerSentEventDecoder()
            return decoder.feed(Array(stream.utf8))
        }()
        #expect(
            whole == [
                ServerSentEvent(name: "delta", data: "{\"a\":1}"), ServerSentEvent(name: "", data: "first\nsecond"),
                ServerSentEvent(name: "x", data: "y"),
            ])
        for cut in 1..<stream.utf8.count {
            var decoder = ServerSentEventDecoder()
            let bytes = Array(stream.utf8)
            let events = decoder.feed(bytes[..<cut]) + decoder.feed(bytes[cut...])
            #expect(events == whole, "cut at \(cut)")
        }
    }
}
