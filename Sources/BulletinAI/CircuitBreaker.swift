import Synchronization

/// Skips a provider that keeps failing, without waiting on it: after ``threshold`` failures in
/// a row the breaker opens and refuses calls for ``coolDown``; then it lets one call through
/// (half-open): a success closes it, a failure opens it for another cool-down.
public final class CircuitBreaker: Sendable {
    public enum State: Sendable, Hashable {
        case closed
        case open(until: ContinuousClock.Instant)
        case halfOpen
    }

    public let threshold: Int
    public let coolDown: Duration
    private let now: @Sendable () -> ContinuousClock.Instant
    private let state = Mutex<(state: State, failures: Int)>((.closed, 0))

    /// - Parameters:
    ///   - threshold: Failures in a row that open the breaker (default 5).
    ///   - coolDown: How long it stays open before a probe (default 30 s).
    ///   - now: The clock (replaceable in tests).
    public init(
        threshold: Int = 5, coolDown: Duration = .seconds(30),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.threshold = max(1, threshold)
        self.coolDown = coolDown
        self.now = now
    }

    public var current: State { state.withLock { $0.state } }

    /// Whether a call may go through now; an open breaker whose cool-down has passed lets this
    /// one call through as its probe, and refuses others until it reports.
    public func allowsCall() -> Bool {
        state.withLock { value in
            switch value.state {
            case .closed: return true
            case .halfOpen: return false
            case .open(let until):
                guard now() >= until else { return false }
                value.state = .halfOpen
                return true
            }
        }
    }

    /// Records a call that succeeded: the breaker closes.
    public func recordSuccess() {
        state.withLock { $0 = (.closed, 0) }
    }

    /// Records a call that failed for a reason of the provider's (not of the request).
    public func recordFailure() {
        let now = now()
        state.withLock { value in
            value.failures += 1
            if value.state == .halfOpen || value.failures >= threshold {
                value.state = .open(until: now + coolDown)
            }
        }
    }
}
