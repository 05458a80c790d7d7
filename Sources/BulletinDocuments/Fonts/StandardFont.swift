/// One of the PDF standard-14 Helvetica faces, which every PDF reader has built in: the
/// fallback for machines without a TrueType font. Text is WinAnsi-encoded; nothing is embedded.
///
/// Widths come from Adobe's Helvetica AFM files as ReportLab ships them (see
/// `StandardFont+Widths.swift` and `scripts/lib/gen_helvetica_widths.py`); the oblique faces share
/// their upright face's widths.
public struct StandardFont: Sendable, Hashable {
    /// The PostScript name a PDF font dictionary gives as `/BaseFont`.
    public let postScriptName: String
    /// Advance widths per 1000 em, indexed by WinAnsiEncoding code.
    public let widths: [UInt16]
    /// Ascender per 1000 em, from the AFM (the same for all four faces).
    public let ascent = 718
    /// Descender per 1000 em, negative, from the AFM.
    public let descent = -207
    /// Cap height per 1000 em, from the AFM.
    public let capHeight = 718
    /// Degrees from vertical: 0, or -12 for the oblique faces (from the AFM).
    public let italicAngle: Double

    /// The four Helvetica faces of the standard 14.
    public static let helvetica = StandardFont(postScriptName: "Helvetica", widths: helveticaWidths, italicAngle: 0)
    public static let helveticaBold = StandardFont(postScriptName: "Helvetica-Bold", widths: helveticaBoldWidths, italicAngle: 0)
    public static let helveticaOblique = StandardFont(postScriptName: "Helvetica-Oblique", widths: helveticaWidths, italicAngle: -12)
    public static let helveticaBoldOblique = StandardFont(
        postScriptName: "Helvetica-BoldOblique", widths: helveticaBoldWidths, italicAngle: -12)

    /// The face for a combination of weight and slant.
    public static func helvetica(bold: Bool, italic: Bool) -> StandardFont {
        switch (bold, italic) {
        case (false, false): .helvetica
        case (true, false): .helveticaBold
        case (false, true): .helveticaOblique
        case (true, true): .helveticaBoldOblique
        }
    }

    /// Whether the face can draw `scalar` (WinAnsi has a code for it).
    public func canEncode(_ scalar: Unicode.Scalar) -> Bool {
        WinAnsiEncoding.code(for: scalar) != nil
    }

    /// `text` as WinAnsi bytes for a content stream, unencodable characters as `?`.
    public func winAnsiBytes(_ text: String) -> [UInt8] {
        WinAnsiEncoding.encode(text).bytes
    }

    /// The width of `text` at `size` points, in points; unencodable characters measure as `?`.
    public func width(of text: String, size: Double) -> Double {
        var units = 0
        for scalar in text.unicodeScalars {
            units += Int(widths[Int(WinAnsiEncoding.code(for: scalar) ?? 0x3F)])
        }
        return Double(units) * size / 1000
    }
}
