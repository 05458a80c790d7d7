import Foundation

/// A TrueType font cut down to the glyphs a document uses, ready to embed as `FontFile2`.
public struct FontSubset: Sendable {
    /// A complete TrueType file holding `.notdef`, the requested glyphs and every component of
    /// their composites, renumbered densely `0..<glyphCount` in increasing old-ID order.
    public let data: Data
    /// Old glyph ID → new, for every glyph kept.
    public let newGlyphID: [UInt16: UInt16]
    /// The old glyph ID of each new glyph, in new-ID order (`oldGlyphIDs[new] == old`).
    public let oldGlyphIDs: [UInt16]
    /// How many glyphs the subset holds.
    public var glyphCount: Int { oldGlyphIDs.count }
}
