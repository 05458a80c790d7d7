import ArgumentParser
import Foundation
import Synchronization

/// `bulletin serve` of this very binary as a child process, for benchmarks that need a whole
/// server of their own: its log is read for the address it listens at and the setup token.
final class ChildServer: Sendable {
    private let process: Process
    private let lines = LineLog()

    /// Starts the binary with `arguments` and `environment`.
    init(arguments: [String], environment: [String: String]) throws {
        let process = Process()
        process.executableURL = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = arguments
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        self.process = process
        // Read as it comes, so the server never blocks on a full pipe.
        output.fileHandleForReading.readabilityHandler = { [lines] handle in
            lines.append(String(decoding: handle.availableData, as: UTF8.self))
        }
        try process.run()
    }

    /// Waits (up to 60 s) for the `listening` line; returns the URL and the setup token.
    func listening() async throws -> (url: String, setupToken: String) {
        for _ in 0..<600 {
            var url: String?
            var token: String?
            for line in lines.all {
                guard let entry = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else { continue }
                token = entry["setupToken"] as? String ?? token
                if entry["message"] as? String == "listening" { url = entry["url"] as? String }
            }
            if let url, let token { return (url, token) }
            guard process.isRunning else { throw ValidationError("the server stopped before it listened") }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ValidationError("the server did not listen within 60 s")
    }

    /// Stops the server (SIGTERM) and waits for it.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}

/// The lines a child process wrote so far.
private final class LineLog: Sendable {
    private let state = Mutex<(buffer: String, lines: [String])>(("", []))

    var all: [String] { state.withLock { $0.lines } }

    func append(_ text: String) {
        state.withLock { state in
            state.buffer += text
            while let end = state.buffer.firstIndex(of: "\n") {
                state.lines.append(String(state.buffer[..<end]))
                state.buffer = String(state.buffer[state.buffer.index(after: end)...])
            }
        }
    }
}
