import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// The built `bulletin` binary, run as a child process for end-to-end tests.
///
/// `Process` is not `Sendable`; it is only started here and signalled afterwards, and the
/// output it produces is guarded by mutexes.
public final class BulletinProcess: @unchecked Sendable {
    private let process: Process
    private let output = Mutex(Data())
    private let errors = Mutex(Data())
    private let exit = Mutex<Int32?>(nil)
    private let outputPipe = Pipe()
    private let errorPipe = Pipe()

    /// The path of the built binary, beside the test bundle.
    public static var executable: URL {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("bulletin")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/bulletin")
    }

    /// Starts `bulletin` with arguments, in a working folder, with only the given environment,
    /// and writes `input` to its standard input.
    public init(_ arguments: [String], in folder: String, environment: [String: String] = [:], input: String? = nil) throws {
        process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { mine, _ in mine }
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        outputPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.output.withLock { $0.append(data) }
        }
        errorPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.errors.withLock { $0.append(data) }
        }
        process.terminationHandler = { [weak self] process in
            self?.exit.withLock { $0 = process.terminationStatus }
        }
        let inputPipe = Pipe()
        process.standardInput = inputPipe
        try process.run()
        if let input { inputPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inputPipe.fileHandleForWriting.close()
    }

    /// What the process wrote to standard output so far.
    public var standardOutput: String { output.withLock { String(decoding: $0, as: UTF8.self) } }
    /// What the process wrote to standard error so far.
    public var standardError: String { errors.withLock { String(decoding: $0, as: UTF8.self) } }

    /// Standard output's lines parsed as JSON objects; fails on any line that is not one.
    public func logLines() throws -> [[String: Any]] {
        try standardOutput.split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw DeadlinePassed(description: "log line is not a JSON object: \(line)")
            }
            return object
        }
    }

    /// Waits for the `listening` log line and returns the server's base URL.
    public func waitUntilListening() async throws -> URL {
        var url: URL?
        try await waitUntil("the server logs that it is listening (stderr: \(standardError))") {
            if exitStatus != nil { throw DeadlinePassed(description: "exited early: \(standardError)") }
            url = try? logLines().first { $0["message"] as? String == "listening" }
                .flatMap { ($0["url"] as? String).flatMap(URL.init(string:)) }
            return url != nil
        }
        return url!
    }

    /// The exit status, once the process has ended.
    public var exitStatus: Int32? { exit.withLock { $0 } }

    /// Sends a signal, such as `SIGTERM`.
    public func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the process to end, collects the rest of its output, and returns its status.
    public func waitForExit(limit: Duration = .seconds(30)) async throws -> Int32 {
        try await waitUntil("the process exits", limit: limit) { exitStatus != nil }
        let restOfOutput = Self.drain(outputPipe)
        output.withLock { $0.append(restOfOutput) }
        let restOfErrors = Self.drain(errorPipe)
        errors.withLock { $0.append(restOfErrors) }
        return exitStatus!
    }

    private static func drain(_ pipe: Pipe) -> Data {
        pipe.fileHandleForReading.readabilityHandler = nil
        return pipe.fileHandleForReading.readDataToEndOfFile()
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}

/// Sends an HTTP request to a running server and returns the status, headers and body.
public func fetch(_ url: URL, method: String = "GET", headers: [String: String] = [:], body: Data? = nil) async throws
    -> (status: Int, headers: [String: String], body: Data)
{
    var request = URLRequest(url: url)
    request.httpMethod = method
    request.httpBody = body
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    let (data, response) = try await URLSession.shared.data(for: request)
    let http = response as! HTTPURLResponse
    var fields: [String: String] = [:]
    for (name, value) in http.allHeaderFields {
        fields[String(describing: name).lowercased()] = String(describing: value)
    }
    return (http.statusCode, fields, data)
}
