import Foundation

/// The objects of one PDF 1.7 file, serialised with their cross-reference table.
///
/// Written by hand: no Swift package writes PDF on Linux. Objects are added as finished
/// byte strings and numbered in order; ``reserve()`` hands out a number before its object
/// is known (a page must name its parent, the parent lists its pages).
struct PDFFile {
    private var objects: [[UInt8]?] = []

    /// A number for an object written later with ``set(_:_:)``.
    mutating func reserve() -> PDFReference {
        objects.append(nil)
        return PDFReference(number: objects.count)
    }

    /// Adds an object (a dictionary, an array, a stream) and returns its reference.
    @discardableResult
    mutating func add(_ object: String) -> PDFReference {
        objects.append(Array(object.utf8))
        return PDFReference(number: objects.count)
    }

    /// Writes the object a reserved reference stands for.
    mutating func set(_ reference: PDFReference, _ object: String) {
        objects[reference.number - 1] = Array(object.utf8)
    }

    /// Adds a stream: `dictionary` holds its other entries, `/Length` is added here.
    @discardableResult
    mutating func addStream(_ dictionary: String = "", _ bytes: [UInt8]) -> PDFReference {
        var object = Array("<< \(dictionary) /Length \(bytes.count) >>\nstream\n".utf8)
        object.reserveCapacity(object.count + bytes.count + 11)
        object += bytes
        object += Array("\nendstream".utf8)
        objects.append(object)
        return PDFReference(number: objects.count)
    }

    /// Adds a stream compressed with FlateDecode.
    @discardableResult
    mutating func addCompressedStream(_ dictionary: String = "", _ bytes: [UInt8]) throws -> PDFReference {
        try addStream("/Filter /FlateDecode \(dictionary)", Deflate.zlib(bytes))
    }

    /// The whole file: header, objects, cross-reference table and trailer.
    func serialised(root: PDFReference, info: PDFReference) -> Data {
        var output: [UInt8] = []
        output.reserveCapacity(objects.reduce(1024) { $0 + ($1?.count ?? 0) + 32 })
        // The comment of four bytes above 127 tells transfer tools the file is binary.
        output += Array("%PDF-1.7\n%".utf8) + [0xE2, 0xE3, 0xCF, 0xD3, 0x0A]
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(output.count)
            output += Array("\(index + 1) 0 obj\n".utf8)
            output += object ?? Array("null".utf8)
            output += Array("\nendobj\n".utf8)
        }
        let crossReference = output.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f\r\n"
        for offset in offsets {
            table += String(repeating: "0", count: 10 - String(offset).count) + "\(offset) 00000 n\r\n"
        }
        let id = Self.fileID(output)
        table += "trailer\n<< /Size \(objects.count + 1) /Root \(root) /Info \(info) /ID [<\(id)> <\(id)>] >>\n"
        table += "startxref\n\(crossReference)\n%%EOF\n"
        output += Array(table.utf8)
        return Data(output)
    }

    /// A file identifier derived from the content (FNV-1a, twice), so the same document gives
    /// the same bytes and the same ETag.
    private static func fileID(_ bytes: [UInt8]) -> String {
        var first: UInt64 = 0xcbf2_9ce4_8422_2325
        var second: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in bytes {
            first = (first ^ UInt64(byte)) &* 0x100_0000_01b3
            second = (second ^ UInt64(byte ^ 0x5a)) &* 0x100_0000_01b3
        }
        return String(format: "%016llx%016llx", first, second)
    }
}

/// An indirect reference, written `N 0 R`.
struct PDFReference: CustomStringConvertible, Hashable {
    let number: Int
    var description: String { "\(number) 0 R" }
}
