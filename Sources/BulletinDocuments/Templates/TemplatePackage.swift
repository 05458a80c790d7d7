import Foundation
import ZIPFoundation

/// The parts of an uploaded .docx, in their original order, read into memory.
struct TemplatePackage: Sendable {
    /// More than this, uncompressed, is refused: a template is a few hundred kilobytes, and a ZIP
    /// bomb must not exhaust memory on the server.
    static let maximumSize = 64 << 20

    enum Failure: Error {
        case notAZip
        case tooLarge
    }

    /// Each part's path, bytes, and whether it was deflated (kept on writing).
    private(set) var parts: [(path: String, data: Data, compressed: Bool)] = []

    init(data: Data) throws(Failure) {
        guard let archive = try? Archive(data: data, accessMode: .read, pathEncoding: nil) else { throw .notAZip }
        var total = 0
        for entry in archive where entry.type == .file {
            total += Int(clamping: entry.uncompressedSize)
            guard total <= Self.maximumSize else { throw .tooLarge }
            var bytes = Data()
            do {
                _ = try archive.extract(entry) { bytes.append($0) }
            } catch {
                throw .notAZip
            }
            // The size in the header could lie; the bytes read are what count.
            guard bytes.count <= Self.maximumSize else { throw .tooLarge }
            parts.append((entry.path, bytes, entry.isCompressed))
        }
    }

    /// The part at `path` as text, if the package has it.
    func text(_ path: String) -> String? {
        parts.first { $0.path == path }.map { String(decoding: $0.data, as: UTF8.self) }
    }

    /// The paths of the parts that hold tags: the main document, then headers and footers.
    var templatedParts: [String] {
        let extras = parts.map(\.path).filter { path in
            guard path.hasPrefix("word/"), path.hasSuffix(".xml"), !path.dropFirst(5).contains("/") else { return false }
            return path.hasPrefix("word/header") || path.hasPrefix("word/footer")
        }
        return ["word/document.xml"] + extras.sorted()
    }

    /// The first chart number from which no chart part or chart workbook of the package is in the way.
    var firstFreeChartNumber: Int {
        let paths = parts.map(\.path)
        let used = paths.filter { $0.hasPrefix("word/charts/chart") || $0.hasPrefix("word/embeddings/Microsoft_Excel_Worksheet") }
        var number = 1
        while used.contains(where: { $0.contains("chart\(number).xml") || $0.contains("Worksheet\(number).xlsx") }) { number += 1 }
        return number
    }

    /// A .docx with `replaced` parts' contents changed and `added` parts after the others.
    func writing(replaced: [String: String], added: [(path: String, data: Data, compressed: Bool)]) throws -> Data {
        let archive = try OOXMLArchive()
        for part in parts {
            if let xml = replaced[part.path] {
                try archive.add(part.path, xml: xml)
            } else {
                try archive.add(part.path, data: part.data, compressed: part.compressed)
            }
        }
        let existing = Set(parts.map(\.path))
        for (path, xml) in replaced.sorted(by: { $0.key < $1.key }) where !existing.contains(path) {
            try archive.add(path, xml: xml)
        }
        for part in added {
            try archive.add(part.path, data: part.data, compressed: part.compressed)
        }
        return try archive.data()
    }
}
