/// Writes a document as LaTeX for `pdflatex`: a cover page, headings that are PDF bookmarks,
/// paragraphs with emphasis and links, lists, tables that break across pages with their header
/// repeated, key figures, charts drawn in LaTeX's picture mode, and "Page X of Y" in the footer.
///
/// The source needs only Debian's `texlive-latex-recommended` (no TikZ, no `texlive-latex-extra`,
/// no language packs); see ``LaTeXPreamble`` for the packages and why each is there. Every string
/// from the document is escaped so that it prints literally and can never run as TeX.
///
/// ```swift
/// let output = LaTeXRenderer.render(document)
/// try output.tex.write(toFile: "report.tex", atomically: true, encoding: .utf8)
/// // pdflatex -no-shell-escape report.tex (twice)
/// ```
public enum LaTeXRenderer {
    /// Renders `document` into one `.tex` source; the same document always gives the same text.
    ///
    /// - Parameter document: the document to write.
    /// - Returns: the source, with how many characters were transliterated or marked as missing.
    public static func render(_ document: Document) -> LaTeXOutput {
        // Roughly 3 kB of source per page; one allocation up front keeps rendering to one pass.
        var writer = LaTeXWriter(capacity: 8_192 + document.blocks.count * 512)
        LaTeXPreamble.write(for: document, to: &writer)
        writer.raw("\\begin{document}\n")
        writer.writeCover(document)

        // The cover's note reports the replacements of the whole document, so the body is
        // written first, into a writer of its own that carries the counts on.
        var body = LaTeXWriter(capacity: document.blocks.count * 512, replacements: writer.replacements)
        for block in document.blocks {
            body.writeBlock(block)
        }
        writer.replacements = body.replacements
        writer.writeCoverNote()
        writer.raw("\\clearpage\n\n")
        writer.raw(body.tex)
        writer.raw("\\end{document}\n")
        return LaTeXOutput(
            tex: writer.tex,
            transliteratedCharacters: writer.replacements.transliterated,
            unsupportedCharacters: writer.replacements.unsupported
        )
    }
}
