import Synchronization

/// The numbers behind server-made request IDs: SplitMix64 over a shared atomic counter.
///
/// A request ID must be unique, not secret, and it is made for every request: the system's
/// random source costs a system call per number. SplitMix64's output is a bijection of its
/// counter, so no two numbers drawn in one process are equal; the counter starts at a
/// random point, so two processes are unlikely to overlap.
public struct RequestIDSequence: RandomNumberGenerator, Sendable {
    /// The process-wide sequence.
    public static let shared = RequestIDSequence(seed: UInt64.random(in: .min ... .max))

    private final class Counter: Sendable {
        let value: Atomic<UInt64>
        init(_ seed: UInt64) { value = Atomic(seed) }
    }

    private static let golden: UInt64 = 0x9E37_79B9_7F4A_7C15
    private let counter: Counter

    /// Creates a sequence starting after `seed`.
    public init(seed: UInt64) {
        counter = Counter(seed)
    }

    public mutating func next() -> UInt64 {
        var mixed = counter.value.wrappingAdd(Self.golden, ordering: .relaxed).newValue
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
