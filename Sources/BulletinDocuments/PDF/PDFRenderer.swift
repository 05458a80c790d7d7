import Foundation

/// What a PDF render produced, and what it had to give up.
public struct PDFOutput: Sendable {
    public let data: Data
    public let pageCount: Int
    /// Characters the fonts could not draw, each replaced by a visible U+FFFD or `?`.
    public let replacedCharacters: Int
    /// Whether no TrueType font was found and the standard Helvetica was used.
    public let usedStandardFont: Bool
}

/// Writes a document as PDF 1.7, natively: a cover, the body with a running footer and page
/// numbers, headings as bookmarks, clickable links, tables whose header repeats on each page,
/// vector charts, and the fonts embedded as subsets with a map back to Unicode.
///
/// Written here because no Swift package writes PDF on Linux; see ``TrueTypeFont`` for the fonts.
public struct PDFRenderer: Sendable {
    public var paper: PDFPaper
    /// The four faces to embed; `nil` draws with the standard Helvetica (no embedding).
    public var fonts: FontFamily?

    /// A renderer on `paper` with the machine's fonts (see ``FontLocator``).
    public init(paper: PDFPaper = .a4, fonts: FontFamily? = FontLocator.shared.family()) {
        self.paper = paper
        self.fonts = fonts
    }

    public func render(_ document: Document) throws -> PDFOutput {
        let faces = makeFaces()
        var layout = PDFLayout(paper: paper, faces: faces)
        layout.drawCover(document.cover)
        for block in document.blocks {
            switch block {
            case .heading(let level, let text): layout.drawHeading(level: level, text: text)
            case .paragraph(let inlines): layout.drawParagraph(inlines)
            case .bulletList(let items): layout.drawBulletList(items)
            case .table(let table): layout.drawTable(table)
            case .chart(let chart): layout.drawChart(chart)
            case .keyFigures(let figures): layout.drawKeyFigures(figures)
            case .pageBreak: if !layout.isPageEmpty { layout.newPage() }
            }
        }
        var pages = layout.pages
        addFooters(to: &pages, title: document.cover.title, faces: faces)
        let data = try write(pages, outline: layout.outline, faces: faces, document: document)
        return PDFOutput(
            data: data, pageCount: pages.count, replacedCharacters: faces.all.reduce(0) { $0 + $1.replacedCharacters },
            usedStandardFont: fonts == nil)
    }

    private func makeFaces() -> PDFFaces {
        guard let fonts else {
            return PDFFaces(
                regular: PDFFace(resourceName: "F1", standard: .helvetica), bold: PDFFace(resourceName: "F2", standard: .helveticaBold),
                italic: PDFFace(resourceName: "F3", standard: .helveticaOblique),
                boldItalic: PDFFace(resourceName: "F4", standard: .helveticaBoldOblique))
        }
        return PDFFaces(
            regular: PDFFace(resourceName: "F1", font: fonts.regular), bold: PDFFace(resourceName: "F2", font: fonts.bold),
            italic: PDFFace(resourceName: "F3", font: fonts.italic), boldItalic: PDFFace(resourceName: "F4", font: fonts.boldItalic))
    }

    /// The title on the left and "Page N of M" on the right of every page after the cover.
    private func addFooters(to pages: inout [PDFPage], title: String, faces: PDFFaces) {
        let size = 8.5
        let y = paper.margin - 6
        let title = faces.regular.printable(title)
        for index in pages.indices.dropFirst() {
            let number = "Page \(index + 1) of \(pages.count)"
            let numberWidth = faces.regular.width(of: number, size: size)
            pages[index].marks.append(
                .line(points: [(paper.margin, y + 12), (paper.width - paper.margin, y + 12)], width: 0.4, color: .rule))
            pages[index].marks.append(.text(x: paper.margin, y: y, face: faces.regular, size: size, text: title, color: .muted))
            pages[index].marks.append(
                .text(x: paper.width - paper.margin - numberWidth, y: y, face: faces.regular, size: size, text: number, color: .muted))
            faces.regular.use(title)
            faces.regular.use(number)
        }
    }

    private func write(_ pages: [PDFPage], outline: [PDFOutlineEntry], faces: PDFFaces, document: Document) throws -> Data {
        var file = PDFFile()
        let catalog = file.reserve()
        let pageTree = file.reserve()
        var fontEntries = ""
        for face in faces.all {
            let reference = try face.write(into: &file)
            fontEntries += "/\(face.resourceName) \(reference) "
        }
        let resources = file.add("<< /Font << \(fontEntries)>> /ProcSet [/PDF /Text] >>")
        var pageReferences: [PDFReference] = []
        for page in pages {
            let content = try file.addCompressedStream("", page.content())
            let annotations = page.links.map { link in
                file.add(
                    """
                    << /Type /Annot /Subtype /Link /Rect [\(PDFNumber(link.x)) \(PDFNumber(link.y)) \
                    \(PDFNumber(link.x + link.width)) \(PDFNumber(link.y + link.height))] /Border [0 0 0] \
                    /A << /S /URI /URI \(PDFString.literal(link.url)) >> >>
                    """)
            }
            let annots = annotations.isEmpty ? "" : " /Annots [\(annotations.map(\.description).joined(separator: " "))]"
            pageReferences.append(
                file.add(
                    """
                    << /Type /Page /Parent \(pageTree) /MediaBox [0 0 \(PDFNumber(paper.width)) \(PDFNumber(paper.height))] \
                    /Resources \(resources) /Contents \(content)\(annots) >>
                    """))
        }
        file.set(pageTree, "<< /Type /Pages /Kids [\(pageReferences.map(\.description).joined(separator: " "))] /Count \(pages.count) >>")
        let outlines = PDFOutline.write(outline, pages: pageReferences, into: &file)
        let outlineEntry = outlines.map { " /Outlines \($0) /PageMode /UseOutlines" } ?? ""
        file.set(catalog, "<< /Type /Catalog /Pages \(pageTree)\(outlineEntry) /Lang (en) >>")
        let date = PDFString.date(document.cover.date)
        let info = file.add(
            """
            << /Title \(PDFString.text(document.cover.title)) /Author \(PDFString.text(document.author ?? document.cover.workspace)) \
            /Subject \(PDFString.text(document.cover.subject)) /Creator (Bulletin) /Producer (Bulletin) \
            /CreationDate \(date) /ModDate \(date) >>
            """)
        return file.serialised(root: catalog, info: info)
    }
}
