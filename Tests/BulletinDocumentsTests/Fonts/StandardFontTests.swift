import BulletinDocuments
import Testing

/// The standard-14 Helvetica fallback and WinAnsi encoding.
struct StandardFontTests {
    @Test func helveticaWidthsAreAdobes() {
        // Spot checks against Helvetica.afm / Helvetica-Bold.afm (C 65 ; WX 667 ; N A ; …).
        let regular = StandardFont.helvetica.widths
        #expect(regular[0x41] == 667 && regular[0x20] == 278 && regular[0x57] == 944 && regular[0x69] == 222)
        #expect(regular[0x80] == 556 && regular[0x97] == 1000 && regular[0xE9] == 556)  // Euro, emdash, eacute
        let bold = StandardFont.helveticaBold.widths
        #expect(bold[0x41] == 722 && bold[0x69] == 278 && bold[0x57] == 944)
        #expect(StandardFont.helveticaOblique.widths == regular && StandardFont.helveticaBoldOblique.widths == bold)
        #expect(regular.count == 256 && (0x20...0xFF).allSatisfy { regular[$0] > 0 && bold[$0] > 0 })
    }

    @Test func namesAndStyles() {
        #expect(StandardFont.helvetica(bold: true, italic: true).postScriptName == "Helvetica-BoldOblique")
        #expect(StandardFont.helvetica(bold: false, italic: true).italicAngle == -12)
        #expect(StandardFont.helvetica(bold: true, italic: false) == .helveticaBold)
    }

    @Test func widthMeasuresUnencodableCharactersAsQuestionMarks() {
        #expect(abs(StandardFont.helvetica.width(of: "Hello", size: 10) - 22.78) < 1e-9)
        #expect(StandardFont.helvetica.width(of: "Ж", size: 1000) == 556)
        #expect(StandardFont.helveticaBold.width(of: "€ é", size: 1000) == 556 + 278 + 556)
    }

    @Test func encodesWinAnsiAndCountsReplacements() {
        let (bytes, replaced) = WinAnsiEncoding.encode("Café €5 — “ok” Жук\t")
        #expect(
            bytes == [0x43, 0x61, 0x66, 0xE9, 0x20, 0x80, 0x35, 0x20, 0x97, 0x20, 0x93, 0x6F, 0x6B, 0x94, 0x20, 0x3F, 0x3F, 0x3F, 0x3F])
        #expect(replaced == 4)  // Ж, у, к and the tab
        #expect(StandardFont.helvetica.winAnsiBytes("ÿŸ") == [0xFF, 0x9F])
    }

    @Test func encodableCharacters() {
        let font = StandardFont.helvetica
        #expect(font.canEncode(" ") && font.canEncode("~") && font.canEncode("\u{A0}") && font.canEncode("•"))
        #expect(!font.canEncode("\n") && !font.canEncode("\u{7F}") && !font.canEncode("\u{81}") && !font.canEncode("Ω"))
        // Every cp1252 upper code round-trips: 27 characters at 0x80…0x9F.
        let upper = (0x80...0x9F).compactMap { code in
            (0x20...0x2122).first { WinAnsiEncoding.code(for: Unicode.Scalar($0)!) == UInt8(code) }
        }
        #expect(upper.count == 27)
    }
}
