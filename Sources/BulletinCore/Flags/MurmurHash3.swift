/// MurmurHash3 x86 32-bit over UTF-8 bytes: the hash every Unleash SDK buckets with, so a
/// user lands in the same bucket in Bulletin and in Unleash.
///
/// Written here because no package available offline provides it; it is 30 lines of the
/// public-domain reference algorithm.
public enum MurmurHash3 {
    /// The 32-bit hash of `text`'s UTF-8 bytes with `seed`.
    public static func hash32(_ text: String, seed: UInt32 = 0) -> UInt32 {
        var text = text
        return text.withUTF8 { hash32(bytes: $0, seed: seed) }
    }

    /// The 32-bit hash of `bytes` with `seed`.
    public static func hash32(bytes: UnsafeBufferPointer<UInt8>, seed: UInt32) -> UInt32 {
        let c1: UInt32 = 0xcc9e_2d51
        let c2: UInt32 = 0x1b87_3593
        var hash = seed
        let blockCount = bytes.count / 4
        for block in 0..<blockCount {
            let offset = block * 4
            var k =
                UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8
                | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
            k = (k &* c1).rotatedLeft(15) &* c2
            hash ^= k
            hash = hash.rotatedLeft(13) &* 5 &+ 0xe654_6b64
        }
        let tail = blockCount * 4
        var k: UInt32 = 0
        switch bytes.count & 3 {
        case 3:
            k ^= UInt32(bytes[tail + 2]) << 16
            fallthrough
        case 2:
            k ^= UInt32(bytes[tail + 1]) << 8
            fallthrough
        case 1:
            k ^= UInt32(bytes[tail])
            k = (k &* c1).rotatedLeft(15) &* c2
            hash ^= k
        default:
            break
        }
        hash ^= UInt32(truncatingIfNeeded: bytes.count)
        hash ^= hash >> 16
        hash = hash &* 0x85eb_ca6b
        hash ^= hash >> 13
        hash = hash &* 0xc2b2_ae35
        hash ^= hash >> 16
        return hash
    }
}

extension UInt32 {
    fileprivate func rotatedLeft(_ count: UInt32) -> UInt32 {
        (self << count) | (self >> (32 - count))
    }
}
