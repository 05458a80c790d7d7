import BulletinDocuments
import Foundation
import Testing

/// Names, metrics and character maps of the installed DejaVu and Liberation fonts. The expected
/// values were read with fontTools 4.69 (`TTFont(path)['OS/2'].sTypoAscender` and so on) from
/// Debian's fonts-dejavu-core 2.37 and fonts-liberation 1.07.4.
@Suite(.enabled(if: TestFonts.hasDejaVu, TestFonts.skipReason))
struct DejaVuParsingTests {
    let font = TestFonts.dejaVuSans

    @Test func namesAndGlobalMetrics() {
        #expect(font.postScriptName == "DejaVuSans")
        #expect(font.familyName == "DejaVu Sans")
        #expect(font.unitsPerEm == 2048)
        #expect(font.glyphCount == 6253)
        // OS/2 typographic metrics win over hhea's 1901/-483.
        #expect(font.ascent == 1556)
        #expect(font.descent == -492)
        // OS/2 version 1 has no sCapHeight: 0.7 em.
        #expect(font.capHeight == 1434)
        #expect(font.italicAngle == 0)
        #expect(font.boundingBox == FontBoundingBox(minX: -2090, minY: -948, maxX: 3673, maxY: 2524))
        #expect(!font.isBold && !font.isItalic && !font.isFixedPitch)
    }

    @Test(arguments: [("A", 36), ("é", 171), ("Ω", 830), ("Ж", 939), (" ", 3), ("?", 34), ("\u{A0}", 98)] as [(Unicode.Scalar, UInt16)])
    func characterMapFindsKnownCharacters(scalar: Unicode.Scalar, glyph: UInt16) {
        #expect(font.glyphID(for: scalar) == glyph)
    }

    @Test func charactersTheFontLacksHaveNoGlyph() {
        #expect(font.glyphID(for: "\u{E000}") == nil)  // private use
        #expect(font.glyphID(for: "\u{10FFFD}") == nil)  // plane 16 private use, via format 12
        #expect(font.glyphID(for: "漢") == nil)
    }

    @Test func charactersBeyondTheBasicPlaneComeFromFormat12() {
        // DejaVu maps some Mathematical Alphanumeric Symbols (U+1D400…); only (3,10) format 12 reaches them.
        #expect(font.glyphID(for: "\u{1D538}") != nil)
    }

    @Test func styledFacesReportTheirStyle() throws {
        let boldOblique = try #require(TestFonts.font("DejaVuSans-BoldOblique.ttf"))
        #expect(boldOblique.postScriptName == "DejaVuSans-BoldOblique")
        #expect(boldOblique.isBold && boldOblique.isItalic)
        #expect(boldOblique.italicAngle == -11)
        let mono = try #require(TestFonts.font("DejaVuSansMono.ttf"))
        #expect(mono.isFixedPitch)
        #expect(mono.familyName == "DejaVu Sans Mono")
    }
}

@Suite(.enabled(if: TestFonts.hasLiberation, TestFonts.liberationSkipReason))
struct LiberationParsingTests {
    @Test func shortLocationsAndCapHeightFromOS2Version3() throws {
        let font = try #require(TestFonts.font("LiberationSans-Regular.ttf"))
        #expect(font.postScriptName == "LiberationSans")
        #expect(font.familyName == "Liberation Sans")
        #expect(font.capHeight == 1409)
        #expect(font.ascent == 1491 && font.descent == -431)
        #expect(font.glyphID(for: "Ж") == 434)
        #expect(font.advance(ofGlyph: 36) == 1366)
        let subset = try font.subset([36, 169])
        #expect(try TrueTypeFont(data: subset.data).advance(ofGlyph: subset.newGlyphID[36]!) == 1366)
    }
}
