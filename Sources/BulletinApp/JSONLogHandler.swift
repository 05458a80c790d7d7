import Foundation
import Logging

/// A swift-log handler that writes one JSON object per line to standard output.
///
/// swift-log ships only a plain-text handler; log collectors want one JSON object per line
/// (`time`, `level`, `message`, `logger`, then metadata in key order), so this handler is
/// written here. It runs for every request, so it builds each line as bytes in one buffer
/// and writes it with one `write(2)`, which keeps lines from concurrent tasks apart (on a
/// pipe, for lines up to `PIPE_BUF`, 4 KiB). The write blocks the calling thread; log to a
/// file, a pipe or journald, not to a terminal that can stall.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let sink: @Sendable ([UInt8]) -> Void

    /// Creates a handler.
    ///
    /// - Parameters:
    ///   - label: The logger's label, written as `logger`.
    ///   - level: The least severe level written.
    ///   - sink: Where each line's bytes go, newline included. Defaults to standard output.
    public init(label: String, level: Logger.Level, sink: @escaping @Sendable ([UInt8]) -> Void = JSONLogHandler.standardOutput) {
        self.label = label
        self.logLevel = level
        self.sink = sink
    }

    /// The metadata key under which Hummingbird tags a request's logger; it carries
    /// Bulletin's request ID and is written as `requestId`.
    public static let hummingbirdRequestIDKey = "hb.request.id"

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line: [UInt8] = []
        line.reserveCapacity(384)
        line.append(contentsOf: #"{"time":""#.utf8)
        Self.appendTimestamp(Date(), to: &line)
        line.append(contentsOf: #"","level":""#.utf8)
        line.append(contentsOf: event.level.rawValue.utf8)
        line.append(contentsOf: #"","message":"#.utf8)
        Self.appendString(event.message.description, to: &line)
        line.append(contentsOf: #","logger":"#.utf8)
        Self.appendString(label, to: &line)

        // The event's own metadata wins over the provider's, which wins over the handler's.
        let explicit = event.metadata ?? [:]
        let provided = metadataProvider?.get() ?? [:]
        var entries: [(key: String, value: Logger.MetadataValue)] = []
        entries.reserveCapacity(explicit.count + provided.count + metadata.count)
        for entry in explicit { entries.append(entry) }
        for entry in provided where explicit[entry.key] == nil { entries.append(entry) }
        for entry in metadata where explicit[entry.key] == nil && provided[entry.key] == nil { entries.append(entry) }
        entries.sort { $0.key < $1.key }
        for (key, value) in entries {
            line.append(UInt8(ascii: ","))
            Self.appendString(key == Self.hummingbirdRequestIDKey ? "requestId" : key, to: &line)
            line.append(UInt8(ascii: ":"))
            Self.appendValue(value, to: &line)
        }
        line.append(contentsOf: "}\n".utf8)
        sink(line)
    }

    /// Writes a line to standard output in one system call.
    public static let standardOutput: @Sendable ([UInt8]) -> Void = { line in
        line.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(1, bytes.baseAddress! + offset, bytes.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0, errno == EINTR || errno == EAGAIN {
                    continue
                } else {
                    return  // Standard output is gone; there is nowhere to report it.
                }
            }
        }
    }

    private static func appendValue(_ value: Logger.Metadata.Value, to line: inout [UInt8]) {
        switch value {
        case .string(let string):
            appendString(string, to: &line)
        case .stringConvertible(let convertible):
            switch convertible {
            case let number as Int: line.append(contentsOf: String(number).utf8)
            case let number as any BinaryInteger: line.append(contentsOf: "\(number)".utf8)
            case let number as Double where number.isFinite: line.append(contentsOf: number.description.utf8)
            case let flag as Bool: line.append(contentsOf: (flag ? "true" : "false").utf8)
            default: appendString(convertible.description, to: &line)
            }
        case .array(let values):
            line.append(UInt8(ascii: "["))
            for (index, element) in values.enumerated() {
                if index > 0 { line.append(UInt8(ascii: ",")) }
                appendValue(element, to: &line)
            }
            line.append(UInt8(ascii: "]"))
        case .dictionary(let dictionary):
            line.append(UInt8(ascii: "{"))
            for (index, key) in dictionary.keys.sorted().enumerated() {
                if index > 0 { line.append(UInt8(ascii: ",")) }
                appendString(key, to: &line)
                line.append(UInt8(ascii: ":"))
                appendValue(dictionary[key]!, to: &line)
            }
            line.append(UInt8(ascii: "}"))
        }
    }

    /// Appends a JSON string literal, escaping quotes, backslashes and control characters.
    static func appendString(_ string: String, to line: inout [UInt8]) {
        line.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            var start = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                start = index + 1
                switch byte {
                case UInt8(ascii: "\""): line.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\\"): line.append(contentsOf: #"\\"#.utf8)
                case UInt8(ascii: "\n"): line.append(contentsOf: #"\n"#.utf8)
                case UInt8(ascii: "\r"): line.append(contentsOf: #"\r"#.utf8)
                case UInt8(ascii: "\t"): line.append(contentsOf: #"\t"#.utf8)
                default:
                    line.append(contentsOf: #"\u00"#.utf8)
                    line.append(hexDigit(byte >> 4))
                    line.append(hexDigit(byte & 0xF))
                }
            }
            line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        line.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    /// RFC 3339 UTC with milliseconds, written digit by digit: Foundation's formatter costs
    /// microseconds, and this runs for every request.
    public static func timestamp(_ date: Date) -> String {
        var bytes: [UInt8] = []
        appendTimestamp(date, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func appendTimestamp(_ date: Date, to line: inout [UInt8]) {
        let interval = date.timeIntervalSince1970
        var seconds = time_t(interval.rounded(.down))
        let milliseconds = Int((interval - Double(seconds)) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func digits(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var value = value
            while divisor > 0 {
                line.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                value %= divisor
                divisor /= 10
            }
        }
        digits(Int(parts.tm_year) + 1900, 4)
        line.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mon) + 1, 2)
        line.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mday), 2)
        line.append(UInt8(ascii: "T"))
        digits(Int(parts.tm_hour), 2)
        line.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_min), 2)
        line.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_sec), 2)
        line.append(UInt8(ascii: "."))
        digits(milliseconds, 3)
        line.append(UInt8(ascii: "Z"))
    }
}

extension BulletinConfiguration {
    /// The process's logger: JSON lines at the configured level.
    public var logger: Logger {
        Logger(label: "bulletin") { JSONLogHandler(label: $0, level: logLevel) }
    }
}
