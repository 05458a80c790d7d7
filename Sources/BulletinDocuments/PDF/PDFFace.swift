import Foundation

/// One face of the document's fonts as the PDF writer uses it: it makes text printable
/// (characters the face lacks become a visible replacement, counted), measures it, and, once
/// the pages are laid out, writes the face's objects with only the glyphs used.
final class PDFFace {
    /// The name content streams use, such as `F1`.
    let resourceName: String
    private let source: Source
    private var used: [Unicode.Scalar: UInt16] = [:]
    /// Old glyph ID → new, known once ``write(into:)`` subset the font.
    private var renumbered: [UInt16: UInt16] = [:]
    /// How many characters the face could not draw and replaced.
    private(set) var replacedCharacters = 0

    private enum Source {
        case trueType(TrueTypeFont, replacement: Unicode.Scalar)
        case standard(StandardFont)
    }

    init(resourceName: String, font: TrueTypeFont) {
        self.resourceName = resourceName
        let replacement: Unicode.Scalar = font.glyphID(for: "\u{FFFD}") != nil ? "\u{FFFD}" : "?"
        source = .trueType(font, replacement: replacement)
    }

    init(resourceName: String, standard: StandardFont) {
        self.resourceName = resourceName
        source = .standard(standard)
    }

    /// `text` with each character the face lacks replaced by a visible one (U+FFFD or `?`).
    func printable(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            // Line breaks, tabs and other control characters lay out as spaces.
            if scalar.value < 0x20 || scalar.value == 0x7F {
                result.append(" ")
                continue
            }
            switch source {
            case .trueType(let font, let replacement):
                if used[scalar] != nil || font.glyphID(for: scalar) != nil {
                    result.append(scalar)
                } else {
                    replacedCharacters += 1
                    result.append(replacement)
                }
            case .standard(let font):
                if font.canEncode(scalar) {
                    result.append(scalar)
                } else {
                    replacedCharacters += 1
                    result.append("?")
                }
            }
        }
        return String(result)
    }

    /// The width of printable `text` at `size` points.
    func width(of text: String, size: Double) -> Double {
        switch source {
        case .trueType(let font, _): font.width(of: text, size: size)
        case .standard(let font): font.width(of: text, size: size)
        }
    }

    /// Records the glyphs printable `text` needs; call for every string before ``write(into:)``.
    func use(_ text: String) {
        guard case .trueType(let font, _) = source else { return }
        for scalar in text.unicodeScalars where used[scalar] == nil {
            used[scalar] = font.glyphID(for: scalar) ?? 0
        }
    }

    /// Printable `text` as a content stream string operand, in the glyph IDs of the subset.
    func encoded(_ text: String) -> String {
        switch source {
        case .trueType:
            // Bytes, not strings, per glyph: this runs for every piece of text on every page.
            var hex: [UInt8] = [UInt8(ascii: "<")]
            hex.reserveCapacity(text.utf8.count * 4 + 2)
            for scalar in text.unicodeScalars {
                Self.appendHex4(renumbered[used[scalar] ?? 0] ?? 0, to: &hex)
            }
            hex.append(UInt8(ascii: ">"))
            return String(decoding: hex, as: UTF8.self)
        case .standard(let font):
            return "<" + font.winAnsiBytes(text).map { String(format: "%02X", $0) }.joined() + ">"
        }
    }

    /// Writes the font's objects and returns the reference of its font dictionary.
    func write(into file: inout PDFFile) throws -> PDFReference {
        switch source {
        case .standard(let font):
            return file.add("<< /Type /Font /Subtype /Type1 /BaseFont /\(font.postScriptName) /Encoding /WinAnsiEncoding >>")
        case .trueType(let font, _):
            return try writeTrueType(font, into: &file)
        }
    }

    private func writeTrueType(_ font: TrueTypeFont, into file: inout PDFFile) throws -> PDFReference {
        let subset = try font.subset(Set(used.values).union([0]))
        renumbered = subset.newGlyphID
        let tag = Self.subsetTag(subset.newGlyphID.keys.sorted())
        let name = "\(tag)+\(font.postScriptName)"
        let scale = 1000 / Double(font.unitsPerEm)
        let program = try file.addCompressedStream("/Length1 \(subset.data.count)", [UInt8](subset.data))
        var flags = font.isFixedPitch ? 1 : 0
        flags |= 32  // nonsymbolic: the font's own Latin encoding applies
        if font.isItalic { flags |= 64 }
        if font.isBold { flags |= 262_144 }
        let box = font.boundingBox
        let descriptor = file.add(
            """
            << /Type /FontDescriptor /FontName /\(name) /Flags \(flags) \
            /FontBBox [\(Int(Double(box.minX) * scale)) \(Int(Double(box.minY) * scale)) \
            \(Int(Double(box.maxX) * scale)) \(Int(Double(box.maxY) * scale))] \
            /ItalicAngle \(font.italicAngle) /Ascent \(Int(Double(font.ascent) * scale)) \
            /Descent \(Int(Double(font.descent) * scale)) /CapHeight \(Int(Double(font.capHeight) * scale)) \
            /StemV \(font.isBold ? 140 : 80) /FontFile2 \(program) >>
            """)
        let byNewID = subset.newGlyphID.sorted { $0.value < $1.value }
        let widths = byNewID.map { String(Int((Double(font.advance(ofGlyph: $0.key)) * scale).rounded())) }.joined(separator: " ")
        let descendant = file.add(
            """
            << /Type /Font /Subtype /CIDFontType2 /BaseFont /\(name) \
            /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
            /FontDescriptor \(descriptor) /CIDToGIDMap /Identity /W [0 [\(widths)]] >>
            """)
        let toUnicode = try file.addCompressedStream("", Array(toUnicodeMap().utf8))
        return file.add(
            """
            << /Type /Font /Subtype /Type0 /BaseFont /\(name) /Encoding /Identity-H \
            /DescendantFonts [\(descendant)] /ToUnicode \(toUnicode) >>
            """)
    }

    /// The CMap that maps each glyph back to its character, so text can be copied and searched.
    private func toUnicodeMap() -> String {
        var pairs: [(UInt16, Unicode.Scalar)] = []
        var seen: Set<UInt16> = []
        for (scalar, glyph) in used.sorted(by: { $0.key.value < $1.key.value }) {
            guard glyph != 0, let new = renumbered[glyph], seen.insert(new).inserted else { continue }
            pairs.append((new, scalar))
        }
        var map = """
            /CIDInit /ProcSet findresource begin 12 dict begin begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            /CMapName /Adobe-Identity-UCS def /CMapType 2 def
            1 begincodespacerange <0000> <FFFF> endcodespacerange

            """
        for start in stride(from: 0, to: pairs.count, by: 100) {
            let chunk = pairs[start..<min(start + 100, pairs.count)]
            map += "\(chunk.count) beginbfchar\n"
            for (glyph, scalar) in chunk {
                map += "<\(Self.hex4(glyph))> <" + String(scalar).utf16.map { Self.hex4($0) }.joined() + ">\n"
            }
            map += "endbfchar\n"
        }
        return map + "endcmap CMapName currentdict /CMap defineresource pop end end\n"
    }

    /// Six capital letters naming the subset, as PDF asks for subset fonts (`ABCDEF+Name`).
    private static func subsetTag(_ glyphs: [UInt16]) -> String {
        var hash: UInt32 = 2_166_136_261
        for glyph in glyphs { hash = (hash ^ UInt32(glyph)) &* 16_777_619 }
        var tag = ""
        for _ in 0..<6 {
            tag.append(Character(Unicode.Scalar(UInt8(65 + hash % 26))))
            hash /= 26
        }
        return tag
    }

    private static let digits = Array("0123456789ABCDEF".utf8)

    /// Four upper-case hex digits.
    static func appendHex4(_ value: UInt16, to bytes: inout [UInt8]) {
        bytes.append(digits[Int(value >> 12)])
        bytes.append(digits[Int(value >> 8 & 0xF)])
        bytes.append(digits[Int(value >> 4 & 0xF)])
        bytes.append(digits[Int(value & 0xF)])
    }

    private static func hex4(_ value: UInt16) -> String {
        var bytes: [UInt8] = []
        appendHex4(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
