/// The character-by-character part of ``LaTeXEscaping``, for strings that are not plain.
///
/// Besides escaping, it decides what happens to each character the fonts of
/// `texlive-latex-recommended` cannot set (see ``LaTeXCharacters``):
/// - Greek and Cyrillic letters are collected into runs and transliterated to Latin letters
///   (``LaTeXTransliteration``), which reads better than a row of boxes;
/// - every other visible character becomes `\BulletinMissing{}`, a boxed `?`, once per
///   character as a reader sees it (accents, joiners and skin tones attached to it are part of it);
/// - invisible formatting characters (zero-width joiners, direction marks) are left out.
struct LaTeXEscaper {
    private let spacing: LaTeXEscaping.Spacing
    /// Whether a visible character was written, so whitespace before it is not leading.
    private var started: Bool
    private var pendingSpace = false
    /// The last ASCII character written (0 after any other), to break up T1's ligatures.
    private var previous: UInt8 = 0
    /// Whether the last visible character was a marker, which following accents and joiners belong to.
    private var afterMarker = false
    /// Whether the character after a zero-width joiner belongs to the marker too (👩‍💻).
    private var joinsNext = false
    /// Whether the marker stands for one regional indicator, half of a flag.
    private var markerIsHalfFlag = false
    private var letters: [Unicode.Scalar] = []
    /// Where the source's current line began, in UTF-8 bytes of the output.
    private var lineStart: Int

    init(spacing: LaTeXEscaping.Spacing, lineStart: Int) {
        self.spacing = spacing
        self.started = spacing == .run
        self.lineStart = lineStart
    }

    /// Escapes one scalar of the source string.
    mutating func take(_ scalar: Unicode.Scalar, into output: inout String, replacements: inout LaTeXReplacements) {
        if LaTeXTransliteration.covers(scalar) {
            if letters.isEmpty { beginVisible(&output) }
            letters.append(scalar)
            return
        }
        if !letters.isEmpty { flushLetters(into: &output, replacements: &replacements) }
        if LaTeXCharacters.isCollapsibleSpace(scalar) {
            if started { pendingSpace = true }
            afterMarker = false
            return
        }
        if afterMarker
            && (joinsNext || LaTeXCharacters.attachesToPrevious(scalar)
                || (markerIsHalfFlag && LaTeXCharacters.isRegionalIndicator(scalar)))
        {
            joinsNext = scalar.value == 0x200D
            markerIsHalfFlag = false
            return
        }
        if !scalar.isASCII && !LaTeXCharacters.isSupported(scalar) && LaTeXCharacters.isInvisible(scalar) { return }
        beginVisible(&output)
        write(scalar, into: &output, replacements: &replacements)
    }

    /// Writes what is still held back at the end of the string.
    mutating func finish(into output: inout String, replacements: inout LaTeXReplacements) {
        if !letters.isEmpty { flushLetters(into: &output, replacements: &replacements) }
        if pendingSpace && spacing == .run { output += " " }
    }

    /// Writes a pending space, or breaks an overlong line, before the next visible character.
    private mutating func beginVisible(_ output: inout String) {
        let lineFull = output.utf8.count - lineStart > LaTeXEscaping.lineLimit
        if pendingSpace {
            // A newline is a space to TeX, so a long text breaks at its spaces...
            output += lineFull ? "\n" : " "
            previous = UInt8(ascii: " ")
            pendingSpace = false
        } else if lineFull {
            // ...and a long word at a comment, which ends the line without adding a space.
            output += "%\n"
        }
        if lineFull { lineStart = output.utf8.count }
        started = true
    }

    private mutating func write(_ scalar: Unicode.Scalar, into output: inout String, replacements: inout LaTeXReplacements) {
        afterMarker = false
        if scalar.isASCII {
            writeASCII(UInt8(scalar.value), into: &output, replacements: &replacements)
        } else if scalar.value == 0xA0 || scalar.value == 0x202F {
            // No-break spaces as TeX's tie: visible in the source, and unbreakable.
            output += "~"
            previous = 0
        } else if LaTeXCharacters.isSupported(scalar) {
            output.unicodeScalars.append(scalar)
            previous = 0
        } else {
            writeMarker(for: scalar, into: &output, replacements: &replacements)
        }
    }

    private mutating func writeASCII(_ byte: UInt8, into output: inout String, replacements: inout LaTeXReplacements) {
        if let replacement = LaTeXEscaping.replacement(for: byte) {
            output += replacement
        } else if byte < 0x20 || byte == 0x7F {
            // Control characters other than whitespace have no glyph; TeX would reject some.
            writeMarker(for: Unicode.Scalar(byte), into: &output, replacements: &replacements)
            return
        } else {
            if byte == previous && (byte == UInt8(ascii: "-") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "'")) {
                // `--`, `,,` and `''` are ligatures (a dash and quotes) in T1: keep the two characters.
                output += "{}"
            }
            output.unicodeScalars.append(Unicode.Scalar(byte))
        }
        previous = byte
    }

    private mutating func writeMarker(for scalar: Unicode.Scalar, into output: inout String, replacements: inout LaTeXReplacements) {
        output += "\\BulletinMissing{}"
        replacements.unsupported += 1
        previous = 0
        afterMarker = true
        joinsNext = false
        markerIsHalfFlag = LaTeXCharacters.isRegionalIndicator(scalar)
    }

    /// Writes the held-back run of Greek or Cyrillic letters in Latin letters.
    private mutating func flushLetters(into output: inout String, replacements: inout LaTeXReplacements) {
        var index = 0
        while index < letters.count {
            if let (latin, length) = LaTeXTransliteration.latin(for: letters, at: index) {
                for scalar in latin.unicodeScalars {
                    write(scalar, into: &output, replacements: &replacements)
                }
                replacements.transliterated += length
                index += length
            } else {
                writeMarker(for: letters[index], into: &output, replacements: &replacements)
                index += 1
            }
        }
        letters.removeAll(keepingCapacity: true)
    }
}
