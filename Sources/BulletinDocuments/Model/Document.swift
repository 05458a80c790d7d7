import Foundation

/// A document as every renderer draws it (PDF, DOCX, LaTeX): a cover, then blocks in order.
///
/// The model says what the content is, never how it looks: each renderer decides the fonts,
/// spacing and page layout of its format from the same blocks.
public struct Document: Codable, Sendable, Hashable {
    public var cover: Cover
    public var blocks: [Block]
    /// Who the document's metadata names as its author.
    public var author: String?

    public init(cover: Cover, blocks: [Block], author: String? = nil) {
        self.cover = cover
        self.blocks = blocks
        self.author = author
    }
}

/// The first page: what the document is, about whom, when, and for which workspace.
public struct Cover: Codable, Sendable, Hashable {
    public var title: String
    public var subject: String
    public var date: Date
    public var workspace: String

    public init(title: String, subject: String, date: Date, workspace: String) {
        self.title = title
        self.subject = subject
        self.date = date
        self.workspace = workspace
    }

    /// The date as the cover prints it in Word, such as "March 1, 2025" (UTC).
    public var longDate: String { DocumentDate.long(date) }
}

/// One block of a document's body.
public enum Block: Codable, Sendable, Hashable {
    /// A heading of level 1 to 3; levels 1 and 2 are the outline's entries.
    case heading(level: Int, text: String)
    case paragraph([Inline])
    /// One item per entry, each a run of inline text.
    case bulletList([[Inline]])
    case table(Table)
    case chart(Chart)
    /// A row of headline numbers, such as "Peers compared: 12".
    case keyFigures([KeyFigure])
    /// The next block starts on a new page.
    case pageBreak
}

/// A run of text within a paragraph or a list item.
public enum Inline: Codable, Sendable, Hashable {
    case text(String)
    case emphasis(String)
    case strong(String)
    /// A link to an `http`, `https` or `mailto` address.
    case link(text: String, url: String)

    /// The run's text, whatever its style.
    public var text: String {
        switch self {
        case .text(let text), .emphasis(let text), .strong(let text), .link(let text, _): text
        }
    }
}

/// A table: a header row, then rows of cells, one per column.
public struct Table: Codable, Sendable, Hashable {
    public var columns: [Column]
    /// Each row has one cell per column.
    public var rows: [[String]]
    public var caption: String?

    public init(columns: [Column], rows: [[String]], caption: String? = nil) {
        self.columns = columns
        self.rows = rows
        self.caption = caption
    }

    /// A column's header and how its cells align: numbers to the right, text to the left.
    public struct Column: Codable, Sendable, Hashable {
        public var title: String
        public var alignment: Alignment

        public init(_ title: String, alignment: Alignment = .leading) {
            self.title = title
            self.alignment = alignment
        }
    }

    public enum Alignment: String, Codable, Sendable, Hashable {
        case leading, trailing
    }
}

/// A chart as data: renderers draw it (PDF vector graphics, a native Word chart, LaTeX's picture mode).
public struct Chart: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable {
        /// Horizontal bars, one per category, from the first series.
        case bar
        /// Horizontal bars grouped by category, one bar per series.
        case groupedBar
        /// One line per series across the categories.
        case line
    }

    /// A named list of values, one per category.
    public struct Series: Codable, Sendable, Hashable {
        public var name: String
        public var values: [Double]

        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    public var kind: Kind
    public var title: String
    public var categories: [String]
    public var series: [Series]

    public init(kind: Kind, title: String, categories: [String], series: [Series]) {
        self.kind = kind
        self.title = title
        self.categories = categories
        self.series = series
    }
}

/// A headline number and what it counts.
public struct KeyFigure: Codable, Sendable, Hashable {
    public var label: String
    public var value: String

    public init(label: String, value: String) {
        self.label = label
        self.value = value
    }
}
