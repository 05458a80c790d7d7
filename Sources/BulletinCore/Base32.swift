/// Crockford's base32 alphabet, used for IDs that people read and copy: no I, L, O or U,
/// so an ID survives being read aloud or retyped.
enum Base32 {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// Encodes 128 bits as 26 characters, most significant first.
    static func crockford(high: UInt64, low: UInt64) -> String {
        String(unsafeUninitializedCapacity: 26) { buffer in
            // 26 groups of 5 bits cover 130 bits; the top two are always zero.
            for index in 0..<26 {
                let shift = (25 - index) * 5
                let bits: UInt64
                if shift >= 64 {
                    bits = high >> UInt64(shift - 64)
                } else if shift > 59 {
                    bits = (low >> UInt64(shift)) | (high << UInt64(64 - shift))
                } else {
                    bits = low >> UInt64(shift)
                }
                buffer[index] = alphabet[Int(bits & 0x1F)]
            }
            return 26
        }
    }
}

/// Random opaque IDs: 128 bits as 26 characters of Crockford base32.
public enum RandomID {
    /// Makes an ID from a random source.
    public static func make<Generator: RandomNumberGenerator>(using generator: inout Generator) -> String {
        Base32.crockford(high: generator.next(), low: generator.next())
    }

    /// Makes an ID from the system's random source.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return make(using: &generator)
    }
}
