import Foundation
import Subprocess
import Synchronization
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// A program that a test runs as a child process: started at once, watched while it runs, and
/// signalled or awaited later.
///
/// Every process the tests start goes through this type (``BulletinProcess`` is built on it),
/// through swift-subprocess rather than Foundation's `Process`. On Linux, `Process` crashes a
/// test process that starts and stops children from many tasks at once: reading a child's
/// output through `FileHandle.readabilityHandler` puts each pipe into libdispatch's single epoll
/// set, and setting those handlers up and tearing them down from several threads corrupts
/// libdispatch's bookkeeping of that set, so its manager thread later follows a freed entry and
/// crashes in `_dispatch_event_loop_drain` (swift-corelibs-foundation#3276,
/// swift-corelibs-libdispatch#949). `Process` also makes its pipes, their watched copies and its
/// exit-watching socket without close-on-exec, and closes the rest in the child from a list
/// taken before the spawn, so a child started meanwhile by another task inherits them: another
/// child's end of file, or exit, then waits for that child to end. swift-subprocess reads pipes
/// through its own epoll thread, makes every descriptor close-on-exec, closes all others in the
/// child in one step, and waits for exit on a pidfd.
///
/// ```swift
/// let tool = ChildProcess("/usr/bin/promtool", arguments: ["check", "metrics"], input: metrics)
/// let status = try await tool.waitForExit()
/// ```
public final class ChildProcess: Sendable {
    /// A child process that could not be started.
    public struct LaunchFailed: Error, CustomStringConvertible {
        public let description: String
    }

    private let shared: Shared
    private let signals: AsyncStream<Int32>.Continuation
    /// Runs the child from spawn to exit; `deinit` cancels it, which stops the child.
    private let task: Task<Void, Never>

    /// Starts `executable` with `arguments`.
    ///
    /// The process starts in the background; its output collects as it comes, and a signal
    /// sent before it has started is delivered once it has.
    ///
    /// - Parameters:
    ///   - executable: The absolute path of the program.
    ///   - arguments: Its arguments, without the program's name.
    ///   - folder: Its working folder. Defaults to the test process's own.
    ///   - environment: Its whole environment. Defaults to the test process's environment.
    ///   - input: What to write to its standard input, which is then closed. Defaults to none:
    ///     standard input is closed at once.
    public init(
        _ executable: String, arguments: [String] = [], in folder: String? = nil, environment: [String: String]? = nil,
        input: Data? = nil
    ) {
        let shared = Shared()
        let (signalStream, signals) = AsyncStream.makeStream(of: Int32.self)
        self.shared = shared
        self.signals = signals
        var options = PlatformOptions()
        // When a test ends with the child still running, SIGTERM first, as an operator would.
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .seconds(5))]
        let configuration = Configuration(
            executable: .path(FilePath(executable)),
            arguments: Arguments(arguments),
            environment: environment.map { variables in
                .custom(Dictionary(uniqueKeysWithValues: variables.map { (Environment.Key(rawValue: $0.key)!, $0.value) }))
            } ?? .inherit,
            workingDirectory: folder.map { FilePath($0) },
            platformOptions: options)
        task = Task {
            do {
                let result = try await Subprocess.run(
                    configuration, input: .inputWriter, output: .sequence, error: .sequence
                ) { execution in
                    try await Self.attend(execution, input: input, signals: signalStream, shared: shared)
                }
                shared.state.withLock { state in
                    switch result.terminationStatus {
                    case .exited(let code): state.status = code
                    case .signaled(let signal): state.status = signal
                    }
                }
            } catch {
                shared.state.withLock { $0.failure = "\(executable): \(error)" }
            }
        }
    }

    /// Everything the process wrote to standard output so far.
    public var standardOutput: Data { shared.state.withLock { $0.output } }
    /// Everything the process wrote to standard error so far.
    public var standardError: Data { shared.state.withLock { $0.errors } }

    /// The exit status once the process has ended and its output has been read to the end; the
    /// signal's number if a signal ended it. `nil` while it runs.
    public var exitStatus: Int32? { shared.state.withLock { $0.status } }

    /// Whether the process has ended, or could not be started.
    public var hasEnded: Bool { shared.state.withLock { $0.status != nil || $0.failure != nil } }

    /// Sends a signal, such as `SIGTERM`. A process that has ended ignores it.
    public func send(_ signal: Int32) {
        signals.yield(signal)
    }

    /// Waits until the process has ended and all its output has been read, and returns
    /// ``exitStatus``.
    ///
    /// - Parameter limit: How long to wait. Defaults to 30 s.
    /// - Throws: ``LaunchFailed`` if the process could not be started; `DeadlinePassed` after `limit`.
    @discardableResult
    public func waitForExit(limit: Duration = .seconds(30)) async throws -> Int32 {
        try await waitUntil("the process exits", limit: limit, interval: .milliseconds(10)) { hasEnded }
        return try shared.state.withLock { state in
            if let failure = state.failure { throw LaunchFailed(description: failure) }
            return state.status!
        }
    }

    deinit {
        signals.finish()
        task.cancel()
    }

    /// Writes the input, then collects the output and delivers signals until the process ends.
    private static func attend(
        _ execution: Execution<CustomWriteInput, SequenceOutput, SequenceOutput>, input: Data?,
        signals: AsyncStream<Int32>, shared: Shared
    ) async throws {
        // A child that has already exited closes its end, and the write fails: nothing to do.
        if let input { _ = try? await execution.standardInputWriter.write(Array(input)) }
        try? await execution.standardInputWriter.finish()
        try await withThrowingTaskGroup(of: Void.self) { group in
            // Signals go through the execution, which uses the child's pidfd, so a signal can
            // never reach another process that was given the same pid after this one ended.
            group.addTask {
                for await signal in signals { try? execution.send(signal: Signal(rawValue: signal)) }
            }
            async let output: Void = collect(execution.standardOutput, errors: false, into: shared)
            async let errors: Void = collect(execution.standardError, errors: true, into: shared)
            try await output
            try await errors
            // Both outputs end when the child exits, but a child may close them earlier and go on
            // running; keep delivering signals until it has exited.
            while !hasExited(execution.processIdentifier) { try await Task.sleep(for: .milliseconds(10)) }
            group.cancelAll()
        }
    }

    private static func collect(_ sequence: SubprocessOutputSequence, errors: Bool, into shared: Shared) async throws {
        for try await buffer in sequence {
            shared.state.withLock { state in
                buffer.withUnsafeBytes { bytes in
                    if errors { state.errors.append(contentsOf: bytes) } else { state.output.append(contentsOf: bytes) }
                }
            }
        }
    }

    /// Whether the child has exited, without reaping it (swift-subprocess does that).
    private static func hasExited(_ process: ProcessIdentifier) -> Bool {
        #if os(Linux)
        // A pidfd becomes readable when its process exits.
        guard process.processDescriptor >= 0 else { return true }
        var descriptor = pollfd(fd: process.processDescriptor, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) > 0
        #else
        return true
        #endif
    }

    private final class Shared: Sendable {
        struct State {
            var output = Data()
            var errors = Data()
            var status: Int32?
            var failure: String?
        }

        let state = Mutex(State())
    }
}
