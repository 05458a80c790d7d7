/// A font's bounding box, in font units, as the `head` table gives it.
public struct FontBoundingBox: Sendable, Hashable {
    public let minX: Int
    public let minY: Int
    public let maxX: Int
    public let maxY: Int

    /// A box from its corners, in font units.
    public init(minX: Int, minY: Int, maxX: Int, maxY: Int) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }
}
