import Foundation

/// The faces a layout draws with.
struct PDFFaces {
    let regular: PDFFace
    let bold: PDFFace
    let italic: PDFFace
    let boldItalic: PDFFace

    var all: [PDFFace] { [regular, bold, italic, boldItalic] }
}

/// A heading as the document outline (bookmarks) lists it.
struct PDFOutlineEntry {
    let level: Int
    let title: String
    let page: Int
    let y: Double
}

/// Lays blocks out on pages from the top down; a block that does not fit where the cursor
/// is starts a new page (tables continue on the next one with their header row again).
struct PDFLayout {
    let paper: PDFPaper
    let faces: PDFFaces
    private(set) var pages: [PDFPage] = [PDFPage()]
    private(set) var outline: [PDFOutlineEntry] = []
    /// Where the next block's top goes.
    var y: Double

    static let bodySize = 10.5
    static let footerSpace = 18.0

    init(paper: PDFPaper, faces: PDFFaces) {
        self.paper = paper
        self.faces = faces
        y = paper.height - paper.margin
    }

    var left: Double { paper.margin }
    var width: Double { paper.width - 2 * paper.margin }
    var bottom: Double { paper.margin + Self.footerSpace }
    var top: Double { paper.height - paper.margin }
    var isPageEmpty: Bool { y >= top }

    mutating func newPage() {
        pages.append(PDFPage())
        y = top
    }

    /// Starts a new page unless `height` more points fit on this one.
    mutating func ensure(_ height: Double) {
        if y - height < bottom, !isPageEmpty { newPage() }
    }

    mutating func draw(_ mark: PDFPage.Mark) {
        if case .text(_, _, let face, _, let text, _) = mark { face.use(text) }
        pages[pages.count - 1].marks.append(mark)
    }

    mutating func link(_ link: PDFPage.Link) {
        pages[pages.count - 1].links.append(link)
    }

    mutating func bookmark(level: Int, title: String) {
        outline.append(PDFOutlineEntry(level: level, title: title, page: pages.count - 1, y: y))
    }

    /// Runs made printable in their faces (each face replaces what it cannot draw).
    func printable(_ runs: [PDFRun]) -> [PDFRun] {
        runs.map { PDFRun(text: $0.face.printable($0.text), face: $0.face, size: $0.size, color: $0.color, url: $0.url) }
    }

    /// Draws wrapped lines at `x` within `width`, moving the cursor down; a line that does
    /// not fit starts a new page. `align` trailing right-aligns each line.
    mutating func drawLines(
        _ lines: [PDFLine], x: Double, width: Double, lineHeight: Double, alignTrailing: Bool = false, breakPages: Bool = true
    ) {
        for line in lines {
            if breakPages { ensure(lineHeight) }
            let size = line.pieces.map(\.run.size).max() ?? Self.bodySize
            let baseline = y - lineHeight + (lineHeight - size) / 2 + size * 0.22
            let start = alignTrailing ? x + width - line.width : x
            for piece in line.pieces {
                draw(
                    .text(
                        x: start + piece.x, y: baseline, face: piece.run.face, size: piece.run.size, text: piece.run.text,
                        color: piece.run.color))
                if let url = piece.run.url {
                    link(.init(x: start + piece.x, y: baseline - size * 0.25, width: piece.width, height: size * 1.2, url: url))
                    draw(
                        .line(
                            points: [(start + piece.x, baseline - 1.2), (start + piece.x + piece.width, baseline - 1.2)],
                            width: 0.5, color: piece.run.color))
                }
            }
            y -= lineHeight
        }
    }
}
