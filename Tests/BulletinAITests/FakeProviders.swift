import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization

/// One local server speaking the three providers' streaming formats, for the clients to call:
/// OpenAI's `POST /v1/chat/completions`, Anthropic's `POST /v1/messages` and Gemini's
/// `POST /v1beta/models/MODEL:streamGenerateContent?alt=sse`. It answers "The median price is
/// 42 euros." in pieces, with the usage each format reports, unless the model's name asks for a
/// fault: `throttled` (429, Retry-After 7), `overloaded` (529), `cut` (the stream stops half-way),
/// `malformed` (an event that is not JSON), `silent` (no usage reported), `endless` (a piece
/// every 20 ms, for a long time). A key other than `good-key` gets 401.
enum FakeProviders {
    static let key = "good-key"
    static let pieces = ["The median ", "price is ", "42 euros."]

    /// What the server received: the path, the headers that carry keys and versions, the JSON body.
    struct Received: Sendable {
        let path: String
        let headers: HTTPFields
        let body: Data
    }

    final class Log: Sendable {
        private let received = Mutex<[Received]>([])
        var all: [Received] { received.withLock { $0 } }
        func append(_ request: Received) { received.withLock { $0.append(request) } }
    }

    static func run(_ body: @Sendable (_ base: String, _ log: Log) async throws -> Void) async throws {
        let log = Log()
        let router = Router()
        router.post("/v1/chat/completions") { request, context in
            try await answer(request, context: context, log: log, keyed: request.headers[.authorization] == "Bearer \(key)") {
                model, pieces, usage in openAI(model: model, pieces: pieces, usage: usage)
            }
        }
        router.post("/v1/messages") { request, context in
            let keyed = request.headers[HTTPField.Name("x-api-key")!] == key && request.headers[HTTPField.Name("anthropic-version")!] != nil
            return try await answer(request, context: context, log: log, keyed: keyed) { model, pieces, usage in
                anthropic(model: model, pieces: pieces, usage: usage)
            }
        }
        router.post("/v1beta/models/:call") { request, context in
            try await answer(request, context: context, log: log, keyed: request.headers[HTTPField.Name("x-goog-api-key")!] == key) {
                model, pieces, usage in gemini(model: model, pieces: pieces, usage: usage)
            }
        }
        try await Application(router: router).test(.live) { client in
            try await body("http://127.0.0.1:\(client.port!)", log)
        }
    }

    private static func answer(
        _ request: Request, context: some RequestContext, log: Log, keyed: Bool,
        frames: @escaping @Sendable (String, [String], Bool) -> [String]
    ) async throws -> Response {
        let bytes = try await request.body.collect(upTo: 1 << 20)
        let json = (try JSONSerialization.jsonObject(with: Data(bytes.readableBytesView)) as? [String: Any]) ?? [:]
        log.append(Received(path: request.uri.description, headers: request.headers, body: Data(bytes.readableBytesView)))
        let model = (json["model"] as? String) ?? String(request.uri.path.split(separator: "/").last?.split(separator: ":").first ?? "")
        guard keyed else { return problem(.unauthorized, "Incorrect API key provided.") }
        switch model {
        case "throttled":
            var response = problem(.tooManyRequests, "Rate limit reached.")
            response.headers[.retryAfter] = "7"
            return response
        case "overloaded": return problem(HTTPResponse.Status(code: 529, reasonPhrase: "Overloaded"), "Overloaded")
        default: break
        }
        var lines = frames(model, pieces, model != "silent")
        if model == "cut" { lines = Array(lines.prefix(2)) }
        if model == "malformed" { lines.insert("data: {not json\n\n", at: 1) }
        if model == "endless" {
            let first = lines[0]
            return Response(
                status: .ok, headers: [.contentType: "text/event-stream"],
                body: ResponseBody { writer in
                    for _ in 0..<500 {
                        try await writer.write(ByteBuffer(string: first))
                        try await Task.sleep(for: .milliseconds(20))
                    }
                    try await writer.finish(nil)
                })
        }
        let frames = lines
        return Response(
            status: .ok, headers: [.contentType: "text/event-stream"],
            body: ResponseBody { writer in
                // Each frame in two writes, cut in the middle, as a network may deliver it.
                for line in frames {
                    let middle = line.index(line.startIndex, offsetBy: line.count / 2)
                    try await writer.write(ByteBuffer(string: String(line[..<middle])))
                    try await writer.write(ByteBuffer(string: String(line[middle...])))
                }
                try await writer.finish(nil)
            })
    }

    private static func problem(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: #"{"error":{"message":"\#(message)","type":"error"}}"#)))
    }

    private static func json(_ object: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static func openAI(model: String, pieces: [String], usage: Bool) -> [String] {
        var frames = pieces.map { piece in
            "data: " + json(["model": "\(model)-2026", "choices": [["index": 0, "delta": ["content": piece]]]]) + "\n\n"
        }
        if usage {
            frames.append(
                "data: " + json(["model": "\(model)-2026", "choices": [], "usage": ["prompt_tokens": 11, "completion_tokens": 7]]) + "\n\n")
        }
        return frames + ["data: [DONE]\n\n"]
    }

    static func anthropic(model: String, pieces: [String], usage: Bool) -> [String] {
        let start: [String: Any] = [
            "type": "message_start", "message": ["model": model, "usage": usage ? ["input_tokens": 25, "output_tokens": 1] : [:]],
        ]
        var frames = ["event: message_start\r\ndata: \(json(start))\r\n\r\n", "event: ping\r\ndata: {\"type\": \"ping\"}\r\n\r\n"]
        frames += pieces.map { piece in
            "event: content_block_delta\r\ndata: "
                + json(["type": "content_block_delta", "index": 0, "delta": ["type": "text_delta", "text": piece]]) + "\r\n\r\n"
        }
        let delta: [String: Any] = ["type": "message_delta", "delta": ["stop_reason": "end_turn"], "usage": ["output_tokens": 15]]
        return frames + [
            "event: message_delta\r\ndata: \(json(delta))\r\n\r\n", "event: message_stop\r\ndata: {\"type\":\"message_stop\"}\r\n\r\n",
        ]
    }

    static func gemini(model: String, pieces: [String], usage: Bool) -> [String] {
        pieces.enumerated().map { index, piece in
            var chunk: [String: Any] = ["candidates": [["content": ["role": "model", "parts": [["text": piece]]]]], "modelVersion": model]
            if index == pieces.count - 1 {
                chunk["candidates"] = [["content": ["role": "model", "parts": [["text": piece]]], "finishReason": "STOP"]]
            }
            if usage { chunk["usageMetadata"] = ["promptTokenCount": 30, "candidatesTokenCount": 3 * (index + 1)] }
            return "data: \(json(chunk))\n\n"
        }
    }
}
