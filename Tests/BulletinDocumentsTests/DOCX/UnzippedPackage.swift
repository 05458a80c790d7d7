import Foundation
import ZIPFoundation

/// A ZIP package (a .docx or an embedded .xlsx) read back into memory, part by part, in order.
struct UnzippedPackage {
    /// Part names in the order the ZIP stores them.
    let paths: [String]
    let parts: [String: Data]

    init(_ data: Data) throws {
        let archive = try Archive(data: data, accessMode: .read)
        var paths: [String] = []
        var parts: [String: Data] = [:]
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            paths.append(entry.path)
            parts[entry.path] = bytes
        }
        self.paths = paths
        self.parts = parts
    }

    /// A part as UTF-8 text, or "" when it is missing.
    func text(_ path: String) -> String {
        parts[path].map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
