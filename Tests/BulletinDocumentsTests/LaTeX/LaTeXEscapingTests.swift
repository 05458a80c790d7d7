import Foundation
import Testing

@testable import BulletinDocuments

/// Every string from a document prints literally: TeX's special characters, whitespace, T1's
/// ligatures, and hostile strings that would run TeX code if they were not escaped.
@Suite("LaTeX escaping")
struct LaTeXEscapingTests {
    static let cases: [(input: String, latex: String)] = [
        ("\\", "\\textbackslash{}"),
        ("{", "\\{"),
        ("}", "\\}"),
        ("$", "\\$"),
        ("&", "\\&"),
        ("#", "\\#"),
        ("^", "\\textasciicircum{}"),
        ("_", "\\_"),
        ("%", "\\%"),
        ("~", "\\textasciitilde{}"),
        ("<", "\\textless{}"),
        (">", "\\textgreater{}"),
        ("|", "\\textbar{}"),
        ("\"", "\\textquotedbl{}"),
        ("`", "\\textasciigrave{}"),
        ("^^5c", "\\textasciicircum{}\\textasciicircum{}5c"),
        ("\\input{/etc/passwd}", "\\textbackslash{}input\\{/etc/passwd\\}"),
        ("\\write18{rm -rf /}", "\\textbackslash{}write18\\{rm -rf /\\}"),
        ("\\catcode`\\^=7", "\\textbackslash{}catcode\\textasciigrave{}\\textbackslash{}\\textasciicircum{}=7"),
        ("$x^2$ & 100% #1 a_b ~", "\\$x\\textasciicircum{}2\\$ \\& 100\\% \\#1 a\\_b \\textasciitilde{}"),
        ("<<quoted>>", "\\textless{}\\textless{}quoted\\textgreater{}\\textgreater{}"),
        ("  padded  ", "padded"),
        ("line\nbreak\r\nand\ttab", "line break and tab"),
        ("a  \n\n  b", "a b"),
        ("   ", ""),
        ("", ""),
        ("a--b", "a-{}-b"),
        ("---", "-{}-{}-"),
        (",,low''", ",{},low'{}'"),
        ("Plain text, (with) [brackets]: fine!", "Plain text, (with) [brackets]: fine!"),
        ("Zoë Café Ünïcode", "Zoë Café Ünïcode"),
        ("Łódź Ørsted Æther ß €", "Łódź Ørsted Æther ß €"),
        ("Cafe\u{301}", "Café"),
        ("a\u{A0}b", "a~b"),
        ("zero\u{200B}width", "zerowidth"),
    ]

    @Test("special characters, whitespace and ligatures", arguments: cases)
    func escapes(_ input: String, _ latex: String) {
        #expect(LaTeXEscaping.escaped(input) == latex)
    }

    static let runCases: [(input: String, latex: String)] = [
        (" see ", " see "),
        ("\n between \t", " between "),
        ("word", "word"),
        ("  ", " "),
    ]

    @Test("a paragraph's runs keep one space at their ends", arguments: runCases)
    func runs(_ input: String, _ latex: String) {
        #expect(LaTeXEscaping.escaped(input, spacing: .run) == latex)
    }

    static let hostile = [
        LaTeXFixtures.hostile,
        "\\input{/etc/passwd}\\write18{rm -rf /}^^5c^^M\\catcode`\\{=12 \\makeatletter\\@@end",
        "}}}}{{{{ \\end{document} \\begin{verbatim} %comment\n$$\\halt$$ #1##2 &&& ~~~ ___ ^^^",
        "\\\\\\\\ \\\\[1em] \\newline \\par \\relax \\csname foo\\endcsname",
    ]

    @Test("hostile strings leave no command, group, math, comment or ^^ behind", arguments: hostile)
    func hostileStrings(_ input: String) {
        Self.expectInert(LaTeXEscaping.escaped(input), from: input)
    }

    @Test("random strings of special characters are always inert")
    func randomStrings() {
        let alphabet = Array("\\{}$&#^_%~<>|\"`' -,a1é中Ω\n\t") + ["\u{301}", "\u{200D}", "👍"]
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<500 {
            let input = String((0..<Int.random(in: 1...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            Self.expectInert(LaTeXEscaping.escaped(input), from: input)
        }
    }

    /// The commands and groups escaping may write; anything else TeX would act on is a failure.
    static let allowedTokens = [
        "\\textbackslash{}", "\\textasciicircum{}", "\\textasciitilde{}", "\\textless{}", "\\textgreater{}", "\\textbar{}",
        "\\textquotedbl{}", "\\textasciigrave{}", "\\BulletinMissing{}", "\\{", "\\}", "\\$", "\\&", "\\#", "\\%", "\\_", "{}",
    ]

    static func expectInert(_ latex: String, from input: String) {
        var rest = latex
        for token in allowedTokens {
            rest = rest.replacingOccurrences(of: token, with: " ")
        }
        let active = rest.filter { "\\{}$&#^_%~".contains($0) }
        #expect(active.isEmpty, "\(input.debugDescription) left \(active.debugDescription) in \(latex.debugDescription)")
        #expect(!latex.contains("^^"))
        #expect(!latex.contains("\n\n"), "a blank line would end the paragraph or break a command's argument")
    }
}

/// A small deterministic random number generator (SplitMix64), so failures can be reproduced.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
