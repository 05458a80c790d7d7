/// The document class, packages and macros at the top of every `.tex` file.
///
/// Every package is in Debian's `texlive-latex-recommended` or what it installs with
/// `--no-install-recommends` (`texlive-latex-base`, `texlive-base`); checked with `kpsewhich`.
/// Not available there, and so not used: `lmodern` (the EC fonts are used instead, as bitmaps
/// that `mktexpk` makes on the first run), `lastpage` (replaced by `\BulletinLastPage`),
/// `pict2e` and TikZ (lines are drawn with pdfTeX's `\pdfliteral`), Greek and Cyrillic fonts.
enum LaTeXPreamble {
    /// The packages, in the order they must load, with why each is there.
    static let packages: [(name: String, options: String?, reason: String)] = [
        ("cmap", nil, "before fontenc: maps the fonts' glyphs to Unicode, so the PDF's text can be searched and copied"),
        ("fontenc", "T1", "fonts with accented letters as single glyphs (Zoë, Café) and < > | \" as themselves"),
        ("inputenc", "utf8", "reads this file as UTF-8"),
        ("textcomp", nil, "the TS1 symbols: euro, degree, per mille"),
        ("geometry", "a4paper,margin=20mm,bottom=25mm,footskip=12mm,headheight=14pt", "A4 with 2 cm margins, as Bulletin's PDFs"),
        ("parskip", nil, "space between paragraphs instead of indentation"),
        ("array", nil, "column types that wrap and align (>{\\raggedright} p{...})"),
        ("longtable", nil, "tables that break across pages, with the header repeated"),
        ("booktabs", nil, "table rules: \\toprule, \\midrule, \\bottomrule"),
        ("xcolor", nil, "chart colours"),
        ("graphicx", nil, "\\rotatebox for long category labels under line charts"),
        ("fancyhdr", nil, "the running footer"),
        ("hyperref", nil, "links, PDF metadata and bookmarks"),
        ("bookmark", nil, "bookmarks complete on the first run"),
    ]

    /// Writes everything before `\begin{document}`.
    static func write(for document: Document, to writer: inout LaTeXWriter) {
        writer.raw("% Written by Bulletin's LaTeX renderer. Compile with pdflatex, twice for \"Page X of Y\".\n")
        writer.raw("\\documentclass[11pt,a4paper]{article}\n")
        // The same source gives the same PDF: no creation date, a fixed trailer ID.
        writer.raw("\\pdfinfoomitdate=1\n\\pdftrailerid{}\n")
        for package in packages {
            writer.raw("\\usepackage")
            if let options = package.options { writer.raw("[\(options)]") }
            writer.raw("{\(package.name)}\n")
        }
        LaTeXChartStyle.writeColors(to: &writer)
        writer.raw(macros)
        writer.raw(
            """
            \\setcounter{secnumdepth}{0}
            \\setlength{\\emergencystretch}{3em}
            \\hypersetup{pdfencoding=auto,pdfcreator={Bulletin},bookmarksopen=true,bookmarksdepth=2}
            \\hypersetup{colorlinks=true,linkcolor=black,urlcolor=BulletinLink}

            """)
        writer.raw("\\hypersetup{pdftitle={")
        writer.uncountedText(document.cover.title)
        writer.raw("},pdfsubject={")
        writer.uncountedText(document.cover.subject)
        if let author = document.author {
            writer.raw("},pdfauthor={")
            writer.uncountedText(author)
        }
        writer.raw("}}\n\n")
    }

    /// The footer, the page count and the marker for characters the fonts lack.
    private static let macros = """
        % lastpage is not in texlive-latex-recommended: the last page's number is written to the
        % .aux file at the end and read back by the next run ("??" on the first).
        \\newcommand{\\BulletinLastPage}{??}
        \\makeatletter
        \\AtEndDocument{\\clearpage\\immediate\\write\\@auxout{%
          \\string\\gdef\\string\\BulletinLastPage{\\the\\numexpr\\value{page}-1\\relax}}}
        \\makeatother
        \\pagestyle{fancy}
        \\fancyhf{}
        \\renewcommand{\\headrulewidth}{0pt}
        \\fancyfoot[C]{\\small Page \\thepage\\ of \\BulletinLastPage}
        % A character no font here can set: a boxed question mark, and a plain one in bookmarks.
        \\DeclareRobustCommand{\\BulletinMissing}{{\\fboxsep=1pt\\fbox{\\scriptsize ?}}}
        \\pdfstringdefDisableCommands{\\def\\BulletinMissing{?}}

        """
}
