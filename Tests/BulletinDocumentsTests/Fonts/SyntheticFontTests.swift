import BulletinDocuments
import Foundation
import Testing

/// Parsing and subsetting a font built in code, so these run on any machine.
struct SyntheticFontTests {
    @Test(arguments: [(true, true), (false, true), (true, false), (false, false)])
    func parsesEveryTableVariant(longLocations: Bool, format12: Bool) throws {
        let font = try TrueTypeFont(bytes: SyntheticFont.bytes(longLocations: longLocations, format12: format12))
        #expect(font.glyphCount == 6)
        #expect(font.unitsPerEm == 1000)
        for (scalar, glyph) in SyntheticFont.mapping where scalar.value <= 0xFFFF || format12 {
            #expect(font.glyphID(for: scalar) == glyph, "\(scalar)")
        }
        #expect(font.glyphID(for: "B") == nil)
        #expect(font.glyphID(for: "\u{1F601}") == nil)
        if !format12 { #expect(font.glyphID(for: "\u{1F600}") == nil) }
    }

    @Test func metricsNamesAndStyle() throws {
        let font = try TrueTypeFont(bytes: SyntheticFont.bytes())
        #expect(font.familyName == "Test Sans")
        #expect(font.postScriptName == "TestSansOdd")  // space and slash removed for PDF
        #expect(font.ascent == 750 && font.descent == -250)  // OS/2 typo metrics, not hhea's 820/-200
        #expect(font.capHeight == 700)
        #expect(font.italicAngle == -12.5)
        #expect(font.boundingBox == FontBoundingBox(minX: 0, minY: -20, maxX: 1000, maxY: 900))
        #expect(!font.isBold)  // OS/2 fsSelection says regular although head.macStyle says bold
        #expect(!font.isItalic && !font.isFixedPitch)
        #expect((0..<6).map { font.advance(ofGlyph: UInt16($0)) } == SyntheticFont.advances)
        #expect(font.advance(ofGlyph: 6) == 0)
        #expect(font.width(of: "AÁ b", size: 10) == Double(600 + 600 + 250 + 300) / 100)
        #expect(font.width(of: "Z", size: 1000) == 500)  // missing: .notdef
    }

    @Test func nestedCompositesPullInEveryLevel() throws {
        let font = try TrueTypeFont(bytes: SyntheticFont.bytes())
        let subset = try font.subset([5])
        #expect(subset.oldGlyphIDs == [0, 1, 2, 3, 5])
        #expect(subset.newGlyphID == [0: 0, 1: 1, 2: 2, 3: 3, 5: 4])
        let inspector = SfntInspector(subset.data)
        #expect(inspector.components(ofGlyph: 4) == [3])
        #expect(inspector.components(ofGlyph: 3) == [1, 2])
    }

    @Test func renumbersComponentsWhenGlyphsBeforeThemAreDropped() throws {
        let font = try TrueTypeFont(bytes: SyntheticFont.bytes())
        let subset = try font.subset([3, 4])  // Á and space: keeps 0, 1, 2, 3, 4
        #expect(subset.glyphCount == 5)
        let onlyAcute = try font.subset([2, 5])
        #expect(onlyAcute.oldGlyphIDs == [0, 1, 2, 3, 5])
        let reparsed = try TrueTypeFont(data: onlyAcute.data)
        #expect(reparsed.advance(ofGlyph: onlyAcute.newGlyphID[5]!) == 250)
    }

    @Test func subsetKeepsBearingsAndIsValid() throws {
        let font = try TrueTypeFont(bytes: SyntheticFont.bytes(longLocations: false))
        let subset = try font.subset([1, 4, 5, 1, 1])  // duplicates are harmless
        #expect(subset.oldGlyphIDs == [0, 1, 2, 3, 4, 5])
        let inspector = SfntInspector(subset.data)
        let hmtx = inspector.table("hmtx")
        #expect((0..<6).map { Int(Int16(bitPattern: SfntInspector.u16(hmtx, 4 * $0 + 2))) } == SyntheticFont.bearings)
        #expect(inspector.tablesWithBadChecksums.isEmpty)
        #expect(inspector.wholeFileChecksumIsValid)
        #expect(inspector.searchFieldsAreValid && inspector.tagsAreSorted)
        #expect(inspector.record("cvt ") == nil)  // absent in the source, so absent here
        let reparsed = try TrueTypeFont(data: subset.data)
        #expect(reparsed.italicAngle == -12.5)
        #expect(reparsed.glyphID(for: "A") == nil)  // the subset's cmap is empty by design
    }

    @Test func subsetRejectsGlyphsTheFontLacks() throws {
        let font = try TrueTypeFont(bytes: SyntheticFont.bytes())
        #expect(throws: FontError.glyphOutOfRange(6)) { try font.subset([1, 6]) }
    }

    @Test func writerChecksumMatchesTheSpecExample() {
        // "abcde" is summed as 0x61626364 + 0x65000000.
        #expect(SfntInspector.sum(Array("abcde".utf8)) == 0x6162_6364 &+ 0x6500_0000)
    }
}
