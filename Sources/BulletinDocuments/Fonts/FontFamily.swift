import Foundation

/// Four faces of one family, as the PDF writer draws with them.
public struct FontFamily: Sendable {
    /// The upright, normal-weight face; the others fall back to it when a family lacks them.
    public let regular: TrueTypeFont
    public let bold: TrueTypeFont
    public let italic: TrueTypeFont
    public let boldItalic: TrueTypeFont

    /// A family from its faces; pass `regular` again for a style the family lacks.
    public init(regular: TrueTypeFont, bold: TrueTypeFont, italic: TrueTypeFont, boldItalic: TrueTypeFont) {
        self.regular = regular
        self.bold = bold
        self.italic = italic
        self.boldItalic = boldItalic
    }

    /// The face for a combination of weight and slant.
    public func face(bold: Bool, italic: Bool) -> TrueTypeFont {
        switch (bold, italic) {
        case (false, false): regular
        case (true, false): self.bold
        case (false, true): self.italic
        case (true, true): boldItalic
        }
    }
}

/// Where the four faces of a family lie on disk; a style the family lacks points at the regular file.
public struct FontFamilyFiles: Sendable, Hashable {
    /// The family's name as the locator knows it, such as "DejaVu Sans".
    public let name: String
    public let regular: URL
    public let bold: URL
    public let italic: URL
    public let boldItalic: URL
}
