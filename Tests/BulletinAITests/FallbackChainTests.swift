import Synchronization
import Testing

@testable import BulletinAI

@Suite("The fallback chain")
struct FallbackChainTests {
    /// A model that plays a script: each call takes the next outcome (the last repeats).
    final class ScriptedModel: LanguageModel, Sendable {
        enum Step: Sendable {
            case answer(String)
            case fail(ProviderFailure.Reason, retryAfter: Duration? = nil)
            /// Streams a piece of text, then the stream is cut.
            case cutAfter(String)
        }

        let provider: ProviderKind
        let model = "scripted"
        private let script: [Step]
        private let calls = Mutex(0)

        init(_ provider: ProviderKind, _ script: [Step]) {
            self.provider = provider
            self.script = script
        }

        var callCount: Int { calls.withLock { $0 } }

        func complete(_ prompt: Prompt, onText: @escaping @Sendable (String) async -> Void) async throws -> LanguageModelAnswer {
            let index = calls.withLock { count in
                defer { count += 1 }
                return min(count, script.count - 1)
            }
            switch script[index] {
            case .answer(let text):
                await onText(text)
                return LanguageModelAnswer(provider: provider, model: model, text: text, usage: TokenUsage(input: 10, output: 5))
            case .fail(let reason, let retryAfter):
                throw ProviderFailure(provider, reason, "scripted", retryAfter: retryAfter)
            case .cutAfter(let text):
                await onText(text)
                throw ProviderFailure(provider, .streamCut, "cut")
            }
        }
    }

    /// What the chain waited and streamed.
    final class Record: Sendable {
        private let waits = Mutex<[Duration]>([])
        private let progress = Mutex<[FallbackChain.Progress]>([])
        var allWaits: [Duration] { waits.withLock { $0 } }
        var allProgress: [FallbackChain.Progress] { progress.withLock { $0 } }
        var sleep: @Sendable (Duration) async throws -> Void { { wait in self.waits.withLock { $0.append(wait) } } }
        var onProgress: @Sendable (FallbackChain.Progress) async -> Void { { step in self.progress.withLock { $0.append(step) } } }
    }

    static let prompt = Prompt(system: "s", user: "u", maxOutputTokens: 100)

    static func chain(_ models: [ScriptedModel], record: Record, breakers: [CircuitBreaker]? = nil) -> FallbackChain {
        let breakers = breakers ?? models.map { _ in CircuitBreaker() }
        return FallbackChain(
            links: zip(models, breakers).map { FallbackChain.Link(model: $0, breaker: $1) },
            retry: .init(maximumCalls: 3, initialDelay: .milliseconds(100), sleep: record.sleep))
    }

    @Test("retryable failures are retried, honouring Retry-After; a cut stream's text is voided before the retry")
    func retries() async throws {
        let record = Record()
        let openAI = ScriptedModel(.openAI, [.fail(.status(429), retryAfter: .seconds(3)), .cutAfter("Half"), .answer("Whole.")])
        let (answer, attempts) = try await Self.chain([openAI], record: record).complete(Self.prompt, onProgress: record.onProgress)
        #expect(answer.text == "Whole." && openAI.callCount == 3)
        #expect(attempts.map(\.outcome) == [.answered] && attempts[0].calls == 3)
        #expect(record.allWaits.count == 2 && record.allWaits[0] == .seconds(3))
        #expect((Duration.milliseconds(100)...Duration.milliseconds(200)).contains(record.allWaits[1]))
        #expect(record.allProgress == [.restarted, .text("Half"), .restarted, .text("Whole.")])
    }

    @Test("the chain falls through in order: retries exhausted, then a refused key at once (flagged), then an answer")
    func fallsThrough() async throws {
        let record = Record()
        let openAI = ScriptedModel(.openAI, [.fail(.status(503))])
        let anthropic = ScriptedModel(.anthropic, [.fail(.status(401))])
        let gemini = ScriptedModel(.gemini, [.answer("From Gemini.")])
        let (answer, attempts) = try await Self.chain([openAI, anthropic, gemini], record: record)
            .complete(Self.prompt, onProgress: record.onProgress)
        #expect(answer.provider == .gemini)
        #expect(attempts.map(\.provider) == [.openAI, .anthropic, .gemini])
        #expect(attempts.map(\.calls) == [3, 1, 1])
        #expect(attempts.map(\.needsAttention) == [false, true, false])
        #expect(record.allWaits.count == 2)  // only OpenAI's retries waited
    }

    @Test("a Retry-After beyond the total wait moves on at once; every model failing throws with each attempt")
    func exhausted() async throws {
        let record = Record()
        let openAI = ScriptedModel(.openAI, [.fail(.status(429), retryAfter: .seconds(120))])
        let gemini = ScriptedModel(.gemini, [.fail(.malformed)])
        do {
            _ = try await Self.chain([openAI, gemini], record: record).complete(Self.prompt, onProgress: record.onProgress)
            Issue.record("the chain answered with every model failing")
        } catch let exhausted as ChainExhausted {
            #expect(exhausted.attempts.map(\.calls) == [1, 1])
            #expect(record.allWaits.isEmpty)
        }
    }

    @Test("a breaker opens after failures in a row, skips its provider, and closes after a successful probe")
    func breaker() async throws {
        let clock = Mutex(ContinuousClock.now)
        let breaker = CircuitBreaker(threshold: 2, coolDown: .seconds(30), now: { clock.withLock { $0 } })
        let record = Record()
        let down = ScriptedModel(.openAI, [.fail(.status(500)), .fail(.status(500)), .answer("Back.")])
        let spare = ScriptedModel(.gemini, [.answer("Spare.")])
        let chain = Self.chain([down, spare], record: record, breakers: [breaker, CircuitBreaker()])

        let first = try await chain.complete(Self.prompt, onProgress: record.onProgress)
        #expect(first.answer.provider == .gemini && first.attempts[0].calls == 2)  // stopped retrying once open
        #expect(breaker.current != .closed)
        let second = try await chain.complete(Self.prompt, onProgress: record.onProgress)
        #expect(second.attempts[0].outcome == .skipped && down.callCount == 2)

        clock.withLock { $0 += .seconds(31) }
        let third = try await chain.complete(Self.prompt, onProgress: record.onProgress)
        #expect(third.answer.provider == .openAI && third.answer.text == "Back.")
        #expect(breaker.current == .closed)
    }

    @Test("a half-open breaker lets one probe through; its failure opens it again")
    func probeFails() {
        let clock = Mutex(ContinuousClock.now)
        let breaker = CircuitBreaker(threshold: 1, coolDown: .seconds(10), now: { clock.withLock { $0 } })
        breaker.recordFailure()
        #expect(!breaker.allowsCall())
        clock.withLock { $0 += .seconds(11) }
        #expect(breaker.allowsCall() && breaker.current == .halfOpen)
        #expect(!breaker.allowsCall())  // one probe at a time
        breaker.recordFailure()
        #expect(!breaker.allowsCall())
        clock.withLock { $0 += .seconds(11) }
        #expect(breaker.allowsCall())
        breaker.recordSuccess()
        #expect(breaker.current == .closed && breaker.allowsCall())
    }
}
