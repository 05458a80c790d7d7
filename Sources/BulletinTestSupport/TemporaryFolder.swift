import Foundation

/// A new folder under the system's temporary directory, removed by ``remove()``.
public struct TemporaryFolder: Sendable {
    /// The folder's absolute path.
    public let path: String

    /// Creates the folder.
    public init() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bulletin-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    /// Deletes the folder and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
