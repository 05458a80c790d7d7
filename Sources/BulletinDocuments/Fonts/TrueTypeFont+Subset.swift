import Foundation

extension TrueTypeFont {
    /// A TrueType file with only `glyphs`, `.notdef` and the components of composite glyphs.
    ///
    /// Glyphs are renumbered densely in increasing old-ID order; composite glyphs' component
    /// references are rewritten to the new IDs. Hinting tables (`cvt `, `fpgm`, `prep`) and
    /// `gasp`, `name`, `OS/2` are copied; `post` becomes version 3 (no glyph names) and
    /// `cmap` is an empty but valid map, since PDF CIDFontType2 addresses glyphs by ID.
    ///
    /// - Throws: ``FontError/glyphOutOfRange(_:)`` for a glyph the font lacks, or another
    ///   ``FontError`` when a needed glyph's data is malformed.
    public func subset(_ glyphs: some Collection<UInt16>) throws(FontError) -> FontSubset {
        let kept = try closure(of: glyphs)
        var newGlyphID: [UInt16: UInt16] = [:]
        newGlyphID.reserveCapacity(kept.count)
        for (new, old) in kept.enumerated() { newGlyphID[old] = UInt16(new) }

        let (glyf, loca, longLocations) = try glyphData(kept, newGlyphID: newGlyphID)
        var tables = [
            SfntWriter.Table(tag: "glyf", bytes: glyf),
            SfntWriter.Table(tag: "loca", bytes: loca),
            SfntWriter.Table(tag: "hmtx", bytes: horizontalMetrics(kept)),
            SfntWriter.Table(tag: "head", bytes: try patched("head") { SfntWriter.put16(&$0, at: 50, longLocations ? 1 : 0) }),
            SfntWriter.Table(tag: "hhea", bytes: try patched("hhea") { SfntWriter.put16(&$0, at: 34, kept.count) }),
            SfntWriter.Table(tag: "maxp", bytes: try patched("maxp") { SfntWriter.put16(&$0, at: 4, kept.count) }),
            SfntWriter.Table(tag: "post", bytes: postVersion3()),
            SfntWriter.Table(tag: "cmap", bytes: Self.emptyCharacterMap),
        ]
        for tag in ["cvt ", "fpgm", "prep", "gasp", "name", "OS/2"] {
            if let table = self.tables[tag] { tables.append(SfntWriter.Table(tag: tag, bytes: Array(table.all))) }
        }
        return FontSubset(data: Data(SfntWriter.file(tables)), newGlyphID: newGlyphID, oldGlyphIDs: kept)
    }

    /// `.notdef`, `glyphs` and, transitively, their components, in increasing ID order.
    private func closure(of glyphs: some Collection<UInt16>) throws(FontError) -> [UInt16] {
        var isKept = [Bool](repeating: false, count: glyphCount)
        var pending: [UInt16] = [0]
        pending.append(contentsOf: glyphs)
        var count = 0
        while let glyph = pending.popLast() {
            guard Int(glyph) < glyphCount else { throw .glyphOutOfRange(glyph) }
            guard !isKept[Int(glyph)] else { continue }  // also ends reference cycles in hostile fonts
            isKept[Int(glyph)] = true
            count += 1
            for component in try self.glyphs.components(of: Int(glyph)) { pending.append(component.glyph) }
        }
        var kept: [UInt16] = []
        kept.reserveCapacity(count)
        for glyph in 0..<glyphCount where isKept[glyph] { kept.append(UInt16(glyph)) }
        return kept
    }

    /// The new `glyf` and `loca`, and whether `loca` needs 32-bit offsets.
    private func glyphData(_ kept: [UInt16], newGlyphID: [UInt16: UInt16]) throws(FontError) -> ([UInt8], [UInt8], Bool) {
        let source = self.glyphs
        var glyf: [UInt8] = []
        glyf.reserveCapacity(kept.reduce(0) { $0 + SfntWriter.padded(source.range(of: Int($1)).count) })
        var offsets: [Int] = [0]
        offsets.reserveCapacity(kept.count + 1)
        for old in kept {
            let range = source.range(of: Int(old))
            let start = glyf.count
            glyf.append(contentsOf: source.glyf.bytes[(source.glyf.start + range.lowerBound)..<(source.glyf.start + range.upperBound)])
            for component in try source.components(of: Int(old)) {
                // closure(of:) kept every component, so the lookup cannot miss.
                SfntWriter.put16(&glyf, at: start + component.indexOffset, Int(newGlyphID[component.glyph] ?? 0))
            }
            // 4-byte alignment keeps every offset even, as short loca requires.
            glyf.append(contentsOf: repeatElement(UInt8(0), count: SfntWriter.padded(glyf.count) - glyf.count))
            offsets.append(glyf.count)
        }
        let long = glyf.count > 0x1FFFE
        var loca: [UInt8] = []
        loca.reserveCapacity(offsets.count * (long ? 4 : 2))
        for offset in offsets {
            if long { SfntWriter.append32(&loca, UInt32(offset)) } else { SfntWriter.append16(&loca, offset / 2) }
        }
        return (glyf, loca, long)
    }

    /// One long metric (advance, left side bearing) per kept glyph.
    private func horizontalMetrics(_ kept: [UInt16]) -> [UInt8] {
        var hmtx: [UInt8] = []
        hmtx.reserveCapacity(4 * kept.count)
        for old in kept {
            SfntWriter.append16(&hmtx, Int(metrics.advances[Int(old)]))
            SfntWriter.append16(&hmtx, Int(metrics.leftSideBearings[Int(old)]))
        }
        return hmtx
    }

    /// A copy of table `tag` with `change` applied.
    private func patched(_ tag: String, _ change: (inout [UInt8]) -> Void) throws(FontError) -> [UInt8] {
        var bytes = Array(try tables.required(tag).all)
        change(&bytes)
        return bytes
    }

    /// `post` version 3.0: the original's angle, underline and pitch fields, no glyph names.
    private func postVersion3() -> [UInt8] {
        var post = [UInt8](repeating: 0, count: 32)
        if let original = tables["post"], original.length >= 32 {
            post = Array(original.all.prefix(32))
        }
        post.replaceSubrange(0..<4, with: [0, 3, 0, 0])
        return post
    }

    /// A `cmap` with one (3,1) format 4 subtable holding only the required final segment.
    static let emptyCharacterMap: [UInt8] = [
        0, 0, 0, 1,  // version, numTables
        0, 3, 0, 1, 0, 0, 0, 12,  // platform 3, encoding 1, offset
        0, 4, 0, 24, 0, 0,  // format 4, length, language
        0, 2, 0, 2, 0, 0, 0, 0,  // segCountX2, searchRange, entrySelector, rangeShift
        0xFF, 0xFF, 0, 0, 0xFF, 0xFF,  // endCode, reservedPad, startCode
        0, 1, 0, 0,  // idDelta, idRangeOffset
    ]
}
