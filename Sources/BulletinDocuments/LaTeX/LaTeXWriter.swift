/// How many characters of a document could not be printed as themselves.
struct LaTeXReplacements: Sendable, Hashable {
    /// Greek and Cyrillic letters written in Latin letters.
    var transliterated = 0
    /// Characters shown as the boxed `?` of `\BulletinMissing`.
    var unsupported = 0
}

/// The `.tex` source being written, and the replacements made so far.
///
/// Renderer code adds trusted LaTeX with ``raw(_:)`` and document strings only through
/// ``text(_:)``, ``run(_:)`` or ``cell(_:)``, which escape them.
struct LaTeXWriter {
    private(set) var tex: String
    var replacements: LaTeXReplacements

    init(capacity: Int, replacements: LaTeXReplacements = LaTeXReplacements()) {
        tex = ""
        tex.reserveCapacity(capacity)
        self.replacements = replacements
    }

    /// Appends LaTeX written by the renderer itself, never text from the document.
    mutating func raw(_ latex: String) {
        tex += latex
    }

    /// Appends a whole string from the document (a title, a label), without its outer spaces.
    mutating func text(_ text: String) {
        LaTeXEscaping.append(text, spacing: .trimmed, to: &tex, replacements: &replacements)
    }

    /// Appends one run of a paragraph, keeping a space at either end so runs stay apart.
    mutating func run(_ text: String) {
        LaTeXEscaping.append(text, spacing: .run, to: &tex, replacements: &replacements)
    }

    /// Appends text that starts a table cell.
    mutating func cell(_ text: String) {
        let start = tex.utf8.count
        self.text(text)
        protectFromLookAhead(from: start)
    }

    /// Puts an empty group at `start` (a UTF-8 offset) if what was written from there begins with
    /// `[` or `*`: `\\` and `\item` look ahead, past spaces, for an optional `[…]` (and `\\` for
    /// a `*`), so a cell or item such as `[1] …` would be read as an argument; `{}` stops them.
    mutating func protectFromLookAhead(from start: Int) {
        let index = tex.utf8.index(tex.utf8.startIndex, offsetBy: start)
        guard let first = tex.utf8[index...].first(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\n") }),
            first == UInt8(ascii: "[") || first == UInt8(ascii: "*")
        else { return }
        tex.insert(contentsOf: "{}", at: index)
    }

    /// Appends a length or coordinate with at most two decimals, in the POSIX way (`12.5`, `-3`).
    mutating func number(_ value: Double) {
        LaTeXNumber.append(value, to: &tex)
    }

    /// Appends a document string for a place where replacements were already counted (the PDF's
    /// metadata repeats the cover's title), so the counts stay those of the printed text.
    mutating func uncountedText(_ text: String) {
        var ignored = LaTeXReplacements()
        LaTeXEscaping.append(text, spacing: .trimmed, to: &tex, replacements: &ignored)
    }
}
