import Synchronization

/// A value set once and awaited by any number of tasks: a gate that opens, or the reason a
/// job must stop. Written here because the standard library has no async one-shot event.
public final class OneShot<Value: Sendable>: Sendable {
    private struct State {
        var value: Value?
        var waiters: [CheckedContinuation<Value?, Never>] = []
        var actions: [@Sendable (Value) -> Void] = []
    }

    private let state = Mutex(State())

    /// Creates an unset one-shot.
    public init() {}

    /// Sets the value if none is set yet (the first wins), and wakes the waiters.
    public func set(_ value: Value) {
        let (waiters, actions) = state.withLock { state -> ([CheckedContinuation<Value?, Never>], [@Sendable (Value) -> Void]) in
            guard state.value == nil else { return ([], []) }
            state.value = value
            defer {
                state.waiters = []
                state.actions = []
            }
            return (state.waiters, state.actions)
        }
        for waiter in waiters { waiter.resume(returning: value) }
        for action in actions { action(value) }
    }

    /// Calls `action` with the value once it is set: at once if it is, otherwise on the
    /// thread that sets it (so it should be quick, such as cancelling a task).
    public func whenSet(_ action: @escaping @Sendable (Value) -> Void) {
        let value = state.withLock { state -> Value? in
            if state.value == nil { state.actions.append(action) }
            return state.value
        }
        if let value { action(value) }
    }

    /// The value, once set.
    public var value: Value? { state.withLock { $0.value } }

    /// Waits for the value; `nil` when the waiting task is cancelled first.
    public func wait() async -> Value? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let now = state.withLock { state -> Value?? in
                    if let value = state.value { return .some(value) }
                    if Task.isCancelled { return .some(nil) }
                    state.waiters.append(continuation)
                    return nil
                }
                if let now { continuation.resume(returning: now) }
            }
        } onCancel: {
            let waiters = state.withLock { state in
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume(returning: nil) }
        }
    }
}
