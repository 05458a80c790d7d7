import Foundation

extension PDFLayout {
    /// The cover page: a band of colour, the title, the subject, the date and the workspace.
    mutating func drawCover(_ cover: Cover) {
        draw(.fill(x: 0, y: paper.height - 18, width: paper.width, height: 18, color: PDFColor.series(0)))
        y = paper.height * 0.62
        let title = PDFLineBreaker.lines(printable([PDFRun(text: cover.title, face: faces.bold, size: 28)]), width: width)
        drawLines(title, x: left, width: width, lineHeight: 34)
        y -= 10
        let subject = PDFLineBreaker.lines(
            printable([PDFRun(text: cover.subject, face: faces.regular, size: 16, color: .muted)]), width: width)
        drawLines(subject, x: left, width: width, lineHeight: 22)
        y -= 24
        for line in [Self.longDate(cover.date), cover.workspace] {
            drawLines(
                PDFLineBreaker.lines(printable([PDFRun(text: line, face: faces.regular, size: 11, color: .muted)]), width: width),
                x: left, width: width, lineHeight: 16)
        }
        newPage()
    }

    /// Heading sizes by level, and the space above each.
    private static let headingSizes: [Double] = [20, 15, 12.5]
    private static let headingSpace: [Double] = [16, 12, 8]

    mutating func drawHeading(level: Int, text: String) {
        let index = min(max(level, 1), 3) - 1
        let size = Self.headingSizes[index]
        let lines = PDFLineBreaker.lines(printable([PDFRun(text: text, face: faces.bold, size: size)]), width: width)
        let height = Double(lines.count) * size * 1.3
        if !isPageEmpty { y -= Self.headingSpace[index] }
        // A heading keeps at least three lines of what follows with it.
        ensure(height + 3 * Self.bodySize * 1.45)
        bookmark(level: index + 1, title: text)
        drawLines(lines, x: left, width: width, lineHeight: size * 1.3)
        y -= 4
    }

    mutating func drawParagraph(_ inlines: [Inline]) {
        let lines = PDFLineBreaker.lines(runs(inlines, size: Self.bodySize), width: width)
        drawLines(lines, x: left, width: width, lineHeight: Self.bodySize * 1.45)
        y -= 6
    }

    mutating func drawBulletList(_ items: [[Inline]]) {
        let indent = 16.0
        for item in items {
            let lines = PDFLineBreaker.lines(runs(item, size: Self.bodySize), width: width - indent)
            let lineHeight = Self.bodySize * 1.45
            ensure(lineHeight)
            let bullet = faces.regular.printable("•")
            draw(
                .text(
                    x: left + 4, y: y - lineHeight + (lineHeight - Self.bodySize) / 2 + Self.bodySize * 0.22,
                    face: faces.regular, size: Self.bodySize, text: bullet, color: .text))
            drawLines(lines, x: left + indent, width: width - indent, lineHeight: lineHeight)
            y -= 2
        }
        y -= 4
    }

    /// Key figures as shaded boxes, up to four a row: the value large, its label below.
    mutating func drawKeyFigures(_ figures: [KeyFigure]) {
        let perRow = min(4, max(figures.count, 1))
        let gap = 10.0
        let boxWidth = (width - gap * Double(perRow - 1)) / Double(perRow)
        for start in stride(from: 0, to: figures.count, by: perRow) {
            let row = figures[start..<min(start + perRow, figures.count)]
            let labels = row.map {
                PDFLineBreaker.lines(printable([PDFRun(text: $0.label, face: faces.regular, size: 9, color: .muted)]), width: boxWidth - 16)
            }
            let height = 40 + Double(labels.map(\.count).max() ?? 1) * 12
            ensure(height + 8)
            let top = y
            for (offset, figure) in row.enumerated() {
                let x = left + Double(offset) * (boxWidth + gap)
                draw(.fill(x: x, y: top - height, width: boxWidth, height: height, color: .shade))
                y = top - 8
                let value = PDFLineBreaker.lines(printable([PDFRun(text: figure.value, face: faces.bold, size: 18)]), width: boxWidth - 16)
                drawLines(Array(value.prefix(1)), x: x + 8, width: boxWidth - 16, lineHeight: 24, breakPages: false)
                drawLines(labels[offset], x: x + 8, width: boxWidth - 16, lineHeight: 12, breakPages: false)
            }
            y = top - height - 10
        }
    }

    /// Inline runs in the body faces: emphasis italic, strong bold, links coloured.
    func runs(_ inlines: [Inline], size: Double) -> [PDFRun] {
        printable(
            inlines.map { inline in
                switch inline {
                case .text(let text): PDFRun(text: text, face: faces.regular, size: size)
                case .emphasis(let text): PDFRun(text: text, face: faces.italic, size: size)
                case .strong(let text): PDFRun(text: text, face: faces.bold, size: size)
                case .link(let text, let url):
                    DocumentLink.isAllowed(url)
                        ? PDFRun(text: text, face: faces.regular, size: size, color: .link, url: url)
                        : PDFRun(text: text, face: faces.regular, size: size)
                }
            })
    }

    static func longDate(_ date: Date) -> String {
        var style = Date.FormatStyle(date: .long, time: .omitted, locale: Locale(identifier: "en_US_POSIX"))
        style.timeZone = TimeZone(identifier: "UTC")!
        return date.formatted(style)
    }
}

/// Which link addresses documents make clickable: web and mail only, never `javascript:` or files.
enum DocumentLink {
    static func isAllowed(_ url: String) -> Bool {
        let lowered = url.lowercased()
        return (lowered.hasPrefix("https://") || lowered.hasPrefix("http://") || lowered.hasPrefix("mailto:"))
            && !url.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" })
    }
}
