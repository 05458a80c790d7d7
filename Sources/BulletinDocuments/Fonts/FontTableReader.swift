/// Big-endian reads inside one table of a font file, each checked against the table's bounds.
///
/// Offsets are relative to the table's start. A read outside the table throws
/// ``FontError/truncated(_:)`` rather than trapping, which is what keeps hostile files harmless.
struct FontTableReader: Sendable {
    /// The whole font file; shared, never copied.
    let bytes: [UInt8]
    /// Where the table starts in ``bytes``.
    let start: Int
    /// The table's length in bytes; every read stays below it.
    let length: Int
    /// The table's tag, for error messages.
    let tag: String

    /// Whether `count` bytes at `offset` lie inside the table.
    func contains(_ offset: Int, count: Int) -> Bool {
        offset >= 0 && count >= 0 && offset <= length - count
    }

    /// Throws unless `count` bytes at `offset` lie inside the table.
    func require(_ offset: Int, count: Int) throws(FontError) {
        guard contains(offset, count: count) else { throw .truncated(tag) }
    }

    func uint8(_ offset: Int) throws(FontError) -> UInt8 {
        try require(offset, count: 1)
        return bytes[start + offset]
    }

    func uint16(_ offset: Int) throws(FontError) -> UInt16 {
        try require(offset, count: 2)
        return uncheckedUInt16(offset)
    }

    func int16(_ offset: Int) throws(FontError) -> Int16 {
        Int16(bitPattern: try uint16(offset))
    }

    func uint32(_ offset: Int) throws(FontError) -> UInt32 {
        try require(offset, count: 4)
        let at = start + offset
        return UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3])
    }

    func int32(_ offset: Int) throws(FontError) -> Int32 {
        Int32(bitPattern: try uint32(offset))
    }

    /// A 16-bit read whose bounds the caller has already validated (hot lookups); the array's
    /// own bounds check still stands behind it, so a mistake traps instead of reading wild memory.
    func uncheckedUInt16(_ offset: Int) -> UInt16 {
        let at = start + offset
        return UInt16(bytes[at]) << 8 | UInt16(bytes[at + 1])
    }

    /// A 16-bit read that answers `nil` instead of throwing, for lookups that must not fail.
    func optionalUInt16(_ offset: Int) -> UInt16? {
        contains(offset, count: 2) ? uncheckedUInt16(offset) : nil
    }

    /// The bytes from `offset` to `offset + count`.
    func slice(_ offset: Int, count: Int) throws(FontError) -> ArraySlice<UInt8> {
        try require(offset, count: count)
        return bytes[(start + offset)..<(start + offset + count)]
    }

    /// The whole table.
    var all: ArraySlice<UInt8> { bytes[start..<(start + length)] }
}
