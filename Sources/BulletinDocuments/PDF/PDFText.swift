import Foundation

/// A run of text in one face and size, perhaps a link: what lines are made of.
struct PDFRun {
    let text: String
    let face: PDFFace
    let size: Double
    var color: PDFColor = .text
    var url: String?
}

/// A laid-out line: pieces placed from its left edge.
struct PDFLine {
    struct Piece {
        let x: Double
        let run: PDFRun
        let width: Double
    }

    var pieces: [Piece] = []
    var width: Double = 0
}

/// Breaks runs into lines no wider than a width, at spaces (inside a word too long for a
/// line, at any character), measuring with each face's own advances.
enum PDFLineBreaker {
    static func lines(_ runs: [PDFRun], width: Double) -> [PDFLine] {
        var lines: [PDFLine] = []
        var line = PDFLine()
        // The words waiting to join the line's last piece, kept as one string so a line of
        // one run is one text operator.
        var pending: (run: PDFRun, text: String, x: Double, width: Double)?

        func flushPending() {
            guard let piece = pending else { return }
            line.pieces.append(
                .init(
                    x: piece.x,
                    run: PDFRun(
                        text: piece.text, face: piece.run.face, size: piece.run.size,
                        color: piece.run.color, url: piece.run.url), width: piece.width))
            pending = nil
        }
        func endLine() {
            flushPending()
            lines.append(line)
            line = PDFLine()
        }
        func place(_ word: String, of run: PDFRun, spaced: Bool) {
            let space = spaced ? run.face.width(of: " ", size: run.size) : 0
            let wordWidth = run.face.width(of: word, size: run.size)
            if line.width > 0, line.width + space + wordWidth > width {
                endLine()
                return place(word, of: run, spaced: false)
            }
            if line.width == 0, wordWidth > width {
                return placeBroken(word, of: run)
            }
            let gap = line.width > 0 ? space : 0
            if let current = pending, current.run.face === run.face, current.run.url == run.url,
                current.run.size == run.size, current.run.color == run.color
            {
                pending = (current.run, current.text + (gap > 0 ? " " : "") + word, current.x, current.width + gap + wordWidth)
            } else {
                flushPending()
                pending = (run, word, line.width + gap, wordWidth)
            }
            line.width += gap + wordWidth
        }
        func placeBroken(_ word: String, of run: PDFRun) {
            var part = ""
            for character in word {
                if !part.isEmpty, run.face.width(of: part + String(character), size: run.size) > width {
                    place(part, of: run, spaced: false)
                    endLine()
                    part = ""
                }
                part.append(character)
            }
            if !part.isEmpty { place(part, of: run, spaced: false) }
        }

        // Printable text has its line breaks and tabs made spaces, so a space is the one place
        // to break (never a no-break space); `Character.isWhitespace` would read Unicode's
        // tables for every character, which line breaking cannot afford.
        func isSpace(_ character: Character) -> Bool { character == " " }
        var spaced = false
        for run in runs {
            let startsWithSpace = run.text.first.map(isSpace) ?? false
            let words = run.text.split(whereSeparator: isSpace)
            for (index, word) in words.enumerated() {
                place(String(word), of: run, spaced: index > 0 || spaced || startsWithSpace)
            }
            spaced = run.text.last.map(isSpace) ?? false
        }
        if line.width > 0 || lines.isEmpty { endLine() } else { flushPending() }
        return lines
    }
}
