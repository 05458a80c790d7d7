import Foundation

/// A parsed TrueType (`glyf`-outline) font: its names, metrics, character map and glyphs.
///
/// Immutable and safe to share across tasks. Parsing validates the tables that later reads
/// rely on, so lookups never fail; parse each file once (``FontCache`` does) and reuse it.
///
/// ```swift
/// let font = try TrueTypeFont(data: Data(contentsOf: url))
/// let width = font.width(of: "Hello", size: 12)        // points
/// let subset = try font.subset([font.glyphID(for: "H")!])  // for embedding
/// ```
public final class TrueTypeFont: Sendable {
    /// The PostScript name (name ID 6), reduced to characters a PDF name may hold.
    public let postScriptName: String
    /// The family name (name ID 16, else 1), such as "DejaVu Sans".
    public let familyName: String
    /// Font units per em; every metric below is in these units.
    public let unitsPerEm: Int
    /// Height above the baseline: OS/2 typographic ascender when present, else `hhea`.
    public let ascent: Int
    /// Depth below the baseline, negative: OS/2 typographic descender when present, else `hhea`.
    public let descent: Int
    /// Height of capital letters: OS/2 `sCapHeight` when present, else 0.7 em.
    public let capHeight: Int
    /// Degrees counter-clockwise from vertical, from `post` (negative for forward slant).
    public let italicAngle: Double
    /// The union of all glyph boxes, from `head`.
    public let boundingBox: FontBoundingBox
    /// Bold by OS/2 `fsSelection` (else `head.macStyle`).
    public let isBold: Bool
    /// Italic or oblique by OS/2 `fsSelection` (else `head.macStyle`).
    public let isItalic: Bool
    /// Every glyph has the same advance, by `post.isFixedPitch`.
    public let isFixedPitch: Bool
    /// How many glyphs the font has (`maxp.numGlyphs`).
    public let glyphCount: Int

    let tables: FontTableDirectory
    let characterMap: CharacterMap
    let metrics: HorizontalMetrics
    let glyphs: GlyphTable
    /// Glyph and advance for every scalar below ``quickLookupLimit``, so measuring common text
    /// skips the `cmap` search entirely.
    let quickGlyphs: [UInt16]
    let quickAdvances: [UInt16]

    /// Scalars below this (Latin, Greek, Cyrillic) are resolved at load time.
    static let quickLookupLimit = 0x0530

    /// Parses a TrueType font file.
    ///
    /// - Throws: ``FontError`` for anything but a well-formed single TrueType font, including
    ///   CFF-flavoured OpenType, collections, web fonts and truncated or inconsistent files.
    public convenience init(data: Data) throws(FontError) {
        try self.init(bytes: [UInt8](data))
    }

    /// Parses a TrueType font from its bytes.
    public init(bytes: [UInt8]) throws(FontError) {
        let tables = try FontTableDirectory(bytes: bytes)
        if tables["glyf"] == nil, tables["CFF "] != nil || tables["CFF2"] != nil { throw .postScriptOutlines }
        let fontMetrics = try FontMetrics(tables)
        let names = try FontNames(tables)
        let characterMap = try CharacterMap(try tables.required("cmap"), glyphCount: fontMetrics.glyphCount)
        let metrics = try HorizontalMetrics(
            try tables.required("hmtx"), glyphCount: fontMetrics.glyphCount, metricCount: fontMetrics.horizontalMetricCount)
        glyphs = try GlyphTable(
            loca: try tables.required("loca"), glyf: try tables.required("glyf"), glyphCount: fontMetrics.glyphCount,
            long: fontMetrics.hasLongLocations)

        var quickGlyphs = [UInt16](repeating: 0, count: Self.quickLookupLimit)
        var quickAdvances = [UInt16](repeating: metrics.advances[0], count: Self.quickLookupLimit)
        for scalar in 0..<Self.quickLookupLimit {
            if let glyph = characterMap.glyph(for: UInt32(scalar)) {
                quickGlyphs[scalar] = glyph
                quickAdvances[scalar] = metrics.advances[Int(glyph)]
            }
        }
        self.quickGlyphs = quickGlyphs
        self.quickAdvances = quickAdvances
        self.tables = tables
        self.characterMap = characterMap
        self.metrics = metrics
        postScriptName = names.postScriptName
        familyName = names.familyName
        unitsPerEm = fontMetrics.unitsPerEm
        ascent = fontMetrics.ascent
        descent = fontMetrics.descent
        capHeight = fontMetrics.capHeight
        italicAngle = fontMetrics.italicAngle
        boundingBox = fontMetrics.boundingBox
        isBold = fontMetrics.isBold
        isItalic = fontMetrics.isItalic
        isFixedPitch = fontMetrics.isFixedPitch
        glyphCount = fontMetrics.glyphCount
    }

    /// The glyph that draws `scalar`, or `nil` when the font lacks it.
    public func glyphID(for scalar: Unicode.Scalar) -> UInt16? {
        let value = Int(scalar.value)
        if value < Self.quickLookupLimit {
            let glyph = quickGlyphs[value]
            return glyph == 0 ? nil : glyph
        }
        return characterMap.glyph(for: scalar.value)
    }

    /// The advance width of `glyph` in font units; 0 for a glyph the font does not have.
    public func advance(ofGlyph glyph: UInt16) -> Int {
        Int(glyph) < glyphCount ? Int(metrics.advances[Int(glyph)]) : 0
    }
}
