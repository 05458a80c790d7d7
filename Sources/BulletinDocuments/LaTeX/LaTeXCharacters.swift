/// Which characters `pdflatex` can set with the preamble's `fontenc` T1 and `inputenc` utf8,
/// and how the others are classified.
enum LaTeXCharacters {
    /// The non-ASCII scalars that inputenc maps to a glyph of the T1 or TS1 (textcomp) fonts.
    ///
    /// Found by typesetting, with exactly this preamble and TeX Live 2022 from Debian's
    /// `texlive-latex-recommended`, every character that `utf8enc.dfu`, `t1enc.dfu`,
    /// `ts1enc.dfu`, `ot1enc.dfu` and `omsenc.dfu` declare, both in text and in a PDF string
    /// (`\pdfstringdef`), and keeping those that gave neither an error nor a missing glyph:
    /// Latin-1, most of Latin Extended-A and some of B, Romanian, some dotted letters, quotes,
    /// dashes, daggers, currency and other textcomp symbols, and the ff/fi/fl ligatures. Sorted.
    /// `scripts/lib/latex-supported-characters.py` prints this table again, say after a TeX Live upgrade.
    static let supportedRanges: [ClosedRange<UInt32>] = [
        0x00A0...0x0125, 0x0128...0x0137, 0x0139...0x013E, 0x0141...0x0148, 0x014A...0x0165, 0x0168...0x017E,
        0x0192...0x0192, 0x01C4...0x01D4, 0x01E2...0x01E3, 0x01E6...0x01EB, 0x01F0...0x01F0, 0x01F4...0x01F5,
        0x0218...0x021B, 0x0232...0x0233, 0x0237...0x0237, 0x02C6...0x02C7, 0x02D8...0x02D9, 0x02DB...0x02DD,
        0x0E3F...0x0E3F, 0x1E02...0x1E03, 0x1E0D...0x1E0D, 0x1E1E...0x1E21, 0x1E25...0x1E25, 0x1E30...0x1E31,
        0x1E37...0x1E37, 0x1E43...0x1E43, 0x1E45...0x1E45, 0x1E47...0x1E47, 0x1E5B...0x1E5B, 0x1E63...0x1E63,
        0x1E6D...0x1E6D, 0x1E8E...0x1E91, 0x1E9E...0x1E9E, 0x1EF2...0x1EF3, 0x200C...0x200C, 0x2010...0x2016,
        0x2018...0x201A, 0x201C...0x201E, 0x2020...0x2022, 0x2026...0x2026, 0x2030...0x2031, 0x2039...0x203B,
        0x203D...0x203D, 0x2044...0x2044, 0x204E...0x204E, 0x2052...0x2052, 0x20A1...0x20A1, 0x20A4...0x20A4,
        0x20A6...0x20A6, 0x20A9...0x20A9, 0x20AB...0x20AC, 0x20B1...0x20B1, 0x2103...0x2103, 0x2116...0x2117,
        0x211E...0x211E, 0x2120...0x2120, 0x2122...0x2122, 0x2126...0x2127, 0x212E...0x212E, 0x2190...0x2193,
        0x2329...0x232A, 0x2422...0x2423, 0x25E6...0x25E6, 0x25EF...0x25EF, 0x266A...0x266A, 0x27E8...0x27E9,
        0x3008...0x3009, 0xFB00...0xFB06, 0xFEFF...0xFEFF,
    ]

    /// Whether `scalar` (not ASCII) can be written as itself.
    static func isSupported(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        // Latin-1 and Latin Extended-A, nearly all of the text the fonts can set, decide quickly.
        if value >= 0xA0 && value <= 0x125 { return true }
        var low = 0
        var high = supportedRanges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = supportedRanges[middle]
            if value < range.lowerBound {
                high = middle - 1
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }

    /// Whitespace that becomes one space: tabs, newlines, and Unicode's wide and narrow spaces.
    static func isCollapsibleSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Characters with nothing to show: joiners, direction marks, variation selectors, tags.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x034F, 0xFE00...0xFE0F, 0xE0100...0xE01EF: true
        default: scalar.properties.generalCategory == .format
        }
    }

    /// Characters that belong to the one before them as a reader sees it: accents, skin tones,
    /// joiners and variation selectors; after a marker they add no marker of their own.
    static func attachesToPrevious(_ scalar: Unicode.Scalar) -> Bool {
        if (0x1F3FB...0x1F3FF).contains(scalar.value) || isInvisible(scalar) { return true }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// One of the 26 letters that make a flag in pairs.
    static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
        (0x1F1E6...0x1F1FF).contains(scalar.value)
    }
}
