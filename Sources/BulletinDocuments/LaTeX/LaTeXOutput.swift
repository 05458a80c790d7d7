/// A standalone `.tex` file as ``LaTeXRenderer`` writes it, and what it could not print as given.
///
/// The file uses only packages of Debian's `texlive-latex-recommended`, whose fonts cover Latin
/// scripts. Greek and Cyrillic letters are therefore written as Latin letters, and any other
/// character those fonts lack is shown as a boxed `?`; the counts say how often, and the cover of
/// the document says so too, so nothing is dropped silently.
public struct LaTeXOutput: Sendable, Hashable {
    /// The LaTeX source. Compile it with `pdflatex` twice: the second run fills in "Page X of Y".
    public let tex: String
    /// Greek and Cyrillic letters written in Latin letters (`Αθηνά` → `Athina`).
    public let transliteratedCharacters: Int
    /// Characters no font of the allowed packages has, each shown as a boxed `?`.
    public let unsupportedCharacters: Int

    /// Every character that does not appear as itself: transliterated plus unsupported.
    public var replacedCharacters: Int { transliteratedCharacters + unsupportedCharacters }

    public init(tex: String, transliteratedCharacters: Int, unsupportedCharacters: Int) {
        self.tex = tex
        self.transliteratedCharacters = transliteratedCharacters
        self.unsupportedCharacters = unsupportedCharacters
    }
}
