import BulletinCore
import Testing

@Suite("Request IDs")
struct RequestIDTests {
    @Test("accepts 1–128 safe characters", arguments: ["a", "abc-123", "trace:01/span.2_x", String(repeating: "x", count: 128)])
    func acceptsSafe(candidate: String) {
        #expect(RequestID(validating: candidate[...])?.value == candidate)
    }

    @Test(
        "refuses empty, long or unsafe IDs",
        arguments: ["", String(repeating: "x", count: 129), "has space", "quote\"", "new\nline", "émoji", "<script>"])
    func refusesUnsafe(candidate: String) {
        #expect(RequestID(validating: candidate[...]) == nil)
    }

    @Test("made IDs are 26 base32 characters, distinct, and valid as client IDs")
    func madeIDs() {
        let ids = (0..<1000).map { _ in RequestID.make().value }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.count == 26)
            #expect(id.allSatisfy { "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains($0) })
            #expect(RequestID(validating: id[...]) != nil)
        }
    }

    @Test("encoding is exact for known bit patterns")
    func knownPatterns() {
        var zeros = FixedGenerator(values: [0, 0])
        #expect(RandomID.make(using: &zeros) == String(repeating: "0", count: 26))
        var ones = FixedGenerator(values: [.max, .max])
        // 128 one-bits: the first character holds the top 3 bits (7), the rest 5 each (Z).
        #expect(RandomID.make(using: &ones) == "7" + String(repeating: "Z", count: 25))
        var low = FixedGenerator(values: [0, 1])
        #expect(RandomID.make(using: &low) == String(repeating: "0", count: 25) + "1")
        // Bit 64 (the lowest of the high word) falls in the character that straddles both words.
        var straddle = FixedGenerator(values: [1, 0])
        #expect(RandomID.make(using: &straddle) == String(repeating: "0", count: 13) + "G" + String(repeating: "0", count: 12))
    }
}

/// A generator that returns fixed values in order.
struct FixedGenerator: RandomNumberGenerator {
    var values: [UInt64]
    mutating func next() -> UInt64 { values.removeFirst() }
}

@Suite("Request ID sequence")
struct RequestIDSequenceTests {
    @Test("matches SplitMix64's reference output")
    func referenceOutput() {
        // The first outputs of SplitMix64 seeded with 0, from its reference implementation.
        var sequence = RequestIDSequence(seed: 0)
        #expect(sequence.next() == 0xE220_A839_7B1D_CDAF)
        #expect(sequence.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(sequence.next() == 0x06C4_5D18_8009_454F)
    }

    @Test("copies draw from one shared counter, so values never repeat")
    func sharedCounter() {
        var first = RequestIDSequence(seed: 42)
        var second = first
        let values = (0..<500).flatMap { _ in [first.next(), second.next()] }
        #expect(Set(values).count == values.count)
    }
}
