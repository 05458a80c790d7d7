import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// One local server speaking the three providers' streaming wire formats — OpenAI's
/// `POST /v1/chat/completions`, Anthropic's `POST /v1/messages`, Gemini's
/// `POST /v1beta/models/MODEL:streamGenerateContent?alt=sse` — for tests, for trying the AI
/// writer with `bulletin fake-models`, and for `bulletin loadtest reports`: no provider can be
/// reached from here.
///
/// What it answers: when the request's user message holds a line `DRAFT:` followed by a JSON
/// object (what Bulletin's report writer sends), that object, as a careful model would; else
/// the sentence "The median price is 42 euros." Usage is counted in words (not Bulletin's own
/// estimate, so a client that ignored the reported usage would be caught) and reported as each
/// format does. The model's name asks for a fault:
/// - `throttled`: 429 with `Retry-After: 7`; `overloaded`: 529; `failing`: 500;
/// - `cut`: the stream stops half-way; `malformed`: an event that is not JSON;
/// - `silent`: no usage reported; `endless`: a piece every 20 ms for ten seconds;
/// - `inventive`: the answer states a number the draft does not hold (987654), every time;
///   `careless`: only until the request lists the numbers it must not state.
///
/// A key that does not begin with ``key`` gets 401 (so a test can give each process a key of
/// its own, such as `good-key-canary-1`, and look for it in logs). ``Pace`` sets the time to the first token and the
/// tokens per second, for benchmarks with a realistic provider.
public final class FakeLanguageModels: Sendable {
    /// The key the fake accepts (or any key that begins with it).
    public static let key = "good-key"
    /// The sentence's pieces, in order, for a request that holds no draft.
    public static let pieces = ["The median ", "price is ", "42 euros."]
    /// The number an inventive model states.
    public static let inventedNumber = "987654"
    /// What a retry says before listing the numbers that were not facts; a careless model
    /// stops inventing when it reads it.
    public static let correctionMarker = "These numbers are not in the facts"

    /// How fast the fake answers.
    public struct Pace: Sendable {
        /// The wait before the first byte of the stream.
        public var firstToken: Duration
        /// Pieces (about a word each) per second; `nil` sends them at once.
        public var tokensPerSecond: Double?

        public init(firstToken: Duration = .zero, tokensPerSecond: Double? = nil) {
            self.firstToken = firstToken
            self.tokensPerSecond = tokensPerSecond
        }

        /// At once, in a few pieces.
        public static let instant = Pace()
        /// As a provider streams: 300 ms to the first token, then 50 tokens a second.
        public static let realistic = Pace(firstToken: .milliseconds(300), tokensPerSecond: 50)
    }

    /// One request the fake received: its path, its headers and its JSON body.
    public struct Received: Sendable {
        public let path: String
        public let headers: HTTPFields
        public let body: Data
    }

    private let received = Mutex<[Received]>([])
    private let streams = Mutex<(open: Int, finished: Int, cut: Int)>((0, 0, 0))
    private let durations = Mutex<[Duration]>([])
    private let pace: Pace
    private let refusing = Mutex(false)

    private init(pace: Pace) {
        self.pace = pace
    }

    /// Every request received so far, in order.
    public var requests: [Received] { received.withLock { $0 } }
    /// Answers being streamed now.
    public var openStreams: Int { streams.withLock { $0.open } }
    /// Answers streamed to their end.
    public var finishedStreams: Int { streams.withLock { $0.finished } }
    /// Answers whose client went away before their end (a cancelled call closes its stream).
    public var cutStreams: Int { streams.withLock { $0.cut } }
    /// How long each answer streamed to its end took, from its request's arrival: the
    /// provider's own time, for benchmarks to tell apart from their client's.
    public var streamDurations: [Duration] { durations.withLock { $0 } }

    /// Makes every later call fail with 503, as a provider that went down (`false` restores it).
    public func setDown(_ down: Bool) {
        refusing.withLock { $0 = down }
    }

    /// Serves the fake on a loopback port (by default a free one) while `body` runs; `body`
    /// gets its base URL.
    public static func run<Result: Sendable>(
        port: Int = 0, pace: Pace = .instant,
        _ body: @Sendable (_ baseURL: String, _ fake: FakeLanguageModels) async throws -> Result
    ) async throws -> Result {
        let fake = FakeLanguageModels(pace: pace)
        let listening = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "fake-language-models")
        logger.logLevel = .critical
        let application = Application(
            router: fake.router(), configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in
                listening.continuation.yield(channel.localAddress?.port ?? 0)
                listening.continuation.finish()
            }, logger: logger)
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask {
                try await application.runService(gracefulShutdownSignals: [])
                return nil
            }
            var ports = listening.stream.makeAsyncIterator()
            guard let bound = await ports.next(), bound > 0 else { throw CancellationError() }
            let result = try await body("http://127.0.0.1:\(bound)", fake)
            group.cancelAll()
            return result
        }
    }

    private func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/v1/chat/completions") { request, context in
            try await self.answer(
                request, context: context, keyed: Self.accepts(request.headers[.authorization], prefix: "Bearer "), Formats.openAI)
        }
        router.post("/v1/messages") { request, context in
            let keyed =
                Self.accepts(request.headers[HTTPField.Name("x-api-key")!]) && request.headers[HTTPField.Name("anthropic-version")!] != nil
            return try await self.answer(request, context: context, keyed: keyed, Formats.anthropic)
        }
        router.post("/v1beta/models/:call") { request, context in
            try await self.answer(
                request, context: context, keyed: Self.accepts(request.headers[HTTPField.Name("x-goog-api-key")!]), Formats.gemini)
        }
        return router
    }

    private func answer(
        _ request: Request, context: some RequestContext, keyed: Bool, _ format: Formats.Frames
    ) async throws -> Response {
        let arrival = ContinuousClock.now
        let bytes = Data(try await request.body.collect(upTo: 4 << 20).readableBytesView)
        let json = (try JSONSerialization.jsonObject(with: bytes) as? [String: Any]) ?? [:]
        received.withLock { $0.append(Received(path: request.uri.description, headers: request.headers, body: bytes)) }
        let model = (json["model"] as? String) ?? String(request.uri.path.split(separator: "/").last?.split(separator: ":").first ?? "")
        guard keyed else { return Self.problem(.unauthorized, "Incorrect API key provided.") }
        guard !refusing.withLock({ $0 }) else { return Self.problem(.serviceUnavailable, "The service is down.") }
        switch model {
        case "throttled":
            var response = Self.problem(.tooManyRequests, "Rate limit reached.")
            response.headers[.retryAfter] = "7"
            return response
        case "overloaded": return Self.problem(HTTPResponse.Status(code: 529, reasonPhrase: "Overloaded"), "Overloaded")
        case "failing": return Self.problem(.internalServerError, "The server had an error.")
        default: break
        }
        let prompt = Formats.promptText(of: json)
        let text = Self.answerText(model: model, prompt: prompt)
        let pieces = pace.tokensPerSecond == nil ? Self.split(text, into: 3) : Self.words(of: text)
        let usage = (input: Self.count(prompt) + 3, output: Self.count(text))
        var lines = format(model, pieces, model == "silent" ? nil : usage)
        if model == "cut" { lines = Array(lines.prefix(lines.count / 2)) }
        if model == "malformed" { lines.insert("data: {not json\n\n", at: 1) }
        if model == "endless" { lines = Array(repeating: lines[0], count: 500) }
        return stream(
            lines, every: model == "endless" ? .milliseconds(20) : pace.tokensPerSecond.map { .seconds(1 / $0) }, since: arrival)
    }

    /// The frames in order, after the pace's first wait, each in two writes cut in the middle
    /// (as a network may deliver it).
    private func stream(_ frames: [String], every interval: Duration?, since arrival: ContinuousClock.Instant) -> Response {
        let firstToken = pace.firstToken
        return Response(
            status: .ok, headers: [.contentType: "text/event-stream"],
            body: ResponseBody { writer in
                self.streams.withLock { $0.open += 1 }
                do {
                    if firstToken > .zero { try await Task.sleep(for: firstToken) }
                    for line in frames {
                        let middle = line.index(line.startIndex, offsetBy: line.count / 2)
                        try await writer.write(ByteBuffer(string: String(line[..<middle])))
                        try await writer.write(ByteBuffer(string: String(line[middle...])))
                        if let interval { try await Task.sleep(for: interval) }
                    }
                    try await writer.finish(nil)
                    self.streams.withLock { $0 = ($0.open - 1, $0.finished + 1, $0.cut) }
                    self.durations.withLock { $0.append(.now - arrival) }
                } catch {
                    self.streams.withLock { $0 = ($0.open - 1, $0.finished, $0.cut + 1) }
                    throw error
                }
            })
    }

    /// The draft given after `DRAFT:` (an inventive model adds a number to it), or the sentence.
    static func answerText(model: String, prompt: String) -> String {
        guard let marker = prompt.range(of: "DRAFT:"),
            var draft = try? JSONSerialization.jsonObject(with: Data(prompt[marker.upperBound...].utf8)) as? [String: Any]
        else { return pieces.joined() }
        let invents = model == "inventive" || (model == "careless" && !prompt.contains(correctionMarker))
        if invents, let key = draft.keys.sorted().first(where: { draft[$0] is [Any] }) {
            draft[key] = (draft[key] as? [Any] ?? []) + ["Its sales grew \(inventedNumber) % last year."]
        }
        let data = (try? JSONSerialization.data(withJSONObject: draft, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// Tokens as the fake counts them: words.
    static func count(_ text: String) -> Int {
        text.split(whereSeparator: \.isWhitespace).count
    }

    static func split(_ text: String, into count: Int) -> [String] {
        guard text != pieces.joined() else { return pieces }
        let size = max(1, (text.count + count - 1) / count)
        return stride(from: 0, to: text.count, by: size).map { start in
            let from = text.index(text.startIndex, offsetBy: start)
            return String(text[from..<text.index(from, offsetBy: min(size, text.count - start))])
        }
    }

    /// The text in pieces of a word each (with the space that follows it).
    static func words(of text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if character == " " {
                pieces.append(current)
                current = ""
            }
        }
        return current.isEmpty ? pieces : pieces + [current]
    }

    /// Whether a header carries an accepted key.
    private static func accepts(_ value: String?, prefix: String = "") -> Bool {
        value?.hasPrefix(prefix + key) == true
    }

    private static func problem(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: #"{"error":{"message":"\#(message)","type":"error"}}"#)))
    }
}
