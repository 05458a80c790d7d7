/// The global metrics and style flags of a font, read from `head`, `hhea`, `maxp`, `OS/2` and `post`.
struct FontMetrics: Sendable {
    let unitsPerEm: Int
    let ascent: Int
    let descent: Int
    let capHeight: Int
    let italicAngle: Double
    let boundingBox: FontBoundingBox
    let isBold: Bool
    let isItalic: Bool
    let isFixedPitch: Bool
    /// `head.indexToLocFormat`: whether `loca` holds 32-bit offsets.
    let hasLongLocations: Bool
    let glyphCount: Int
    let horizontalMetricCount: Int

    init(_ tables: FontTableDirectory) throws(FontError) {
        let head = try tables.required("head")
        guard try head.uint32(12) == 0x5F0F_3CF5 else { throw .malformed("head", reason: "bad magic number") }
        unitsPerEm = Int(try head.uint16(18))
        guard (16...16384).contains(unitsPerEm) else { throw .malformed("head", reason: "unitsPerEm \(unitsPerEm)") }
        boundingBox = FontBoundingBox(
            minX: Int(try head.int16(36)), minY: Int(try head.int16(38)), maxX: Int(try head.int16(40)), maxY: Int(try head.int16(42)))
        let macStyle = try head.uint16(44)
        switch try head.int16(50) {
        case 0: hasLongLocations = false
        case 1: hasLongLocations = true
        case let format: throw .malformed("head", reason: "indexToLocFormat \(format)")
        }

        let maxp = try tables.required("maxp")
        glyphCount = Int(try maxp.uint16(4))
        guard glyphCount > 0 else { throw .malformed("maxp", reason: "no glyphs") }

        let hhea = try tables.required("hhea")
        horizontalMetricCount = Int(try hhea.uint16(34))
        guard (1...glyphCount).contains(horizontalMetricCount) else {
            throw .malformed("hhea", reason: "numberOfHMetrics \(horizontalMetricCount) for \(glyphCount) glyphs")
        }
        var ascent = Int(try hhea.int16(4))
        var descent = Int(try hhea.int16(6))
        var capHeight = (unitsPerEm * 7 + 5) / 10
        var isBold = macStyle & 1 != 0
        var isItalic = macStyle & 2 != 0

        // OS/2 is optional (old Apple fonts) and grew over versions, so each field is read only
        // when the table is long enough to hold it.
        if let os2 = tables["OS/2"] {
            if os2.contains(62, count: 2) {
                let selection = try os2.uint16(62)
                isBold = selection & 0x20 != 0
                isItalic = selection & 0x01 != 0
            }
            if os2.contains(68, count: 4) {
                let typoAscender = Int(try os2.int16(68))
                let typoDescender = Int(try os2.int16(70))
                if typoAscender != 0 || typoDescender != 0 {
                    ascent = typoAscender
                    descent = typoDescender
                }
            }
            if try os2.uint16(0) >= 2, os2.contains(88, count: 2) {
                let height = Int(try os2.int16(88))
                if height > 0 { capHeight = height }
            }
        }
        self.ascent = ascent
        // Some fonts store the descender as a positive distance; PDF wants it below the baseline.
        self.descent = -abs(descent)
        self.capHeight = capHeight
        self.isBold = isBold
        self.isItalic = isItalic

        if let post = tables["post"], post.contains(0, count: 16) {
            italicAngle = Double(try post.int32(4)) / 65536
            isFixedPitch = try post.uint32(12) != 0
        } else {
            italicAngle = 0
            isFixedPitch = false
        }
    }
}
