/// The table directory at the start of a TrueType file: which tables it has and where they lie.
struct FontTableDirectory: Sendable {
    private var tables: [String: FontTableReader] = [:]

    /// Reads the directory of `bytes`, checking that every table lies inside the file.
    init(bytes: [UInt8]) throws(FontError) {
        let file = FontTableReader(bytes: bytes, start: 0, length: bytes.count, tag: "table directory")
        guard file.contains(0, count: 12) else { throw .notAFont }
        switch try file.uint32(0) {
        case 0x0001_0000, 0x7472_7565: break  // 1.0 and Apple's 'true'
        case 0x4F54_544F: throw .postScriptOutlines  // 'OTTO'
        case 0x7474_6366: throw .fontCollection  // 'ttcf'
        case 0x774F_4646, 0x774F_4632: throw .webFont  // 'wOFF', 'wOF2'
        default: throw .notAFont
        }
        let count = Int(try file.uint16(4))
        for index in 0..<count {
            let record = 12 + 16 * index
            let tag = Self.tagString(try file.slice(record, count: 4))
            let offset = Int(try file.uint32(record + 8))
            let length = Int(try file.uint32(record + 12))
            guard file.contains(offset, count: length) else { throw .truncated(tag) }
            tables[tag] = FontTableReader(bytes: bytes, start: offset, length: length, tag: tag)
        }
    }

    /// The table tagged `tag`, if the font has one.
    subscript(tag: String) -> FontTableReader? { tables[tag] }

    /// The table tagged `tag`, throwing ``FontError/missingTable(_:)`` when absent.
    func required(_ tag: String) throws(FontError) -> FontTableReader {
        guard let table = tables[tag] else { throw .missingTable(tag) }
        return table
    }

    /// Four tag bytes as text; non-ASCII bytes become `?` so a hostile tag still prints.
    private static func tagString(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.map { (0x20...0x7E).contains($0) ? $0 : 0x3F }, as: UTF8.self)
    }
}
