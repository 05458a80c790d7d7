/// Waits until `condition` holds, checking every `interval`; fails after `limit`.
///
/// For tests that wait on another process or task: a condition, never a bare sleep.
public func waitUntil(
    _ description: String,
    limit: Duration = .seconds(30),
    interval: Duration = .milliseconds(50),
    _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: interval)
    }
    throw DeadlinePassed(description: description)
}

/// The error of a condition that did not come true in time.
public struct DeadlinePassed: Error, CustomStringConvertible {
    public let description: String

    /// An error saying what did not happen in time.
    public init(description: String) {
        self.description = description
    }
}
