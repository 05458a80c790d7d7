import Foundation

/// Turns any string into LaTeX that prints it literally.
///
/// TeX's special characters `\ { } $ & # ^ _ % ~` become commands or escaped symbols, and so do
/// `< > | " ` (which the T1 fonts would otherwise set as other glyphs), so nothing from a document
/// can start a command, a group, math, a comment or TeX's `^^5c` notation: `\input{/etc/passwd}`
/// prints as those seventeen characters. Whitespace (newlines included) collapses to one space;
/// characters the fonts lack are transliterated or marked, see ``LaTeXEscaper``.
enum LaTeXEscaping {
    /// What happens to whitespace at the ends of a string.
    enum Spacing: Sendable {
        /// A whole string, such as a title or a cell: outer whitespace is dropped.
        case trimmed
        /// One run of a paragraph: whitespace at either end is kept as one space, so that
        /// "see " + *emphasis* stays two words.
        case run
    }

    /// How long a line of the source may grow before a line break goes in: TeX reads each line
    /// into a buffer of 200 000 bytes, and a long text without newlines must not overflow it.
    static let lineLimit = 4_000

    /// The LaTeX for `text`; replacements are counted into `replacements`.
    static func escaped(_ text: String, spacing: Spacing = .trimmed, replacements: inout LaTeXReplacements) -> String {
        var output = ""
        append(text, spacing: spacing, to: &output, replacements: &replacements)
        return output
    }

    /// The LaTeX for `text`, for callers that do not need the counts.
    static func escaped(_ text: String, spacing: Spacing = .trimmed) -> String {
        var ignored = LaTeXReplacements()
        return escaped(text, spacing: spacing, replacements: &ignored)
    }

    /// Appends the LaTeX for `text` to `output`.
    static func append(_ text: String, spacing: Spacing, to output: inout String, replacements: inout LaTeXReplacements) {
        // Most strings (names, numbers, plain sentences) need no change: copy them whole.
        if text.utf8.count < lineLimit, isPlain(text, spacing: spacing) {
            output += text
            return
        }
        // A letter and a combining accent (e + U+0301) must become the one character é that
        // the fonts have; composing is slow, so only strings with such accents are composed.
        let source = text.unicodeScalars.contains(where: isCombiningAccent) ? text.precomposedStringWithCanonicalMapping : text
        var escaper = LaTeXEscaper(spacing: spacing, lineStart: output.utf8.count)
        for scalar in source.unicodeScalars {
            escaper.take(scalar, into: &output, replacements: &replacements)
        }
        escaper.finish(into: &output, replacements: &replacements)
    }

    /// Whether `scalar` is in one of the blocks of combining accents, which NFC may merge into
    /// the letter before (Latin, Greek and Cyrillic letters compose only with these), or one of
    /// the few that NFC replaces by a letter the fonts or the transliteration know (Ω Å K ; ·).
    private static func isCombiningAccent(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0300...0x036F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F: true
        case 0x0374, 0x037E, 0x0387, 0x2126, 0x212A, 0x212B: true
        default: false
        }
    }

    /// The LaTeX for one ASCII character that TeX or the T1 fonts would not print as itself.
    static func replacement(for byte: UInt8) -> String? {
        switch byte {
        case UInt8(ascii: "\\"): "\\textbackslash{}"
        case UInt8(ascii: "{"): "\\{"
        case UInt8(ascii: "}"): "\\}"
        case UInt8(ascii: "$"): "\\$"
        case UInt8(ascii: "&"): "\\&"
        case UInt8(ascii: "#"): "\\#"
        case UInt8(ascii: "%"): "\\%"
        case UInt8(ascii: "_"): "\\_"
        // A command, never `\^{}`: a bare ^ next to another could form TeX's ^^ notation.
        case UInt8(ascii: "^"): "\\textasciicircum{}"
        case UInt8(ascii: "~"): "\\textasciitilde{}"
        // In T1, `<<` and `>>` are guillemet ligatures, `|` and `"` other glyphs in some fonts.
        case UInt8(ascii: "<"): "\\textless{}"
        case UInt8(ascii: ">"): "\\textgreater{}"
        case UInt8(ascii: "|"): "\\textbar{}"
        case UInt8(ascii: "\""): "\\textquotedbl{}"
        // A backtick is an opening quote, and ``!` `` and ``?` `` are ligatures for ¡ and ¿.
        case UInt8(ascii: "`"): "\\textasciigrave{}"
        default: nil
        }
    }

    /// Whether `text` prints as itself: only letters, digits and harmless punctuation, single
    /// spaces (none at the ends of a trimmed string), and no pair that T1 sets as a ligature.
    private static func isPlain(_ text: String, spacing: Spacing) -> Bool {
        let space = UInt8(ascii: " ")
        var previous: UInt8 = spacing == .trimmed ? space : 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                break
            case space:
                if previous == space { return false }
            case UInt8(ascii: "-"), UInt8(ascii: ","), UInt8(ascii: "'"):
                // `--` is a dash, `,,` and `''` are quotes in T1.
                if previous == byte { return false }
            case UInt8(ascii: "."), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "!"), UInt8(ascii: "?"),
                UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "/"),
                UInt8(ascii: "+"), UInt8(ascii: "="), UInt8(ascii: "*"), UInt8(ascii: "@"):
                break
            default:
                return false
            }
            previous = byte
        }
        return spacing == .run || previous != space
    }
}
