import BulletinDocuments
import Foundation
import Testing

/// Subsets of DejaVu Sans: structure, renumbering, composites and checksums.
@Suite(.enabled(if: TestFonts.hasDejaVu, TestFonts.skipReason))
struct DejaVuSubsetTests {
    let font = TestFonts.dejaVuSans
    static let text = "Zoë Café Ünïcode αβγ Жук 0123456789"

    var glyphs: Set<UInt16> { Set(Self.text.unicodeScalars.map { font.glyphID(for: $0)! }) }

    @Test func keepsNotdefTheGlyphsAndEveryComponent() throws {
        #expect(glyphs.count == 30)
        let subset = try font.subset(glyphs)
        // fontTools counts 37: .notdef, the 30 characters' glyphs, and 6 more components
        // (U, Dieresis, dieresis, acute, dotlessi, y — e is both a character and a component).
        #expect(subset.glyphCount == 37)
        #expect(subset.newGlyphID[0] == 0)
        #expect(glyphs.allSatisfy { subset.newGlyphID[$0] != nil })
        #expect(subset.oldGlyphIDs == subset.oldGlyphIDs.sorted())
        #expect(subset.oldGlyphIDs.enumerated().allSatisfy { subset.newGlyphID[$0.element] == UInt16($0.offset) })
    }

    @Test func subsetParsesAgainWithAdvancesPreserved() throws {
        let subset = try font.subset(glyphs)
        let reparsed = try TrueTypeFont(data: subset.data)
        #expect(reparsed.glyphCount == subset.glyphCount)
        #expect(reparsed.unitsPerEm == font.unitsPerEm)
        #expect(reparsed.postScriptName == font.postScriptName)
        #expect(reparsed.ascent == font.ascent && reparsed.descent == font.descent)
        for (old, new) in subset.newGlyphID {
            #expect(reparsed.advance(ofGlyph: new) == font.advance(ofGlyph: old), "glyph \(old) → \(new)")
        }
    }

    @Test func compositeComponentsPointAtTheirNewIDs() throws {
        let subset = try font.subset(glyphs)
        let original = SfntInspector(try Data(contentsOf: TestFonts.dejaVuSansPath!))
        let renumbered = SfntInspector(subset.data)
        // DejaVu builds these accented letters from components; the subset must carry them along.
        for scalar in ["é", "ë", "ï", "Ü", "у"] as [Unicode.Scalar] {
            #expect(!original.components(ofGlyph: Int(font.glyphID(for: scalar)!)).isEmpty, "\(scalar) is not a composite")
        }
        for (new, old) in subset.oldGlyphIDs.enumerated() {
            let components = renumbered.components(ofGlyph: new).map { subset.oldGlyphIDs[Int($0)] }
            #expect(components == original.components(ofGlyph: Int(old)), "glyph \(old) → \(new)")
        }
    }

    @Test func tablesAreCompleteSortedAlignedAndChecksummed() throws {
        let inspector = SfntInspector(try font.subset(glyphs).data)
        for tag in ["OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post", "prep"] {
            #expect(inspector.record(tag) != nil, "missing \(tag)")
        }
        #expect(inspector.tagsAreSorted)
        #expect(inspector.searchFieldsAreValid)
        #expect(inspector.records.allSatisfy { $0.offset % 4 == 0 })
        #expect(inspector.tablesWithBadChecksums.isEmpty)
        #expect(inspector.wholeFileChecksumIsValid)
        #expect(inspector.u16("maxp", 4) == 37)
        #expect(inspector.u16("hhea", 34) == 37)
        #expect(inspector.table("hmtx").count == 4 * 37)
        #expect(Array(inspector.table("post").prefix(4)) == [0, 3, 0, 0])
        // Short loca when glyf fits in 128 KiB: 38 entries of 2 bytes.
        #expect(inspector.u16("head", 50) == 0)
        #expect(inspector.table("loca").count == 2 * 38)
    }

    @Test func subsetOfNothingHoldsNotdefOnly() throws {
        let subset = try font.subset([UInt16]())
        #expect(subset.glyphCount == 1)
        #expect(try TrueTypeFont(data: subset.data).advance(ofGlyph: 0) == 1229)
    }

    @Test func largeSubsetSwitchesToLongLocations() throws {
        let subset = try font.subset(Array(0..<UInt16(font.glyphCount)))
        let inspector = SfntInspector(subset.data)
        #expect(subset.glyphCount == font.glyphCount)
        #expect(inspector.u16("head", 50) == 1)
        #expect(inspector.wholeFileChecksumIsValid)
        #expect(try TrueTypeFont(data: subset.data).glyphCount == font.glyphCount)
    }
}
