import Foundation

extension LaTeXWriter {
    /// Writes the cover page: title, subject, date and workspace, with a bookmark of its own.
    mutating func writeCover(_ document: Document) {
        let cover = document.cover
        raw("\\thispagestyle{empty}\n\\pdfbookmark[1]{")
        text(cover.title)
        raw("}{bulletin-cover}\n\\vspace*{0.22\\textheight}\n\\begin{flushleft}\n{\\Huge\\bfseries ")
        text(cover.title)
        raw("\\par}\n\\vspace{2em}\n{\\Large ")
        text(cover.subject)
        raw("\\par}\n\\vspace{1.5em}\n{\\large ")
        raw(LaTeXDate.format(cover.date))
        raw("\\par}\n\\vspace{0.5em}\n{\\large ")
        text(cover.workspace)
        raw("\\par}\n")
        if let author = document.author {
            raw("\\vspace{0.5em}\n{\\large ")
            text(author)
            raw("\\par}\n")
        }
        raw("\\end{flushleft}\n\\vfill\n")
    }

    /// Writes, at the foot of the cover, what was transliterated or marked in the whole document.
    ///
    /// Called after the body is written, when the counts are complete; says nothing if nothing was replaced.
    mutating func writeCoverNote() {
        let counts = replacements
        guard counts.transliterated > 0 || counts.unsupported > 0 else { return }
        raw("{\\footnotesize\\itshape Note: this document is typeset with fonts for Latin scripts.")
        if counts.transliterated > 0 {
            raw(" \(counts.transliterated) Greek or Cyrillic \(counts.transliterated == 1 ? "letter is" : "letters are")")
            raw(" transliterated to Latin letters.")
        }
        if counts.unsupported > 0 {
            raw(" \(counts.unsupported) other \(counts.unsupported == 1 ? "character" : "characters") that the fonts")
            raw(" cannot show \(counts.unsupported == 1 ? "is" : "are") marked \\BulletinMissing{}.")
        }
        raw("\\par}\n")
    }
}

/// Dates as the cover prints them, the same wherever the document is rendered.
enum LaTeXDate {
    private static let months = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        return calendar
    }()

    /// The day in UTC, in English: `5 March 2025`.
    static func format(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return "\(parts.day ?? 1) \(months[(parts.month ?? 1) - 1]) \(parts.year ?? 1970)"
    }
}
