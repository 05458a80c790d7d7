import BulletinTestSupport
import Foundation

/// A program from Debian that checks what the renderers write (qpdf, poppler's tools,
/// pdflatex, python with python-docx); `scripts/test` installs them.
struct ExternalTool {
    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    let path: String

    /// The tool at `path`; a missing one fails the test, naming the package to install.
    init(_ path: String, package: String) throws {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw Failed(description: "\(path) is not installed (Debian package \(package)); scripts/test installs it")
        }
        self.path = path
    }

    /// The program `name` on the `PATH` (where pip installs modules for the `python3` found there).
    static func onPath(_ name: String, package: String) throws -> ExternalTool {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        let found = folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        return try ExternalTool(found ?? "/usr/bin/\(name)", package: package)
    }

    /// Runs the tool; returns its standard output, or throws with both outputs when it fails.
    @discardableResult
    func run(_ arguments: [String], in folder: String? = nil, allowing statuses: Set<Int32> = [0]) async throws -> String {
        let process = ChildProcess(path, arguments: arguments, in: folder)
        let status = try await process.waitForExit(limit: .seconds(120))
        let output = String(decoding: process.standardOutput, as: UTF8.self)
        guard statuses.contains(status) else {
            let errors = String(decoding: process.standardError, as: UTF8.self)
            throw Failed(
                description: "\(path) \(arguments.joined(separator: " ")) exited \(status): \(output.suffix(2000)) \(errors.suffix(2000))")
        }
        return output
    }
}
