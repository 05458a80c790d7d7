import BulletinDocuments
import Testing

/// Advances and text widths; DejaVu Sans values cross-checked with fontTools 4.69 (`font['hmtx'][name][0]`).
@Suite(.enabled(if: TestFonts.hasDejaVu, TestFonts.skipReason))
struct DejaVuWidthTests {
    let font = TestFonts.dejaVuSans

    @Test(arguments: [(0, 1229), (1, 0), (2, 682), (3, 651), (36, 1401), (171, 1260), (830, 1565), (939, 2206)])
    func advancesMatchFontTools(glyph: UInt16, advance: Int) {
        #expect(font.advance(ofGlyph: glyph) == advance)
    }

    @Test func glyphsPastTheLongMetricsRepeatTheLastAdvance() {
        // DejaVu Sans has 6238 long metrics for 6253 glyphs; fontTools gives 1508 for the last glyph.
        #expect(font.advance(ofGlyph: 6252) == 1508)
        #expect(font.advance(ofGlyph: 6238) == font.advance(ofGlyph: 6237))
    }

    @Test func widthSumsAdvancesScaledToPoints() {
        let expected = Double(1401 + 1260 + 651 + 2206) * 12 / 2048  // "Aé Ж"
        #expect(abs(font.width(of: "Aé Ж", size: 12) - expected) < 1e-9)
        #expect(font.width(of: "", size: 12) == 0)
    }

    @Test func missingCharactersMeasureAsNotdef() {
        #expect(font.width(of: "\u{E000}", size: 2048) == 1229)
        #expect(font.width(of: "漢字", size: 2048) == 2 * 1229)
    }

    @Test func fastAndSlowPathsAgree() {
        // Latin comes from the table built at load; U+2014 and U+20AC go through the cmap search.
        for text in ["Hello, World", "Zoë Café", "— €", "naïve façade ΑΒΓ жук"] {
            let byGlyph = text.unicodeScalars.reduce(0) { $0 + font.advance(ofGlyph: font.glyphID(for: $1) ?? 0) }
            #expect(font.advanceUnits(of: text) == byGlyph)
        }
    }
}
