/// A page size and its margins, in points.
public struct PDFPaper: Sendable, Hashable {
    public var width: Double
    public var height: Double
    public var margin: Double

    public init(width: Double, height: Double, margin: Double = 56) {
        self.width = width
        self.height = height
        self.margin = margin
    }

    /// ISO A4, 210 × 297 mm, with 2 cm margins.
    public static let a4 = PDFPaper(width: 595.28, height: 841.89)
    /// US Letter, 8.5 × 11 in, with 2 cm margins.
    public static let letter = PDFPaper(width: 612, height: 792)
}
