import AsyncHTTPClient
import BulletinCore
import Foundation
import NIOCore
import NIOHTTP1

/// What a provider's wire format reads from its event stream.
protocol StreamReader {
    init()
    /// Reads one event; answers the text it adds, if any.
    /// - Throws: ``ProviderFailure`` for an error the stream carries or an event that is not
    ///   the format's.
    mutating func read(_ event: ServerSentEvent, provider: ProviderKind) throws -> String?
    /// Whether the stream said it was complete.
    var isComplete: Bool { get }
    /// The tokens the stream reported, when it did.
    var usage: TokenUsage? { get }
    /// The model the stream named, when it did.
    var model: String? { get }
}

/// One streamed call: posts the request, turns a refusal into a ``ProviderFailure`` (with the
/// provider's message and `Retry-After`), then reads the event stream to its end, handing
/// each piece of text on as it comes.
enum ProviderStream {
    /// The most an answer may weigh: a model writing more is not writing a report section.
    static let maximumBytes = 4 << 20

    /// Calls, within the endpoint's timeout (AsyncHTTPClient's own bounds only the wait for the
    /// answer's head, not the stream after it).
    static func call<Reader: StreamReader>(
        _: Reader.Type, provider: ProviderKind, endpoint: ProviderEndpoint, path: String, headers: HTTPHeaders, body: Data,
        prompt: Prompt, http: HTTPClient, onText: @escaping @Sendable (String) async -> Void
    ) async throws -> LanguageModelAnswer {
        do {
            return try await withTimeout(endpoint.timeout) {
                try await stream(
                    Reader.self, provider: provider, endpoint: endpoint, path: path, headers: headers, body: body, prompt: prompt,
                    http: http, onText: onText)
            }
        } catch is TimeoutError {
            throw ProviderFailure(provider, .timeout, "no complete answer within \(endpoint.timeout)")
        }
    }

    private static func stream<Reader: StreamReader>(
        _: Reader.Type, provider: ProviderKind, endpoint: ProviderEndpoint, path: String, headers: HTTPHeaders, body: Data,
        prompt: Prompt, http: HTTPClient, onText: @Sendable (String) async -> Void
    ) async throws -> LanguageModelAnswer {
        var request = HTTPClientRequest(url: endpoint.baseURL + path)
        request.method = .POST
        request.headers = headers
        request.headers.replaceOrAdd(name: "Content-Type", value: "application/json")
        request.headers.replaceOrAdd(name: "Accept", value: "text/event-stream")
        request.body = .bytes(ByteBuffer(bytes: body))
        let timeout = TimeAmount.nanoseconds(Int64(endpoint.timeout.components.seconds) * 1_000_000_000)

        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: timeout)
        } catch {
            throw failure(error, provider: provider, reason: Self.isTimeout(error) ? .timeout : .connection)
        }
        guard response.status == .ok else {
            let text = (try? await response.body.collect(upTo: 64 << 10)).map { String(buffer: $0) } ?? ""
            throw ProviderFailure(
                provider, .status(Int(response.status.code)), errorMessage(text),
                retryAfter: response.headers.first(name: "Retry-After").flatMap { RetryAfter.duration($0) })
        }

        var decoder = ServerSentEventDecoder()
        var reader = Reader()
        var text = ""
        do {
            for try await chunk in response.body {
                for event in decoder.feed(chunk.readableBytesView) {
                    guard let piece = try reader.read(event, provider: provider), !piece.isEmpty else { continue }
                    text += piece
                    await onText(piece)
                }
                guard decoder.bytesRead <= maximumBytes else {
                    throw ProviderFailure(provider, .malformed, "the answer passed \(maximumBytes >> 20) MB")
                }
            }
        } catch let failure as ProviderFailure {
            throw failure
        } catch {
            throw Self.failure(error, provider: provider, reason: Self.isTimeout(error) ? .timeout : .streamCut)
        }
        guard reader.isComplete else { throw ProviderFailure(provider, .streamCut, "the stream ended before the answer did") }
        return LanguageModelAnswer(
            provider: provider, model: reader.model ?? endpoint.model, text: text,
            usage: reader.usage ?? TokenUsage.estimated(prompt: prompt, answer: text))
    }

    /// A transport error as a failure; cancellation stays cancellation.
    private static func failure(_ error: any Error, provider: ProviderKind, reason: ProviderFailure.Reason) -> any Error {
        if Task.isCancelled || error is CancellationError { return CancellationError() }
        return ProviderFailure(provider, reason, "\(error)")
    }

    private static func isTimeout(_ error: any Error) -> Bool {
        guard let error = error as? HTTPClientError else { return false }
        return error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout
    }

    /// The message of a provider's error document (`{"error": {"message": …}}`, the shape all
    /// three use), else the text itself.
    private static func errorMessage(_ text: String) -> String {
        struct Document: Decodable {
            struct Inner: Decodable { let message: String? }
            let error: Inner?
        }
        return (try? JSONDecoder().decode(Document.self, from: Data(text.utf8)))?.error?.message ?? text
    }
}

extension TokenUsage {
    /// A count for a stream that reported none (about four characters a token), so that no
    /// call is ever counted as free.
    public static func estimated(prompt: Prompt, answer: String) -> TokenUsage {
        TokenUsage(input: (prompt.system.count + prompt.user.count + 3) / 4, output: (answer.count + 3) / 4)
    }
}

/// Decodes one event's JSON data as `T` (snake_case keys read as camelCase), or fails as malformed.
func decodeEvent<T: Decodable>(_ type: T.Type, _ event: ServerSentEvent, provider: ProviderKind) throws -> T {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    do {
        return try decoder.decode(T.self, from: Data(event.data.utf8))
    } catch {
        throw ProviderFailure(provider, .malformed, "an event that is not the format's: \(event.data.prefix(120))")
    }
}
