import Foundation

/// Greek and Cyrillic letters in Latin letters, for fonts that have neither script.
///
/// pdflatex sets Greek and Cyrillic only with the fonts of `texlive-lang-greek` and
/// `texlive-lang-cyrillic`, which Bulletin's LaTeX output may not require. A transliterated name
/// (`Αθηνά Λόγος` → `Athina Logos`, `Жёлтый Дом` → `Zhyoltyy Dom`) still reads as the name,
/// where a row of boxes would not; the document's cover says that letters were transliterated.
///
/// Greek follows ELOT 743 in simplified form (ου → ou, αυ/ευ/ηυ → av/ev/iv, γγ/γξ/γχ → ng/nx/nch,
/// accents dropped); Cyrillic follows BGN/PCGN for Russian (ё → yo, ж → zh, х → kh, щ → shch,
/// ы → y, й → y), with the letters of Ukrainian, Belarusian, Serbian and Macedonian added.
enum LaTeXTransliteration {
    /// Whether `scalar` is in the Greek, Greek Extended or Cyrillic blocks, which this type handles.
    static func covers(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0370...0x03FF, 0x0400...0x052F, 0x1F00...0x1FFF: true
        default: false
        }
    }

    /// The Latin for the letter at `index` of a run of covered scalars, and how many scalars it
    /// stands for (two for a Greek digraph); `nil` for a character with no Latin equivalent.
    static func latin(for run: [Unicode.Scalar], at index: Int) -> (String, Int)? {
        guard let letter = letters[run[index].value] else { return nil }
        let next = index + 1 < run.count ? letters[run[index + 1].value] : nil
        var length = 1
        var latin = letter.latin
        if let next, next.base == 0x03C5, !next.hasDiaeresis {
            // Digraphs with upsilon: ου is one vowel, αυ ευ ηυ end in a consonant.
            switch letter.base {
            case 0x03BF: (latin, length) = ("ou", 2)
            case 0x03B1: (latin, length) = ("av", 2)
            case 0x03B5: (latin, length) = ("ev", 2)
            case 0x03B7: (latin, length) = ("iv", 2)
            default: break
            }
        } else if letter.base == 0x03B3, let next, [0x03B3, 0x03BE, 0x03C7].contains(next.base) {
            latin = "n"  // γ before γ, ξ, χ is nasal
        }
        guard letter.isUppercase else { return (latin, length) }
        // A capital starts a word (Ж → Zh) unless the word is in capitals (ЖЁЛТЫЙ → ZHYOLTYY).
        let nextIsCapital = index + length < run.count && letters[run[index + length].value]?.isUppercase == true
        let previousIsCapital = index > 0 && letters[run[index - 1].value]?.isUppercase == true
        if nextIsCapital || (index + length >= run.count && previousIsCapital) || latin.count == 1 {
            return (latin.uppercased(), length)
        }
        return (latin.prefix(1).uppercased() + latin.dropFirst(), length)
    }

    /// A letter of the covered blocks: its Latin, and what the digraph and capital rules need.
    private struct Letter {
        let latin: String
        /// The lowercase letter without accents or breathings: ά → α, Ἀ → α (ё stays ё).
        let base: UInt32
        let isUppercase: Bool
        let hasDiaeresis: Bool
    }

    /// Every letter of the covered blocks that has a Latin equivalent, worked out once: Unicode's
    /// case and decomposition data are too slow to consult for each letter of a document.
    private static let letters: [UInt32: Letter] = {
        var letters: [UInt32: Letter] = [:]
        for value in Array(0x0370...0x03FF) + Array(0x0400...0x052F) + Array(0x1F00...0x1FFF) {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            let lower = scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar
            let decomposed = String(lower).decomposedStringWithCanonicalMapping.unicodeScalars
            let base = greek[lower.value] != nil || cyrillic[lower.value] != nil ? lower.value : decomposed.first?.value ?? lower.value
            guard let latin = greek[base] ?? cyrillic[base] else { continue }
            letters[UInt32(value)] = Letter(
                latin: latin, base: base, isUppercase: scalar.properties.isUppercase,
                hasDiaeresis: decomposed.contains { $0.value == 0x0308 }
            )
        }
        return letters
    }()

    /// Lowercase Greek letters without accents.
    private static let greek: [UInt32: String] = [
        0x03B1: "a", 0x03B2: "v", 0x03B3: "g", 0x03B4: "d", 0x03B5: "e", 0x03B6: "z", 0x03B7: "i",
        0x03B8: "th", 0x03B9: "i", 0x03BA: "k", 0x03BB: "l", 0x03BC: "m", 0x03BD: "n", 0x03BE: "x",
        0x03BF: "o", 0x03C0: "p", 0x03C1: "r", 0x03C2: "s", 0x03C3: "s", 0x03C4: "t", 0x03C5: "y",
        0x03C6: "f", 0x03C7: "ch", 0x03C8: "ps", 0x03C9: "o",
    ]

    /// Lowercase Cyrillic letters; the hard and soft signs become the quote marks BGN/PCGN uses.
    private static let cyrillic: [UInt32: String] = [
        0x0430: "a", 0x0431: "b", 0x0432: "v", 0x0433: "g", 0x0434: "d", 0x0435: "e", 0x0451: "yo",
        0x0436: "zh", 0x0437: "z", 0x0438: "i", 0x0439: "y", 0x043A: "k", 0x043B: "l", 0x043C: "m",
        0x043D: "n", 0x043E: "o", 0x043F: "p", 0x0440: "r", 0x0441: "s", 0x0442: "t", 0x0443: "u",
        0x0444: "f", 0x0445: "kh", 0x0446: "ts", 0x0447: "ch", 0x0448: "sh", 0x0449: "shch",
        0x044A: "\"", 0x044B: "y", 0x044C: "'", 0x044D: "e", 0x044E: "yu", 0x044F: "ya",
        // Ukrainian, Belarusian, Serbian, Macedonian.
        0x0450: "e", 0x0452: "đ", 0x0453: "gj", 0x0454: "ye", 0x0455: "dz", 0x0456: "i", 0x0457: "yi",
        0x0458: "j", 0x0459: "lj", 0x045A: "nj", 0x045B: "ć", 0x045C: "kj", 0x045D: "i", 0x045E: "u",
        0x045F: "dž", 0x0491: "g",
    ]
}
