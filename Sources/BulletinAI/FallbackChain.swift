import BulletinCore

/// Asks language models in order until one answers: each is retried while its failure may pass
/// (with growing, jittered waits or the provider's `Retry-After`, the total wait capped), a
/// provider whose breaker is open is skipped at once, and a refusal that will not pass (a
/// wrong key, a refused request) goes to the next at once and is flagged for the workspace's
/// admins. When every model fails the caller writes offline; ``ChainExhausted`` says why.
public struct FallbackChain: Sendable {
    /// A model and the breaker that guards it (share one breaker per provider across chains).
    public struct Link: Sendable {
        public let model: any LanguageModel
        public let breaker: CircuitBreaker

        public init(model: any LanguageModel, breaker: CircuitBreaker) {
            self.model = model
            self.breaker = breaker
        }
    }

    /// How one model was tried.
    public struct Attempt: Sendable {
        public enum Outcome: Sendable, Equatable {
            case answered
            /// Its breaker was open: not called.
            case skipped
            case failed(ProviderFailure)
        }
        public let provider: ProviderKind
        public let model: String
        public let outcome: Outcome
        /// Calls made (retries included).
        public let calls: Int

        /// A failure an admin must fix (a key refused, a request refused), not one that passes.
        public var needsAttention: Bool {
            if case .failed(let failure) = outcome { return failure.needsAttention }
            return false
        }
    }

    /// What the caller's `onText` gets: text as it streams, or word that the text so far is
    /// void because the call is being made again (or by the next model).
    public enum Progress: Sendable, Equatable {
        case text(String)
        case restarted
    }

    public let links: [Link]
    public let retry: Retry

    /// Retries of one model.
    public struct Retry: Sendable {
        /// Calls of one model at most, the first included.
        public var maximumCalls: Int
        /// The waits between calls (when the provider names none).
        public var backoff: Backoff
        /// The most one model's retries may wait in all; a longer `Retry-After` moves on.
        public var totalWaitCap: Duration
        public var sleep: @Sendable (Duration) async throws -> Void

        /// Defaults: 3 calls, waits from 500 ms up to 8 s, at most 60 s of waiting per model.
        public init(
            maximumCalls: Int = 3, initialDelay: Duration = .milliseconds(500), maximumDelay: Duration = .seconds(8),
            totalWaitCap: Duration = .seconds(60),
            sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
        ) {
            self.maximumCalls = max(1, maximumCalls)
            self.backoff = .clientRetries(first: initialDelay, maximum: maximumDelay)
            self.totalWaitCap = totalWaitCap
            self.sleep = sleep
        }
    }

    public init(links: [Link], retry: Retry = Retry()) {
        self.links = links
        self.retry = retry
    }

    /// The first answer of the chain, and how each model before it was tried.
    /// - Throws: ``ChainExhausted`` when no model answered; `CancellationError`.
    public func complete(
        _ prompt: Prompt, onProgress: @escaping @Sendable (Progress) async -> Void
    ) async throws -> (answer: LanguageModelAnswer, attempts: [Attempt]) {
        var attempts: [Attempt] = []
        for link in links {
            let attempt = try await ask(link, prompt, restarting: !attempts.isEmpty, onProgress: onProgress)
            attempts.append(attempt.record)
            if let answer = attempt.answer { return (answer, attempts) }
        }
        throw ChainExhausted(attempts: attempts)
    }

    private func ask(
        _ link: Link, _ prompt: Prompt, restarting: Bool, onProgress: @escaping @Sendable (Progress) async -> Void
    ) async throws -> (answer: LanguageModelAnswer?, record: Attempt) {
        let model = link.model
        guard link.breaker.allowsCall() else {
            return (nil, Attempt(provider: model.provider, model: model.model, outcome: .skipped, calls: 0))
        }
        var waited = Duration.zero
        var calls = 0
        var streamed = restarting
        while true {
            calls += 1
            if streamed { await onProgress(.restarted) }
            do {
                let answer = try await model.complete(prompt) { piece in await onProgress(.text(piece)) }
                link.breaker.recordSuccess()
                return (answer, Attempt(provider: model.provider, model: model.model, outcome: .answered, calls: calls))
            } catch let failure as ProviderFailure {
                streamed = true
                guard failure.isRetryable else {
                    // The request or the key is at fault, not the provider: its breaker stays as it is.
                    return (nil, Attempt(provider: model.provider, model: model.model, outcome: .failed(failure), calls: calls))
                }
                link.breaker.recordFailure()
                let wait = failure.retryAfter ?? retry.backoff.delay(afterAttempt: calls, random: .random(in: 0..<1))
                guard calls < retry.maximumCalls, waited + wait <= retry.totalWaitCap, link.breaker.current == .closed else {
                    return (nil, Attempt(provider: model.provider, model: model.model, outcome: .failed(failure), calls: calls))
                }
                try await retry.sleep(wait)
                waited += wait
            }
        }
    }
}

/// No model of the chain answered: how each was tried.
public struct ChainExhausted: Error, Sendable {
    public let attempts: [FallbackChain.Attempt]
}
