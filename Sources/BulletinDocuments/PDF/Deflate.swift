import Foundation
import ZIPFoundation

/// zlib-wrapped deflate, what PDF's FlateDecode reads.
///
/// ZIPFoundation (already used for DOCX) exposes raw deflate over the system zlib; the zlib
/// wrapper is two header bytes and an Adler-32 trailer, added here rather than declaring a
/// second module over the same zlib header.
enum Deflate {
    static func zlib(_ bytes: [UInt8]) throws -> [UInt8] {
        var output: [UInt8] = [0x78, 0x9C]
        output.reserveCapacity(bytes.count / 3 + 64)
        let input = Data(bytes)
        _ = try Data.compress(
            size: Int64(input.count), bufferSize: max(16_384, min(input.count, 1 << 20)),
            provider: { position, size in input.subdata(in: Int(position)..<Int(position) + size) },
            consumer: { output += $0 })
        let checksum = adler32(bytes)
        output += [UInt8(checksum >> 24), UInt8(checksum >> 16 & 0xFF), UInt8(checksum >> 8 & 0xFF), UInt8(checksum & 0xFF)]
        return output
    }

    /// Adler-32 (RFC 1950), summing in blocks of 5552 bytes so the sums never overflow before
    /// the modulo.
    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        var index = 0
        while index < bytes.count {
            let end = min(index + 5552, bytes.count)
            while index < end {
                a &+= UInt32(bytes[index])
                b &+= a
                index += 1
            }
            a %= 65521
            b %= 65521
        }
        return b << 16 | a
    }
}
