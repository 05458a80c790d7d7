/// The glyph outlines (`glyf`) and their locations (`loca`): where each glyph's bytes lie and
/// which other glyphs a composite glyph is built from.
struct GlyphTable: Sendable {
    /// Where glyph `i` lies in `glyf`: `offsets[i]..<offsets[i + 1]`; validated ascending and inside `glyf`.
    let offsets: [UInt32]
    let glyf: FontTableReader

    /// A component reference inside a composite glyph.
    struct Component {
        /// Where the 16-bit glyph index sits, relative to the glyph's first byte.
        let indexOffset: Int
        let glyph: UInt16
    }

    init(loca: FontTableReader, glyf: FontTableReader, glyphCount: Int, long: Bool) throws(FontError) {
        let entries = glyphCount + 1
        try loca.require(0, count: entries * (long ? 4 : 2))
        var offsets = [UInt32](repeating: 0, count: entries)
        var previous: UInt32 = 0
        for index in 0..<entries {
            // Short offsets are stored halved so that 16 bits reach 128 KiB.
            let offset = long ? try loca.uint32(4 * index) : UInt32(loca.uncheckedUInt16(2 * index)) * 2
            guard offset >= previous else { throw .malformed("loca", reason: "offsets go backwards at glyph \(index)") }
            guard offset <= glyf.length else { throw .malformed("loca", reason: "offset \(index) lies beyond 'glyf'") }
            offsets[index] = offset
            previous = offset
        }
        self.offsets = offsets
        self.glyf = glyf
    }

    /// The byte range of `glyph` inside `glyf` (empty for glyphs without outline, such as space).
    func range(of glyph: Int) -> Range<Int> {
        Int(offsets[glyph])..<Int(offsets[glyph + 1])
    }

    /// The components of `glyph` if it is a composite, else an empty list.
    func components(of glyph: Int) throws(FontError) -> [Component] {
        let range = range(of: glyph)
        guard !range.isEmpty else { return [] }
        let data = FontTableReader(bytes: glyf.bytes, start: glyf.start + range.lowerBound, length: range.count, tag: "glyf")
        guard try data.int16(0) < 0 else { return [] }
        var components: [Component] = []
        var at = 10  // after numberOfContours and the bounding box
        var flags: UInt16
        repeat {
            flags = try data.uint16(at)
            let component = try data.uint16(at + 2)
            guard Int(component) < offsets.count - 1 else {
                throw .malformed("glyf", reason: "glyph \(glyph) uses missing glyph \(component)")
            }
            components.append(Component(indexOffset: at + 2, glyph: component))
            at += 4 + (flags & 0x0001 != 0 ? 4 : 2)  // ARG_1_AND_2_ARE_WORDS
            if flags & 0x0008 != 0 {  // WE_HAVE_A_SCALE
                at += 2
            } else if flags & 0x0040 != 0 {  // WE_HAVE_AN_X_AND_Y_SCALE
                at += 4
            } else if flags & 0x0080 != 0 {  // WE_HAVE_A_TWO_BY_TWO
                at += 8
            }
        } while flags & 0x0020 != 0  // MORE_COMPONENTS
        try data.require(0, count: at)  // the last component's arguments must fit too
        return components
    }
}
