import Foundation
import Testing

@testable import BulletinDocuments

/// Damaged and hostile files must throw ``FontError``, never crash or hang.
struct HostileFontTests {
    static let font = SyntheticFont.bytes()
    static let inspector = SfntInspector(font)

    /// The font with the 32-bit value at `offset` of table `tag` (or of the file, for `nil`) replaced.
    static func patched(_ tag: String?, at offset: Int, _ value: UInt32, width: Int = 4) -> [UInt8] {
        var bytes = font
        let at = (tag.map { inspector.record($0)!.offset } ?? 0) + offset
        for index in 0..<width { bytes[at + index] = UInt8((value >> (8 * UInt32(width - 1 - index))) & 0xFF) }
        return bytes
    }

    static func directoryOffset(of tag: String) -> Int { 12 + 16 * inspector.tags.firstIndex(of: tag)! }

    @Test func emptyAndTinyDataAreNotFonts() {
        #expect(throws: FontError.notAFont) { try TrueTypeFont(data: Data()) }
        #expect(throws: FontError.notAFont) { try TrueTypeFont(bytes: [0, 1, 0, 0, 0, 1]) }
        #expect(throws: FontError.notAFont) { try TrueTypeFont(bytes: Array("%PDF-1.7 not a font".utf8)) }
    }

    @Test(arguments: [("OTTO", FontError.postScriptOutlines), ("ttcf", .fontCollection), ("wOFF", .webFont), ("wOF2", .webFont)])
    func otherContainersAreNamed(signature: String, error: FontError) {
        var bytes = Self.font
        bytes.replaceSubrange(0..<4, with: Array(signature.utf8))
        #expect(throws: error) { try TrueTypeFont(bytes: bytes) }
    }

    @Test func truncatedFilesThrow() {
        let lastTableEnd = Self.inspector.records.map { $0.offset + $0.length }.max()!
        for length in [11, 12, 20, 100, lastTableEnd / 2, lastTableEnd - 1] {
            #expect(throws: FontError.self, "length \(length)") { try TrueTypeFont(bytes: Array(Self.font.prefix(length))) }
        }
    }

    @Test func tableOffsetPastTheEndThrows() {
        let bytes = Self.patched(nil, at: Self.directoryOffset(of: "glyf") + 8, 0xFFFF_0000)
        #expect(throws: FontError.truncated("glyf")) { try TrueTypeFont(bytes: bytes) }
        let long = Self.patched(nil, at: Self.directoryOffset(of: "hmtx") + 12, 0x7FFF_FFFF)
        #expect(throws: FontError.truncated("hmtx")) { try TrueTypeFont(bytes: long) }
    }

    @Test func locationBeyondGlyfThrows() {
        let bytes = Self.patched("loca", at: 4 * 6, 0x0010_0000)  // the end of the last glyph
        #expect(throws: FontError.self) { try TrueTypeFont(bytes: bytes) }
        #expect(throws: FontError.malformed("loca", reason: "offset 6 lies beyond 'glyf'")) { try TrueTypeFont(bytes: bytes) }
        let backwards = Self.patched("loca", at: 4 * 2, 0)
        #expect(throws: FontError.self) { try TrueTypeFont(bytes: backwards) }
    }

    @Test func inconsistentHeadersThrow() {
        #expect(throws: FontError.self) { try TrueTypeFont(bytes: Self.patched("head", at: 12, 0xDEAD_BEEF)) }  // magic
        #expect(throws: FontError.self) { try TrueTypeFont(bytes: Self.patched("head", at: 50, 7, width: 2)) }  // loca format
        #expect(throws: FontError.self) { try TrueTypeFont(bytes: Self.patched("head", at: 18, 0, width: 2)) }  // unitsPerEm
        #expect(throws: FontError.self) { try TrueTypeFont(bytes: Self.patched("maxp", at: 4, 0, width: 2)) }  // no glyphs
        #expect(throws: FontError.self) { try TrueTypeFont(bytes: Self.patched("hhea", at: 34, 0, width: 2)) }  // no metrics
        #expect(throws: FontError.self) { try TrueTypeFont(bytes: Self.patched("hhea", at: 34, 7, width: 2)) }  // > numGlyphs
        #expect(throws: FontError.self) { try TrueTypeFont(bytes: Self.patched("maxp", at: 4, 900, width: 2)) }  // loca too short
    }

    @Test func characterMapProblemsThrow() {
        // Rename the cmap table: required, so its absence is reported by tag.
        let renamed = Self.patched(nil, at: Self.directoryOffset(of: "cmap"), 0x6378_7878)  // "cxxx"
        #expect(throws: FontError.missingTable("cmap")) { try TrueTypeFont(bytes: renamed) }
        // Make both subtables Macintosh-platform: no Unicode map left.
        var noUnicode = Self.patched("cmap", at: 4, 1, width: 2)
        noUnicode[Self.inspector.record("cmap")!.offset + 13] = 1
        #expect(throws: FontError.noUnicodeCharacterMap) { try TrueTypeFont(bytes: noUnicode) }
        // A format 12 group count far beyond the table.
        let format12 = Self.inspector.record("cmap")!.offset + Int(SfntInspector.u32(Self.inspector.table("cmap"), 16))
        var groups = Self.font
        groups[format12 + 12] = 0x10
        #expect(throws: FontError.self) { try TrueTypeFont(bytes: groups) }
    }

    @Test func brokenCompositesThrowOrStopAtSubsetTime() throws {
        let glyph3 = Int(SfntInspector.u32(Self.inspector.table("loca"), 4 * 3))
        // Component glyph index beyond numGlyphs.
        let missing = Self.patched("glyf", at: glyph3 + 12, 0x7FFF, width: 2)
        let font = try TrueTypeFont(bytes: missing)  // glyphs are checked lazily, when used
        #expect(throws: FontError.self) { try font.subset([3]) }
        #expect(throws: Never.self) { try font.subset([1, 4]) }
        // A composite that contains itself ends instead of recursing forever.
        let cycle = try TrueTypeFont(bytes: Self.patched("glyf", at: glyph3 + 12, 3, width: 2))
        #expect(try cycle.subset([3]).oldGlyphIDs == [0, 2, 3])
        // MORE_COMPONENTS set on the last component runs off the glyph's end.
        let runaway = try TrueTypeFont(bytes: Self.patched("glyf", at: glyph3 + 18, 0x002B, width: 2))
        #expect(throws: FontError.self) { try runaway.subset([3]) }
    }

    @Test func randomCorruptionNeverCrashes() {
        var random = SplitMix64(seed: 0xB0_11E7)
        var parsed = 0
        for round in 0..<2000 {
            var bytes = Self.font
            for _ in 0...(round % 8) {
                bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next())
            }
            if round % 5 == 0 { bytes.removeLast(Int(random.next() % 64)) }
            guard let font = try? TrueTypeFont(bytes: bytes) else { continue }
            parsed += 1
            for scalar in ["A", "Á", " ", "b", "\u{1F600}", "\u{FFFF}"] as [Unicode.Scalar] { _ = font.glyphID(for: scalar) }
            _ = font.width(of: "AÁ ab😀", size: 12)
            if let subset = try? font.subset(0..<UInt16(min(font.glyphCount, 64))) {
                _ = try? TrueTypeFont(data: subset.data)
            }
        }
        #expect(parsed > 0)  // some corruptions land in harmless places; those must still work
    }

    @Test(.enabled(if: TestFonts.hasDejaVu, TestFonts.skipReason))
    func truncatedAndCorruptedRealFontNeverCrashes() throws {
        let original = [UInt8](try Data(contentsOf: TestFonts.dejaVuSansPath!))
        for length in [0, 4, 100, 300, 4096, original.count / 2, original.count - 1_000] {
            #expect(throws: FontError.self, "length \(length)") { try TrueTypeFont(bytes: Array(original.prefix(length))) }
        }
        var random = SplitMix64(seed: 42)
        for _ in 0..<200 {
            var bytes = original
            for _ in 0..<4 { bytes[Int(random.next() % 4096)] = UInt8(truncatingIfNeeded: random.next()) }
            if let font = try? TrueTypeFont(bytes: bytes) {
                _ = font.width(of: "Zoë Café Жук €", size: 10)
                _ = try? font.subset([36, 171, 939])
            }
        }
    }
}

/// A small deterministic generator, so a failing corruption can be replayed.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
