import Testing

@testable import BulletinDocuments

/// Characters the allowed fonts lack: Greek and Cyrillic are transliterated, everything else is
/// a visible marker, and both are counted.
@Suite("LaTeX Unicode")
struct LaTeXUnicodeTests {
    static let cases: [(input: String, latex: String, transliterated: Int, unsupported: Int)] = [
        ("Αθηνά Λόγος", "Athina Logos", 10, 0),
        ("Жёлтый Дом", "Zhyoltyy Dom", 9, 0),
        ("ЖЁЛТЫЙ ДОМ", "ZHYOLTYY DOM", 9, 0),
        ("Θεσσαλονίκη", "Thessaloniki", 11, 0),
        ("Ευρώπη", "Evropi", 6, 0),
        ("Άγγελος", "Angelos", 7, 0),
        ("Μουσείο", "Mouseio", 7, 0),
        ("Щука и Объём", "Shchuka i Ob\\textquotedbl{}yom", 10, 0),
        ("Beograd Ђорђе", "Beograd Đorđe", 5, 0),
        ("Zoë Café", "Zoë Café", 0, 0),
        ("中文", "\\BulletinMissing{}\\BulletinMissing{}", 0, 2),
        ("ok 👍🏽!", "ok \\BulletinMissing{}!", 0, 1),
        ("👩‍💻", "\\BulletinMissing{}", 0, 1),
        ("🇩🇪🇫🇷", "\\BulletinMissing{}\\BulletinMissing{}", 0, 2),
        ("q\u{303}", "q\\BulletinMissing{}", 0, 1),
        ("Ħamrun", "\\BulletinMissing{}amrun", 0, 1),
        ("bell\u{7}", "bell\\BulletinMissing{}", 0, 1),
        ("Ω\u{2126} 5\u{212B}", "OO 5Å", 2, 0),
    ]

    @Test("transliteration, markers and their counts", arguments: cases)
    func replacements(_ input: String, _ latex: String, _ transliterated: Int, _ unsupported: Int) {
        var counts = LaTeXReplacements()
        #expect(LaTeXEscaping.escaped(input, replacements: &counts) == latex)
        #expect(counts == LaTeXReplacements(transliterated: transliterated, unsupported: unsupported))
    }

    @Test("every supported character is outside the transliterated blocks, and the ranges are sorted")
    func supportedTable() {
        let ranges = LaTeXCharacters.supportedRanges
        #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound < $1.lowerBound })
        for range in ranges {
            for value in range {
                #expect(!LaTeXTransliteration.covers(Unicode.Scalar(value)!))
            }
        }
    }

    @Test("the renderer reports the fixture's replacements, and the cover says so")
    func fixtureCounts() {
        let output = LaTeXRenderer.render(LaTeXFixtures.report)
        // Each of the two names appears ten times (paragraph, table ×5, three charts, list).
        #expect(output.transliteratedCharacters == 10 * 10 + 10 * 9)
        #expect(output.unsupportedCharacters == 4)
        #expect(output.replacedCharacters == 194)
        #expect(output.tex.contains("190 Greek or Cyrillic letters are transliterated"))
        #expect(output.tex.contains("4 other characters that the fonts cannot show are marked"))
    }
}
