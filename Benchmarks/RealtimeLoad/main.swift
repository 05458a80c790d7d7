// The client side of scripts/bench-realtime: holds thousands of server-sent event streams
// open against a running Bulletin and measures what the server does with them.
//
//   realtime-load --port P --token T --topic workspace:ID --flag NAME --server-pid PID
//                 [--idle 10000] [--subscribers 1000] [--rate 100] [--seconds 20]
//
// 1. Opens `--idle` streams on the topic and, with nothing happening, reads the server's
//    resident memory (before and after) from /proc.
// 2. Closes them, opens `--subscribers` streams, and makes `--rate` changes a second for
//    `--seconds` (alternately disabling and enabling the flag, each an audited change with an
//    event on the workspace topic, sent with `X-Request-ID: bench-N`). Each subscriber notes
//    when the event of change N arrives; the latency is from just before the change's request
//    was sent (so it includes the request's own handling and commit) to that arrival.
//
// Written with SwiftNIO directly: a load generator needs thousands of cheap streaming
// connections, which neither wrk (no streams) nor an HTTP client's pooled connections give.

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

struct Options {
    var port = 8080
    var token = ""
    var topic = ""
    var flag = ""
    var serverPID = 0
    var idle = 10_000
    var subscribers = 1_000
    var rate = 100
    var seconds = 20

    init(_ arguments: [String]) {
        var values: [String: String] = [:]
        var index = 1
        while index + 1 < arguments.count {
            values[String(arguments[index].drop { $0 == "-" })] = arguments[index + 1]
            index += 2
        }
        port = values["port"].flatMap(Int.init) ?? port
        token = values["token"] ?? token
        topic = values["topic"] ?? topic
        flag = values["flag"] ?? flag
        serverPID = values["server-pid"].flatMap(Int.init) ?? serverPID
        idle = values["idle"].flatMap(Int.init) ?? idle
        subscribers = values["subscribers"].flatMap(Int.init) ?? subscribers
        rate = values["rate"].flatMap(Int.init) ?? rate
        seconds = values["seconds"].flatMap(Int.init) ?? seconds
    }
}

/// When each change was sent, and the latencies of the events that announced them.
final class Latencies: Sendable {
    private let sentAt: Mutex<[UInt64]>
    private let samples = Mutex<[UInt64]>([])

    init(changes: Int) {
        sentAt = Mutex(Array(repeating: 0, count: changes))
    }

    func sent(_ change: Int, at nanoseconds: UInt64) {
        sentAt.withLock { $0[change] = nanoseconds }
    }

    func received(_ changes: [Int], at nanoseconds: UInt64) {
        let latencies = sentAt.withLock { sent in
            changes.compactMap { $0 < sent.count && sent[$0] > 0 ? nanoseconds &- sent[$0] : nil }
        }
        samples.withLock { $0.append(contentsOf: latencies) }
    }

    var all: [UInt64] { samples.withLock { $0 } }
}

/// Reads one stream: reports the response's status, and with `latencies`, the change numbers
/// of the `bench-N` request IDs in the events it carries.
final class StreamHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart
    static let marker = Array(#""requestId":"bench-"#.utf8)

    let opened: EventLoopPromise<Void>
    let latencies: Latencies?
    private var pending: [UInt8] = []

    init(opened: EventLoopPromise<Void>, latencies: Latencies?) {
        self.opened = opened
        self.latencies = latencies
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            if head.status == .ok {
                opened.succeed()
            } else {
                opened.fail(LoadError("the stream was answered \(head.status.code)"))
            }
        case .body(let buffer):
            guard let latencies else { return }
            let now = DispatchTime.now().uptimeNanoseconds
            pending.append(contentsOf: buffer.readableBytesView)
            var changes: [Int] = []
            var index = 0
            while let found = find(Self.marker, in: pending, from: index) {
                var cursor = found + Self.marker.count
                var number = 0
                while cursor < pending.count, pending[cursor] >= 0x30, pending[cursor] <= 0x39 {
                    number = number * 10 + Int(pending[cursor] - 0x30)
                    cursor += 1
                }
                guard cursor < pending.count else { break }  // the number continues in the next read
                changes.append(number)
                index = cursor
            }
            pending.removeFirst(index == 0 ? max(0, pending.count - Self.marker.count - 20) : index)
            if !changes.isEmpty { latencies.received(changes, at: now) }
        case .end:
            break
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        opened.fail(error)
        context.close(promise: nil)
    }

    private func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], haystack[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}

struct LoadError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Opens `count` streams on the topic, 500 at a time.
func openStreams(_ count: Int, options: Options, latencies: Latencies?, group: any EventLoopGroup) async throws -> [any Channel] {
    let path = "/v1/events?topic=" + options.topic
    var channels: [any Channel] = []
    for wave in stride(from: 0, to: count, by: 500) {
        var opening: [(any Channel, EventLoopFuture<Void>)] = []
        for _ in wave..<min(wave + 500, count) {
            // One loop for the stream and its promise: asking the group twice would put every
            // stream on the same one of two loops.
            let loop = group.next()
            let promise = loop.makePromise(of: Void.self)
            let channel = try await ClientBootstrap(group: loop)
                .channelInitializer { channel in
                    channel.pipeline.addHTTPClientHandlers().flatMap {
                        channel.pipeline.addHandler(StreamHandler(opened: promise, latencies: latencies))
                    }
                }
                .connect(host: "127.0.0.1", port: options.port).get()
            var headers = HTTPHeaders()
            headers.add(name: "Host", value: "127.0.0.1")
            headers.add(name: "Authorization", value: "Bearer \(options.token)")
            headers.add(name: "Accept", value: "text/event-stream")
            channel.write(
                HTTPClientRequestPart.head(HTTPRequestHead(version: .http1_1, method: .GET, uri: path, headers: headers)), promise: nil)
            channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
            opening.append((channel, promise.futureResult))
        }
        for (channel, opened) in opening {
            try await opened.get()
            channels.append(channel)
        }
    }
    return channels
}

func residentMegabytes(of pid: Int) -> Double {
    let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
    return (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
}

func percentile(_ sorted: [UInt64], _ fraction: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    return Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]) / 1_000_000
}

let options = Options(CommandLine.arguments)
let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)

// 1. Idle streams and the server's memory.
let before = residentMegabytes(of: options.serverPID)
let idle = try await openStreams(options.idle, options: options, latencies: nil, group: group)
try await Task.sleep(for: .seconds(5))
let after = residentMegabytes(of: options.serverPID)
print(String(format: "idle %d %.1f %.1f", idle.count, before, after))
for channel in idle { channel.close(promise: nil) }
try await Task.sleep(for: .seconds(5))

// 2. Fan-out latency.
let changes = options.rate * options.seconds
let latencies = Latencies(changes: changes)
let subscribers = try await openStreams(options.subscribers, options: options, latencies: latencies, group: group)
try await Task.sleep(for: .seconds(2))
let client = HTTPClient(eventLoopGroupProvider: .shared(group))
var failures = 0
let start = DispatchTime.now().uptimeNanoseconds
let interval = 1_000_000_000 / UInt64(options.rate)
for change in 0..<changes {
    let due = start + UInt64(change) * interval
    let now = DispatchTime.now().uptimeNanoseconds
    if due > now { try await Task.sleep(for: .nanoseconds(Int64(due - now))) }
    var request = HTTPClientRequest(
        url: "http://127.0.0.1:\(options.port)/v1/flags/\(options.flag)/\(change % 2 == 0 ? "disable" : "enable")")
    request.method = .POST
    request.headers.add(name: "Authorization", value: "Bearer \(options.token)")
    request.headers.add(name: "X-Request-ID", value: "bench-\(change)")
    request.headers.add(name: "Content-Type", value: "application/json")
    request.body = .bytes(ByteBuffer(string: "{}"))
    latencies.sent(change, at: DispatchTime.now().uptimeNanoseconds)
    let response = try await client.execute(request, timeout: .seconds(10))
    if response.status.code >= 300 { failures += 1 }
    _ = try await response.body.collect(upTo: 1 << 20)
}
let expected = changes * subscribers.count
let deadline = DispatchTime.now().uptimeNanoseconds + 10_000_000_000
while latencies.all.count < expected, DispatchTime.now().uptimeNanoseconds < deadline {
    try await Task.sleep(for: .milliseconds(100))
}
let sorted = latencies.all.sorted()
print(
    String(
        format: "fanout %d %d %d %d %.1f %.1f %.1f %.1f %d", subscribers.count, changes, expected, sorted.count,
        percentile(sorted, 0.5), percentile(sorted, 0.9), percentile(sorted, 0.99), percentile(sorted, 1), failures))
for channel in subscribers { channel.close(promise: nil) }
try await client.shutdown().get()
try await group.shutdownGracefully()
