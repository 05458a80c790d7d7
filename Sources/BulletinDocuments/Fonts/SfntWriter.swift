/// Assembles tables into a TrueType file: the sorted table directory with checksums, 4-byte
/// aligned tables, and `head.checkSumAdjustment` set so the whole file sums to 0xB1B0AFBA.
enum SfntWriter {
    /// One table to write: a four-character tag and its bytes.
    struct Table {
        let tag: String
        let bytes: [UInt8]
    }

    /// The file holding `tables`; a `head` table's checkSumAdjustment (bytes 8–11) is recomputed.
    static func file(_ tables: [Table]) -> [UInt8] {
        // head's own checksum is defined with the adjustment zeroed, so zero it before summing.
        let tables = tables.map { table in
            guard table.tag == "head", table.bytes.count >= 12 else { return table }
            var bytes = table.bytes
            bytes.replaceSubrange(8..<12, with: [0, 0, 0, 0])
            return Table(tag: table.tag, bytes: bytes)
        }
        let sorted = tables.sorted { Array($0.tag.utf8).lexicographicallyPrecedes(Array($1.tag.utf8)) }
        let count = sorted.count
        var power = 1
        var log = 0
        while power * 2 <= count {
            power *= 2
            log += 1
        }
        let headerSize = 12 + 16 * count
        var out: [UInt8] = []
        out.reserveCapacity(headerSize + sorted.reduce(0) { $0 + padded($1.bytes.count) })
        append32(&out, 0x0001_0000)
        append16(&out, count)
        append16(&out, power * 16)  // searchRange
        append16(&out, log)  // entrySelector
        append16(&out, count * 16 - power * 16)  // rangeShift
        var offset = headerSize
        var headOffset: Int?
        for table in sorted {
            out.append(contentsOf: table.tag.utf8.prefix(4))
            append32(&out, checksum(table.bytes[...]))
            append32(&out, UInt32(offset))
            append32(&out, UInt32(table.bytes.count))
            if table.tag == "head" { headOffset = offset }
            offset += padded(table.bytes.count)
        }
        for table in sorted {
            out.append(contentsOf: table.bytes)
            out.append(contentsOf: repeatElement(UInt8(0), count: padded(table.bytes.count) - table.bytes.count))
        }
        if let headOffset, headOffset + 12 <= out.count {
            let adjustment = 0xB1B0_AFBA &- checksum(out[...])
            for byte in 0..<4 { out[headOffset + 8 + byte] = UInt8(truncatingIfNeeded: adjustment >> (24 - 8 * byte)) }
        }
        return out
    }

    /// The sum of `bytes` as big-endian 32-bit words, the last one zero-padded (OpenType's CalcTableChecksum).
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            var sum: UInt32 = 0
            let whole = buffer.count & ~3
            var index = 0
            while index < whole {
                sum &+=
                    UInt32(buffer[index]) << 24 | UInt32(buffer[index + 1]) << 16 | UInt32(buffer[index + 2]) << 8
                    | UInt32(buffer[index + 3])
                index += 4
            }
            var shift: UInt32 = 24
            while index < buffer.count {
                sum &+= UInt32(buffer[index]) << shift
                shift -= 8
                index += 1
            }
            return sum
        }
    }

    static func padded(_ count: Int) -> Int { (count + 3) & ~3 }

    static func append16(_ out: inout [UInt8], _ value: Int) {
        out.append(UInt8(truncatingIfNeeded: value >> 8))
        out.append(UInt8(truncatingIfNeeded: value))
    }

    static func append32(_ out: inout [UInt8], _ value: UInt32) {
        out.append(UInt8(truncatingIfNeeded: value >> 24))
        out.append(UInt8(truncatingIfNeeded: value >> 16))
        out.append(UInt8(truncatingIfNeeded: value >> 8))
        out.append(UInt8(truncatingIfNeeded: value))
    }

    /// Overwrites the big-endian 16-bit value at `offset`.
    static func put16(_ out: inout [UInt8], at offset: Int, _ value: Int) {
        out[offset] = UInt8(truncatingIfNeeded: value >> 8)
        out[offset + 1] = UInt8(truncatingIfNeeded: value)
    }
}
