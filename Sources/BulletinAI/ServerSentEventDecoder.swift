/// One event of a `text/event-stream`: its name (`event:`, empty when none) and its data.
struct ServerSentEvent: Sendable, Hashable {
    var name: String
    var data: String
}

/// Reads a `text/event-stream` as it arrives, in pieces cut anywhere: lines end with LF, CRLF
/// or CR; `data:` lines of one event are joined with LF; a blank line ends an event; comments
/// (`:`) and other fields are skipped, as the HTML standard's parsing rules say.
///
/// Written by hand: AsyncHTTPClient hands over the body's bytes, and the EventSource packages
/// available here parse URLSession streams, not those.
struct ServerSentEventDecoder {
    private var line: [UInt8] = []
    private var afterCarriageReturn = false
    private var name = ""
    private var data: [String] = []
    /// The bytes fed so far; the providers' answers are bounded by it.
    private(set) var bytesRead = 0

    /// The events the bytes complete.
    mutating func feed(_ bytes: some Sequence<UInt8>) -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        for byte in bytes {
            bytesRead += 1
            if afterCarriageReturn {
                afterCarriageReturn = false
                if byte == UInt8(ascii: "\n") { continue }
            }
            switch byte {
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                afterCarriageReturn = byte == UInt8(ascii: "\r")
                if let event = endLine() { events.append(event) }
            default:
                line.append(byte)
            }
        }
        return events
    }

    private mutating func endLine() -> ServerSentEvent? {
        defer { line.removeAll(keepingCapacity: true) }
        guard !line.isEmpty else {
            defer { (name, data) = ("", []) }
            return data.isEmpty ? nil : ServerSentEvent(name: name, data: data.joined(separator: "\n"))
        }
        guard line.first != UInt8(ascii: ":") else { return nil }
        let colon = line.firstIndex(of: UInt8(ascii: ":")) ?? line.endIndex
        let field = String(decoding: line[..<colon], as: UTF8.self)
        var value = colon < line.endIndex ? line[(colon + 1)...] : []
        if value.first == UInt8(ascii: " ") { value = value.dropFirst() }
        switch field {
        case "event": name = String(decoding: value, as: UTF8.self)
        case "data": data.append(String(decoding: value, as: UTF8.self))
        default: break
        }
        return nil
    }
}
