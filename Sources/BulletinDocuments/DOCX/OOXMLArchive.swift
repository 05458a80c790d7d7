import Foundation
import ZIPFoundation

/// An Office Open XML package being written: named parts in an in-memory ZIP (a .docx, or the
/// .xlsx embedded behind each chart).
struct OOXMLArchive {
    /// Every entry carries this date (1980-01-01T00:00:00Z, the earliest a ZIP header can hold) so
    /// the same document always gives the same bytes, and so the same ETag.
    static let entryDate = Date(timeIntervalSince1970: 315_532_800)

    enum Failure: Error {
        case noData
    }

    private let archive: Archive

    init() throws {
        archive = try Archive(data: Data(), accessMode: .create)
    }

    /// Adds an XML part, deflated: XML shrinks to a fifth or less and zlib's default level costs
    /// about a millisecond per 100 KB.
    func add(_ path: String, xml: String) throws {
        try add(path, data: Data(xml.utf8), compressed: true)
    }

    /// Adds a part's bytes; already-compressed parts (an embedded .xlsx) are stored as they are.
    func add(_ path: String, data: Data, compressed: Bool) throws {
        try archive.addEntry(
            with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: Self.entryDate,
            permissions: 0o644, compressionMethod: compressed ? .deflate : .none,
            bufferSize: min(max(data.count, 4096), 1 << 20),
            provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
    }

    /// The finished ZIP.
    func data() throws -> Data {
        guard let data = archive.data else { throw Failure.noData }
        return data
    }
}
