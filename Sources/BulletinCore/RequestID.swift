/// The correlation ID of one request, carried into logs, errors, jobs and events.
///
/// A client may send its own in `X-Request-ID`; it is accepted when it is 1–128 characters
/// drawn from `A–Z a–z 0–9 - _ . : /`, so it can be logged and echoed without escaping.
/// Otherwise the server makes one: 26 characters of Crockford base32 from 128 bits of a
/// fast generator seeded from the system (see ``RequestIDSequence``).
public struct RequestID: Sendable, Hashable, CustomStringConvertible {
    /// The ID as sent on the wire.
    public let value: String

    /// The longest client-supplied ID that is accepted.
    public static let maximumLength = 128

    /// Accepts a client-supplied ID, or returns `nil` when it is empty, too long or holds
    /// characters outside the safe set.
    public init?(validating candidate: Substring) {
        guard !candidate.isEmpty, candidate.utf8.count <= Self.maximumLength,
            candidate.utf8.allSatisfy(Self.isSafe)
        else { return nil }
        self.value = String(candidate)
    }

    /// Makes a new random ID.
    ///
    /// - Parameter generator: The source of randomness. Defaults to the system's.
    public static func make<Generator: RandomNumberGenerator>(using generator: inout Generator) -> RequestID {
        RequestID(unchecked: RandomID.make(using: &generator))
    }

    /// Makes a new ID, unique within this process and unlikely to repeat across processes.
    public static func make() -> RequestID {
        var generator = RequestIDSequence.shared
        return make(using: &generator)
    }

    private init(unchecked value: String) { self.value = value }

    public var description: String { value }

    private static func isSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
            UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "/"):
            true
        default:
            false
        }
    }
}
