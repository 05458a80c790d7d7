/// Why a font file could not be read, loaded or subset.
///
/// Every read of a font is bounds-checked, so a damaged or hostile file ends in one of these
/// instead of a crash.
public enum FontError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The data does not start like a font file: empty, too short, or an unknown signature.
    case notAFont
    /// An OpenType font with PostScript (CFF) outlines; only TrueType `glyf` outlines are read.
    case postScriptOutlines
    /// A font collection (`.ttc`); pass a single font.
    case fontCollection
    /// A compressed web font (WOFF or WOFF2).
    case webFont
    /// A table every TrueType font needs is absent; the associated value is its tag.
    case missingTable(String)
    /// A read ran past the end of the file or of a table; the associated value is the table's tag
    /// (or "table directory").
    case truncated(String)
    /// A table's values contradict each other or the specification.
    case malformed(String, reason: String)
    /// The font has no Unicode character map in format 4 or 12.
    case noUnicodeCharacterMap
    /// A subset was asked for a glyph ID the font does not have.
    case glyphOutOfRange(UInt16)
    /// The font file could not be read from disk; the associated value is its path.
    case unreadableFile(String)

    /// A sentence for logs; tags read from the file are reduced to printable ASCII.
    public var description: String {
        switch self {
        case .notAFont: "not a TrueType font"
        case .postScriptOutlines: "OpenType font with PostScript (CFF) outlines; only TrueType outlines are supported"
        case .fontCollection: "font collection (.ttc); a single font is needed"
        case .webFont: "compressed web font (WOFF/WOFF2)"
        case .missingTable(let tag): "font lacks the required '\(tag)' table"
        case .truncated(let place): "font data ends inside " + (place.count == 4 ? "the '\(place)' table" : place)
        case .malformed(let tag, let reason): "malformed '\(tag)' table: \(reason)"
        case .noUnicodeCharacterMap: "font has no Unicode character map (cmap format 4 or 12)"
        case .glyphOutOfRange(let glyph): "glyph \(glyph) is not in the font"
        case .unreadableFile(let path): "cannot read font file \(path)"
        }
    }
}
