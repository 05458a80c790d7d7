import BulletinCore
import BulletinTestSupport
import Foundation
import Testing

/// Many child processes started and stopped at once from parallel tasks, as parallel suites do.
///
/// Through Foundation's `Process` this crashed the test process in libdispatch's event loop, or
/// left one child's end unseen until an unrelated child ended (ChildProcess says why).
@Suite("Child processes launched many at once")
struct ConcurrentLaunchTests {
    /// A server started, asked for its health, and stopped, while the short-lived ones come and go.
    static func serveAndStop(in folder: String) async throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let server = try BulletinProcess(["serve", "--port", "0"], in: folder)
        let base = try await server.waitUntilListening()
        #expect(try await fetch(base.appending(path: "healthz")).status == 200)
        server.send(SIGTERM)
        #expect(try await server.waitForExit() == 0)
        #expect(try server.logLines().contains { $0["message"] as? String == "listening" })
    }

    /// `bulletin version`, or with an extra argument named after `tag`, refused with status 2 and a
    /// line on standard error that names it: each process's output is its own.
    static func version(tag: String?, in folder: String) async throws {
        let process = try BulletinProcess(["version"] + (tag.map { [$0] } ?? []), in: folder)
        let status = try await process.waitForExit()
        if let tag {
            #expect(status == 2, "\(tag): \(process.standardError)")
            #expect(process.standardOutput == "")
            #expect(process.standardError.split(separator: "\n").count == 1)
            #expect(process.standardError.contains("'\(tag)'"), "\(tag): \(process.standardError)")
        } else {
            #expect(status == 0, "\(process.standardError)")
            #expect(process.standardOutput == "bulletin \(BulletinVersion.current)\n")
            #expect(process.standardError == "")
        }
    }

    @Test("32 short-lived and 4 long-lived processes at once, five times over: each ends with its own status and output")
    func manyAtOnce() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for round in 0..<5 {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for server in 0..<4 {
                    group.addTask { try await Self.serveAndStop(in: folder.path + "/\(round)-\(server)") }
                }
                for index in 0..<32 {
                    group.addTask {
                        try await Self.version(tag: index.isMultiple(of: 2) ? nil : "extra-\(round)-\(index)", in: folder.path)
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    @Test("256 processes at once, each printing its own line, eight times over: no output goes astray")
    func manyShortAtOnce() async throws {
        for round in 0..<8 {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<256 {
                    group.addTask {
                        let echo = ChildProcess(
                            "/bin/sh", arguments: ["-c", "echo out-$0; echo err-$0 >&2; exit $1", "\(round)-\(index)", "\(index % 4)"])
                        let status = try await echo.waitForExit()
                        #expect(status == Int32(index % 4))
                        #expect(String(decoding: echo.standardOutput, as: UTF8.self) == "out-\(round)-\(index)\n")
                        #expect(String(decoding: echo.standardError, as: UTF8.self) == "err-\(round)-\(index)\n")
                    }
                }
                try await group.waitForAll()
            }
        }
    }
}
