/// The error of an operation that did not finish within its time limit.
public struct TimeoutError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The limit that passed.
    public let limit: Duration

    /// Creates the error for a limit that passed.
    public init(limit: Duration) {
        self.limit = limit
    }

    public var description: String { "did not finish within \(limit)" }
}

/// Runs `operation`, cancelling it and throwing ``TimeoutError`` if it takes longer than `limit`.
public func withTimeout<Result: Sendable>(
    _ limit: Duration,
    _ operation: @escaping @Sendable () async throws -> Result
) async throws -> Result {
    try await withThrowingTaskGroup(of: Result.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw TimeoutError(limit: limit)
        }
        defer { group.cancelAll() }
        guard let result = try await group.next() else { throw TimeoutError(limit: limit) }
        return result
    }
}
