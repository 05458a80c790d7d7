import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The built `bulletin` binary, run as a child process for end-to-end tests: the helper every
/// end-to-end test launches the binary with.
///
/// It runs through ``ChildProcess``, so any number of them can start and stop at once from
/// parallel tests; see there why not through Foundation's `Process`.
///
/// ```swift
/// let server = try BulletinProcess(["serve", "--port", "0"], in: folder.path)
/// let base = try await server.waitUntilListening()
/// server.send(SIGTERM)
/// #expect(try await server.waitForExit() == 0)
/// ```
public final class BulletinProcess: Sendable {
    private let child: ChildProcess

    /// The path of the built binary, beside the test bundle.
    public static var executable: URL {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("bulletin")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/bulletin")
    }

    /// Starts `bulletin` with arguments, in a working folder, with only the given environment
    /// (and a `PATH`, and in a coverage run the test process's `LLVM_PROFILE_FILE`, so the
    /// binary's lines count too), and writes `input` to its standard input, which is then closed.
    ///
    /// - Throws: ``ChildProcess/LaunchFailed`` if the binary has not been built.
    public init(_ arguments: [String], in folder: String, environment: [String: String] = [:], input: String? = nil) throws {
        let executable = Self.executable.path
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw ChildProcess.LaunchFailed(description: "\(executable) is not built; run swift build first")
        }
        child = ChildProcess(
            executable, arguments: arguments, in: folder,
            environment: environment.merging(Self.inherited) { mine, _ in mine },
            input: input.map { Data($0.utf8) })
    }

    /// What every launch inherits from the test process.
    private static var inherited: [String: String] {
        var variables = ["PATH": "/usr/bin:/bin"]
        variables["LLVM_PROFILE_FILE"] = ProcessInfo.processInfo.environment["LLVM_PROFILE_FILE"]
        return variables
    }

    /// What the process wrote to standard output so far.
    public var standardOutput: String { String(decoding: child.standardOutput, as: UTF8.self) }
    /// What the process wrote to standard error so far.
    public var standardError: String { String(decoding: child.standardError, as: UTF8.self) }

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
            if child.hasEnded { throw DeadlinePassed(description: "exited early: \(standardError)") }
            url = try? logLines().first { $0["message"] as? String == "listening" }
                .flatMap { ($0["url"] as? String).flatMap(URL.init(string:)) }
            return url != nil
        }
        return url!
    }

    /// The exit status, once the process has ended and its output has been read to the end.
    public var exitStatus: Int32? { child.exitStatus }

    /// Sends a signal, such as `SIGTERM`.
    public func send(_ signal: Int32) {
        child.send(signal)
    }

    /// Waits for the process to end and its output to be read to the end, and returns its status.
    @discardableResult
    public func waitForExit(limit: Duration = .seconds(30)) async throws -> Int32 {
        try await child.waitForExit(limit: limit)
    }
}

/// Sends an HTTP request to a running server and returns the status, headers and body.
public func fetch(
    _ url: URL, method: String = "GET", headers: [String: String] = [:], body: Data? = nil
) async throws
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
