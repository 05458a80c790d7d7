/// A font's Unicode character map (`cmap` format 4 or 12): character → glyph ID.
///
/// The chosen subtable's arrays are validated once at load; lookups then binary-search the
/// font's own bytes, so loading costs nothing per character and lookups allocate nothing.
struct CharacterMap: Sendable {
    private enum Format: Sendable {
        /// Segments of the BMP; the four parallel arrays start at these offsets.
        case segments(count: Int, ends: Int, starts: Int, deltas: Int, rangeOffsets: Int)
        /// Sequential groups of 12 bytes each, starting at `groups`.
        case groups(count: Int, groups: Int)
    }

    private let table: FontTableReader
    private let format: Format
    private let glyphCount: Int

    /// Picks the best Unicode subtable — (3,10), then (3,1), then Unicode platform 0 — and validates it.
    init(_ table: FontTableReader, glyphCount: Int) throws(FontError) {
        self.table = table
        self.glyphCount = glyphCount
        var best: (rank: Int, offset: Int)?
        let count = Int(try table.uint16(2))
        for index in 0..<count {
            let record = 4 + 8 * index
            let platform = try table.uint16(record)
            let encoding = try table.uint16(record + 2)
            let offset = Int(try table.uint32(record + 4))
            guard let subtableFormat = table.optionalUInt16(offset), subtableFormat == 4 || subtableFormat == 12 else { continue }
            let platformRank: Int
            switch (platform, encoding) {
            case (3, 10): platformRank = 0
            case (3, 1): platformRank = 1
            case (0, _): platformRank = 2
            default: continue
            }
            // Within a platform rank, format 12 wins: it reaches beyond the BMP.
            let rank = platformRank * 2 + (subtableFormat == 12 ? 0 : 1)
            if best == nil || rank < best!.rank { best = (rank, offset) }
        }
        guard let offset = best?.offset else { throw .noUnicodeCharacterMap }
        format = try Self.validate(table, at: offset)
    }

    private static func validate(_ table: FontTableReader, at offset: Int) throws(FontError) -> Format {
        if try table.uint16(offset) == 4 {
            let doubled = Int(try table.uint16(offset + 6))
            guard doubled > 0, doubled % 2 == 0 else { throw .malformed("cmap", reason: "segCountX2 \(doubled)") }
            let ends = offset + 14
            // Four arrays of segCount entries plus the reserved pad; glyphIdArray is checked per lookup.
            try table.require(ends, count: 4 * doubled + 2)
            return .segments(
                count: doubled / 2, ends: ends, starts: ends + doubled + 2, deltas: ends + 2 * doubled + 2,
                rangeOffsets: ends + 3 * doubled + 2)
        }
        let count = Int(try table.uint32(offset + 12))
        guard count <= table.length / 12 else { throw .truncated("cmap") }
        try table.require(offset + 16, count: 12 * count)
        return .groups(count: count, groups: offset + 16)
    }

    /// The glyph for `scalar`, or `nil` when the font has none (or maps it out of range).
    func glyph(for scalar: UInt32) -> UInt16? {
        let glyph: UInt32?
        switch format {
        case .segments(let count, let ends, let starts, let deltas, let rangeOffsets):
            glyph = scalar <= 0xFFFF ? segmentGlyph(UInt16(scalar), count, ends, starts, deltas, rangeOffsets) : nil
        case .groups(let count, let groups):
            glyph = groupGlyph(scalar, count, groups)
        }
        guard let glyph, glyph != 0, glyph < glyphCount else { return nil }
        return UInt16(glyph)
    }

    private func segmentGlyph(_ code: UInt16, _ count: Int, _ ends: Int, _ starts: Int, _ deltas: Int, _ rangeOffsets: Int) -> UInt32? {
        var low = 0
        var high = count
        while low < high {  // first segment whose end is ≥ code
            let middle = (low + high) / 2
            if table.uncheckedUInt16(ends + 2 * middle) < code { low = middle + 1 } else { high = middle }
        }
        guard low < count else { return nil }
        let start = table.uncheckedUInt16(starts + 2 * low)
        guard start <= code else { return nil }
        let delta = table.uncheckedUInt16(deltas + 2 * low)
        let rangeOffsetAt = rangeOffsets + 2 * low
        let rangeOffset = Int(table.uncheckedUInt16(rangeOffsetAt))
        if rangeOffset == 0 { return UInt32(code &+ delta) }
        guard let raw = table.optionalUInt16(rangeOffsetAt + rangeOffset + 2 * Int(code - start)), raw != 0 else { return nil }
        return UInt32(raw &+ delta)
    }

    private func groupGlyph(_ scalar: UInt32, _ count: Int, _ groups: Int) -> UInt32? {
        var low = 0
        var high = count
        while low < high {  // first group whose end is ≥ scalar
            let middle = (low + high) / 2
            if uint32(groups + 12 * middle + 4) < scalar { low = middle + 1 } else { high = middle }
        }
        guard low < count else { return nil }
        let group = groups + 12 * low
        let start = uint32(group)
        guard start <= scalar else { return nil }
        let (glyph, overflow) = uint32(group + 8).addingReportingOverflow(scalar - start)
        return overflow ? nil : glyph
    }

    /// A 32-bit read inside the validated group array.
    private func uint32(_ offset: Int) -> UInt32 {
        UInt32(table.uncheckedUInt16(offset)) << 16 | UInt32(table.uncheckedUInt16(offset + 2))
    }
}
