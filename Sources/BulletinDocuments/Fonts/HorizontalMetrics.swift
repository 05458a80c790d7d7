/// Every glyph's advance width and left side bearing, decoded from `hmtx` once at load.
///
/// Decoding up front (a few thousand entries) makes ``advance(of:)`` a plain array read,
/// which matters because text measurement calls it for every character.
struct HorizontalMetrics: Sendable {
    /// Advance width of each glyph in font units; glyphs past `numberOfHMetrics` repeat the last.
    let advances: [UInt16]
    /// Left side bearing of each glyph in font units.
    let leftSideBearings: [Int16]

    init(_ table: FontTableReader, glyphCount: Int, metricCount: Int) throws(FontError) {
        try table.require(0, count: 4 * metricCount)
        var advances = [UInt16](repeating: 0, count: glyphCount)
        var bearings = [Int16](repeating: 0, count: glyphCount)
        for glyph in 0..<metricCount {
            advances[glyph] = table.uncheckedUInt16(4 * glyph)
            bearings[glyph] = Int16(bitPattern: table.uncheckedUInt16(4 * glyph + 2))
        }
        let lastAdvance = advances[metricCount - 1]
        for glyph in metricCount..<glyphCount {
            advances[glyph] = lastAdvance
            // Some fonts omit the trailing bearings; 0 is harmless for PDF, which never reads them.
            let at = 4 * metricCount + 2 * (glyph - metricCount)
            bearings[glyph] = table.optionalUInt16(at).map { Int16(bitPattern: $0) } ?? 0
        }
        self.advances = advances
        leftSideBearings = bearings
    }
}
