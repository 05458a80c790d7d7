import Foundation

/// Waits a while, reporting progress every tenth of the way: a harmless job for checking that
/// a deployment's workers take, renew, cancel and finish jobs (and for the end-to-end tests,
/// which kill a worker in the middle of one).
public struct SleepJob: JobHandler {
    /// How long to wait.
    public struct Arguments: Codable, Sendable, Hashable {
        public var milliseconds: Int

        /// Creates the arguments.
        public init(milliseconds: Int) {
            self.milliseconds = milliseconds
        }
    }

    public static let kind = "diagnostics.sleep"
    public static var options: JobKindOptions { JobKindOptions(queue: "diagnostics", maxAttempts: 5) }

    /// Creates the handler.
    public init() {}

    public func run(_ arguments: Arguments, context: JobContext) async throws {
        let total = min(max(arguments.milliseconds, 0), 3_600_000)
        for step in 1...10 {
            try await Task.sleep(for: .milliseconds(total / 10))
            try await context.reportProgress(Double(step) / 10, "slept \(total * step / 10) of \(total) ms")
        }
        try context.setResult(["slept": total])
    }
}
