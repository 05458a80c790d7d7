@testable import BulletinDocuments

/// A tiny TrueType font built in code, so parsing, subsetting and hostile-input tests run on
/// machines without any font installed.
///
/// Glyphs: 0 `.notdef` (square), 1 `A` (triangle), 2 `acute` (triangle), 3 `Aacute` (composite
/// of 1 and a scaled 2), 4 `space` (empty), 5 a composite of the composite 3 (nested).
/// Advances 500, 600, 300, 600, 250; glyph 5 lies past numberOfHMetrics and repeats 250.
enum SyntheticFont {
    static let advances = [500, 600, 300, 600, 250, 250]
    static let bearings = [50, 10, 20, 10, 0, 15]
    /// Character → glyph as the cmap maps it.
    static let mapping: [Unicode.Scalar: UInt16] = [" ": 4, "A": 1, "Á": 3, "a": 1, "b": 2, "\u{1F600}": 2]

    /// The font's bytes; `longLocations` picks 32-bit `loca`, `format12` adds a (3,10) cmap subtable.
    static func bytes(longLocations: Bool = true, format12: Bool = true) -> [UInt8] {
        let glyphs = [square, triangle(600), triangle(300), accented, [], nested]
        var glyf: [UInt8] = []
        var loca: [UInt8] = []
        for glyph in glyphs {
            longLocations ? put32(&loca, glyf.count) : put16(&loca, glyf.count / 2)
            glyf += glyph + [UInt8](repeating: 0, count: (4 - glyph.count % 4) % 4)
        }
        longLocations ? put32(&loca, glyf.count) : put16(&loca, glyf.count / 2)
        var hmtx: [UInt8] = []
        for glyph in 0..<5 {
            put16(&hmtx, advances[glyph])
            put16(&hmtx, bearings[glyph])
        }
        put16(&hmtx, bearings[5])
        return SfntWriter.file([
            .init(tag: "head", bytes: head(longLocations: longLocations)), .init(tag: "hhea", bytes: hhea),
            .init(tag: "maxp", bytes: maxp), .init(tag: "OS/2", bytes: os2), .init(tag: "hmtx", bytes: hmtx),
            .init(tag: "cmap", bytes: cmap(format12: format12)), .init(tag: "loca", bytes: loca), .init(tag: "glyf", bytes: glyf),
            .init(tag: "name", bytes: name), .init(tag: "post", bytes: post),
        ])
    }

    static func head(longLocations: Bool) -> [UInt8] {
        var head: [UInt8] = []
        put32(&head, 0x0001_0000, 0x0001_0000, 0, 0x5F0F_3CF5)
        put16(&head, 0x000B, 1000)  // flags, unitsPerEm
        head += [UInt8](repeating: 0, count: 16)  // created, modified
        put16(&head, 0, 0xFFEC, 1000, 900)  // bounding box: 0, -20, 1000, 900
        put16(&head, 0x0001, 8, 2, longLocations ? 1 : 0, 0)  // macStyle bold, lowestRecPPEM, direction, loca, glyph format
        return head
    }

    static let hhea: [UInt8] = {
        var hhea: [UInt8] = []
        put32(&hhea, 0x0001_0000)
        put16(&hhea, 820, 0xFF38, 0, 600)  // ascender 820, descender -200, lineGap, advanceWidthMax
        hhea += [UInt8](repeating: 0, count: 22)
        put16(&hhea, 5)  // numberOfHMetrics
        return hhea
    }()

    static let maxp: [UInt8] = {
        var maxp: [UInt8] = []
        put32(&maxp, 0x0001_0000)
        put16(&maxp, 6, 8, 1, 8, 2, 2, 0, 0, 0, 0, 0, 0, 2, 1)  // numGlyphs, limits
        return maxp
    }()

    /// OS/2 version 4: regular (fsSelection overrides head's bold bit), typo 750/-250, cap height 700.
    static let os2: [UInt8] = {
        var os2 = [UInt8](repeating: 0, count: 96)
        os2[1] = 4
        os2[63] = 0x40  // fsSelection REGULAR
        os2[68] = 0x02
        os2[69] = 0xEE  // sTypoAscender 750
        os2[70] = 0xFF
        os2[71] = 0x06  // sTypoDescender -250
        os2[88] = 0x02
        os2[89] = 0xBC  // sCapHeight 700
        return os2
    }()

    /// post version 3: italic angle -12.5, not fixed pitch.
    static let post: [UInt8] = {
        var post: [UInt8] = []
        put32(&post, 0x0003_0000, UInt32(bitPattern: Int32(-12.5 * 65536)))
        post += [UInt8](repeating: 0, count: 24)
        return post
    }()

    /// Names with a space and a slash in the PostScript name, which must not reach the PDF.
    static let name: [UInt8] = {
        let family = Array("Test Sans".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let postScript = Array("Test Sans/Odd".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        var name: [UInt8] = []
        put16(&name, 0, 2, 6 + 24)
        put16(&name, 3, 1, 0x409, 1, family.count, 0)
        put16(&name, 3, 1, 0x409, 6, postScript.count, family.count)
        return name + family + postScript
    }()

    /// A format 4 (3,1) subtable — one segment through glyphIdArray — and optionally a format 12 (3,10).
    static func cmap(format12: Bool) -> [UInt8] {
        // Segments: ' ' → 4, 'A' → 1, 'a'…'b' → 1, 2 via glyphIdArray, 'Á' → 3, and the final 0xFFFF.
        let segments: [(start: Int, end: Int, delta: Int, viaArray: Bool)] = [
            (0x20, 0x20, 4 - 0x20, false), (0x41, 0x41, 1 - 0x41, false), (0x61, 0x62, 0, true), (0xC1, 0xC1, 3 - 0xC1, false),
            (0xFFFF, 0xFFFF, 1, false),
        ]
        var format4: [UInt8] = []
        let count = segments.count
        put16(&format4, 4, 16 + 8 * count + 4, 0, 2 * count, 8, 2, 2 * count - 8)
        for segment in segments { put16(&format4, segment.end) }
        put16(&format4, 0)
        for segment in segments { put16(&format4, segment.start) }
        for segment in segments { put16(&format4, segment.delta & 0xFFFF) }
        for (index, segment) in segments.enumerated() {
            put16(&format4, segment.viaArray ? 2 * (count - index) : 0)  // from this entry to glyphIdArray[0]
        }
        put16(&format4, 1, 2)  // glyphIdArray
        var groups: [UInt8] = []
        for (start, end, glyph) in [(0x20, 0x20, 4), (0x41, 0x41, 1), (0x61, 0x62, 1), (0xC1, 0xC1, 3), (0x1F600, 0x1F600, 2)] {
            put32(&groups, UInt32(start), UInt32(end), UInt32(glyph))
        }
        var format12Table: [UInt8] = []
        put16(&format12Table, 12, 0)
        put32(&format12Table, UInt32(16 + groups.count), 0, 5)
        format12Table += groups

        var cmap: [UInt8] = []
        put16(&cmap, 0, format12 ? 2 : 1)
        let first = 4 + (format12 ? 16 : 8)
        put16(&cmap, 3, 1)
        put32(&cmap, UInt32(first))
        if format12 {
            put16(&cmap, 3, 10)
            put32(&cmap, UInt32(first + format4.count))
        }
        return cmap + format4 + (format12 ? format12Table : [])
    }

    /// A simple glyph: one contour of on-curve points given as absolute coordinates.
    static func simple(_ points: [(Int, Int)]) -> [UInt8] {
        var glyph: [UInt8] = []
        let xs = points.map(\.0)
        let ys = points.map(\.1)
        put16(&glyph, 1, xs.min()!, ys.min()!, xs.max()!, ys.max()!, points.count - 1, 0)
        glyph += [UInt8](repeating: 0x01, count: points.count)  // on curve, 16-bit deltas
        var previous = 0
        for x in xs {
            put16(&glyph, (x - previous) & 0xFFFF)
            previous = x
        }
        previous = 0
        for y in ys {
            put16(&glyph, (y - previous) & 0xFFFF)
            previous = y
        }
        return glyph
    }

    static let square = simple([(50, 0), (50, 700), (450, 700), (450, 0)])
    static func triangle(_ width: Int) -> [UInt8] { simple([(10, 0), (width / 2, 700), (width - 10, 0)]) }

    /// Glyph 1 at the origin plus glyph 2 moved and scaled by ½ (exercises WE_HAVE_A_SCALE).
    static let accented: [UInt8] = {
        var glyph: [UInt8] = []
        put16(&glyph, 0xFFFF, 10, 0, 590, 900)
        put16(&glyph, 0x0023, 1, 0, 0)  // words, xy values, more components
        put16(&glyph, 0x000B, 2, 150, 750, 0x2000)  // words, xy values, scale 0.5
        return glyph
    }()

    /// Glyph 3 again, shifted by byte-sized arguments: a composite of a composite.
    static let nested: [UInt8] = {
        var glyph: [UInt8] = []
        put16(&glyph, 0xFFFF, 15, 0, 595, 900)
        put16(&glyph, 0x0002, 3)  // byte arguments, xy values, last component
        glyph += [5, 0]
        return glyph
    }()

    static func put16(_ out: inout [UInt8], _ values: Int...) {
        for value in values { out += [UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)] }
    }

    static func put32(_ out: inout [UInt8], _ values: UInt32...) {
        for value in values { out += [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)] }
    }

    static func put32(_ out: inout [UInt8], _ value: Int) { put32(&out, UInt32(value)) }
}
