extension TrueTypeFont {
    /// The width of `text` set at `size` points, in points, without kerning.
    ///
    /// Characters the font lacks are measured as glyph 0 (`.notdef`), which is what a PDF
    /// viewer draws for them. This is the line breaker's inner loop, hence the table lookup.
    public func width(of text: String, size: Double) -> Double {
        Double(advanceUnits(of: text)) * size / Double(unitsPerEm)
    }

    /// The summed advance of `text` in font units.
    public func advanceUnits(of text: String) -> Int {
        var units = 0
        let limit = Self.quickLookupLimit
        quickAdvances.withUnsafeBufferPointer { advances in
            for scalar in text.unicodeScalars {
                let value = Int(scalar.value)
                if value < limit {
                    units += Int(advances[value])
                } else {
                    units += advance(ofGlyph: characterMap.glyph(for: scalar.value) ?? 0)
                }
            }
        }
        return units
    }
}
