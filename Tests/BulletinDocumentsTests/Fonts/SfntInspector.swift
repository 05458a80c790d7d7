import Foundation

/// An independent reader of a TrueType file's structure for assertions: the table directory,
/// checksums and a few table fields. Written separately from the library so a shared mistake
/// in the writer and its own reader cannot hide.
struct SfntInspector {
    struct Record {
        let tag: String
        let checksum: UInt32
        let offset: Int
        let length: Int
    }

    let bytes: [UInt8]
    let records: [Record]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        let count = Int(Self.u16(bytes, 4))
        records = (0..<count).map { index in
            let at = 12 + 16 * index
            return Record(
                tag: String(decoding: bytes[at..<at + 4], as: UTF8.self), checksum: Self.u32(bytes, at + 4),
                offset: Int(Self.u32(bytes, at + 8)), length: Int(Self.u32(bytes, at + 12)))
        }
    }

    init(_ data: Data) { self.init([UInt8](data)) }

    var tags: [String] { records.map(\.tag) }

    func record(_ tag: String) -> Record? { records.first { $0.tag == tag } }

    /// The table's bytes (unpadded).
    func table(_ tag: String) -> [UInt8] {
        guard let record = record(tag) else { return [] }
        return Array(bytes[record.offset..<record.offset + record.length])
    }

    func u16(_ tag: String, _ offset: Int) -> Int { Int(Self.u16(table(tag), offset)) }

    /// searchRange, entrySelector and rangeShift as the spec defines them for this table count.
    var searchFieldsAreValid: Bool {
        let count = records.count
        var power = 1
        while power * 2 <= count { power *= 2 }
        let log = power.trailingZeroBitCount
        return Int(Self.u16(bytes, 6)) == power * 16 && Int(Self.u16(bytes, 8)) == log
            && Int(Self.u16(bytes, 10)) == count * 16 - power * 16
    }

    /// Tags strictly increasing as byte strings.
    var tagsAreSorted: Bool {
        zip(records, records.dropFirst()).allSatisfy { Array($0.tag.utf8).lexicographicallyPrecedes(Array($1.tag.utf8)) }
    }

    /// Tables whose stored checksum differs from the computed one (head summed with its adjustment zeroed).
    var tablesWithBadChecksums: [String] {
        records.filter { record in
            var data = Array(bytes[record.offset..<record.offset + record.length])
            if record.tag == "head" { data.replaceSubrange(8..<12, with: [0, 0, 0, 0]) }
            return Self.sum(data) != record.checksum
        }.map(\.tag)
    }

    /// Whether the whole file sums to 0xB1B0AFBA, which is what checkSumAdjustment is for.
    var wholeFileChecksumIsValid: Bool { Self.sum(bytes) == 0xB1B0_AFBA }

    static func sum(_ data: [UInt8]) -> UInt32 {
        var padded = data
        while padded.count % 4 != 0 { padded.append(0) }
        var total: UInt32 = 0
        for at in stride(from: 0, to: padded.count, by: 4) { total &+= u32(padded, at) }
        return total
    }

    static func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 { UInt16(bytes[at]) << 8 | UInt16(bytes[at + 1]) }

    static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 { UInt32(u16(bytes, at)) << 16 | UInt32(u16(bytes, at + 2)) }
}

extension SfntInspector {
    /// The bytes of glyph `glyph`, located through `loca` in the format `head` names.
    func glyph(_ glyph: Int) -> ArraySlice<UInt8> {
        let loca = table("loca")
        let long = u16("head", 50) == 1
        func offset(_ index: Int) -> Int {
            long ? Int(Self.u32(loca, 4 * index)) : 2 * Int(Self.u16(loca, 2 * index))
        }
        let glyf = record("glyf")!.offset
        return bytes[(glyf + offset(glyph))..<(glyf + offset(glyph + 1))]
    }

    /// The component glyph IDs of a composite glyph, in order; empty for simple glyphs.
    func components(ofGlyph index: Int) -> [UInt16] {
        let data = Array(glyph(index))
        guard data.count >= 10, Int16(bitPattern: Self.u16(data, 0)) < 0 else { return [] }
        var result: [UInt16] = []
        var at = 10
        while true {
            let flags = Self.u16(data, at)
            result.append(Self.u16(data, at + 2))
            at += 4 + (flags & 1 != 0 ? 4 : 2)
            at += flags & 8 != 0 ? 2 : flags & 0x40 != 0 ? 4 : flags & 0x80 != 0 ? 8 : 0
            if flags & 0x20 == 0 { return result }
        }
    }
}
