import Foundation

/// The names a font gives itself in its `name` table.
struct FontNames: Sendable {
    let postScriptName: String
    let familyName: String

    init(_ tables: FontTableDirectory) throws(FontError) {
        let records = try tables["name"].map { table throws(FontError) in try Self.records(of: table) } ?? [:]
        let family = records[16] ?? records[1] ?? ""
        familyName = family
        let postScript = Self.pdfNameSafe(records[6] ?? "")
        postScriptName = postScript.isEmpty ? (Self.pdfNameSafe(family).isEmpty ? "Font" : Self.pdfNameSafe(family)) : postScript
    }

    /// `name` with only the characters a PDF name may hold unescaped, at most 63 of them.
    ///
    /// PostScript names are ASCII without spaces or delimiters by spec, but a hostile or
    /// sloppy font could put anything there, and the PDF writer pastes it after a `/`.
    static func pdfNameSafe(_ name: String) -> String {
        let delimiters: Set<UInt8> = Set("[](){}<>/%#".utf8)
        let kept = name.utf8.filter { (0x21...0x7E).contains($0) && !delimiters.contains($0) }
        return String(decoding: kept.prefix(63), as: UTF8.self)
    }

    /// The best-ranked string for each name ID, decoded.
    private static func records(of table: FontTableReader) throws(FontError) -> [UInt16: String] {
        let count = Int(try table.uint16(2))
        let storage = Int(try table.uint16(4))
        var best: [UInt16: (rank: Int, text: String)] = [:]
        for index in 0..<count {
            let record = 6 + 12 * index
            let platform = try table.uint16(record)
            let encoding = try table.uint16(record + 2)
            let language = try table.uint16(record + 4)
            let nameID = try table.uint16(record + 6)
            guard [1, 6, 16].contains(nameID), let rank = rank(platform: platform, encoding: encoding, language: language) else {
                continue
            }
            if let current = best[nameID], current.rank <= rank { continue }
            let length = Int(try table.uint16(record + 8))
            let offset = storage + Int(try table.uint16(record + 10))
            // A name pointing outside the table is skipped rather than fatal: the font is still usable.
            guard table.contains(offset, count: length) else { continue }
            let text = decode(try table.slice(offset, count: length), platform: platform)
            if !text.isEmpty { best[nameID] = (rank, text) }
        }
        return best.mapValues(\.text)
    }

    /// Lower is better: Windows Unicode in US English, other Windows Unicode, Unicode, then Mac Roman.
    private static func rank(platform: UInt16, encoding: UInt16, language: UInt16) -> Int? {
        switch (platform, encoding) {
        case (3, 1), (3, 10): language == 0x409 ? 0 : 1
        case (0, _): 2
        case (1, 0): language == 0 ? 3 : 4
        default: nil
        }
    }

    private static func decode(_ bytes: ArraySlice<UInt8>, platform: UInt16) -> String {
        if platform == 1 {
            return String(bytes: bytes, encoding: .macOSRoman) ?? String(decoding: bytes, as: UTF8.self)
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            units.append(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]))
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }
}
