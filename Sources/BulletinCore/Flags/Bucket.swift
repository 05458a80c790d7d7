/// Sticky bucketing, as Unleash does it: the same ID in the same group always lands in the
/// same bucket, `murmur3("group:id")`.
enum Bucket {
    /// The seed Unleash hashes variant choices with (rollouts use 0).
    static let variantSeed: UInt32 = 86_028_157

    /// A group's hash prefix (`"group:"` in UTF-8), prepared once so that bucketing an ID
    /// allocates nothing.
    struct Group: Sendable {
        private let prefix: [UInt8]

        init(_ groupID: String) {
            prefix = Array("\(groupID):".utf8)
        }

        /// The ID's bucket from 1 to 100.
        func percent(of id: String) -> Double {
            Double(hash(id, seed: 0) % 100 + 1)
        }

        /// The ID's position from 1 to `total` among weighted variants.
        func variantPosition(of id: String, total: Int) -> Int {
            Int(hash(id, seed: variantSeed) % UInt32(total)) + 1
        }

        private func hash(_ id: String, seed: UInt32) -> UInt32 {
            var id = id
            return id.withUTF8 { idBytes in
                prefix.withUnsafeBufferPointer { prefixBytes in
                    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: prefixBytes.count + idBytes.count) { buffer in
                        _ = buffer.initialize(fromContentsOf: prefixBytes)
                        _ = UnsafeMutableBufferPointer(rebasing: buffer[prefixBytes.count...]).initialize(fromContentsOf: idBytes)
                        return MurmurHash3.hash32(bytes: UnsafeBufferPointer(buffer), seed: seed)
                    }
                }
            }
        }
    }

    /// What a rollout's stickiness hashes: `default` takes the user, then the session, then a
    /// random number; `random` always a random one; any other name is a context field.
    enum Stickiness: Sendable {
        case standard, random
        case field(FlagContext.Field)

        /// Reads a `stickiness` parameter; missing or empty means `default`.
        init(_ parameter: String?) {
            switch parameter {
            case nil, "", "default": self = .standard
            case "random": self = .random
            case .some(let name): self = .field(FlagContext.Field(name))
            }
        }

        /// The value a rollout hashes, or `nil` when the field is missing (no one matches).
        func rolloutValue(in context: FlagContext) -> String? {
            switch self {
            case .standard: context.userId.nonEmpty ?? context.sessionId.nonEmpty ?? randomValue()
            case .random: randomValue()
            case .field(let field): context.value(of: field).nonEmpty
            }
        }

        /// The value a variant choice hashes: `default` also tries the address, and a missing
        /// field falls back to a random number.
        func variantValue(in context: FlagContext) -> String {
            switch self {
            case .standard:
                context.userId.nonEmpty ?? context.sessionId.nonEmpty ?? context.remoteAddress.nonEmpty ?? randomValue()
            case .random: randomValue()
            case .field(let field): context.value(of: field).nonEmpty ?? randomValue()
            }
        }
    }

    static func randomValue() -> String {
        String(Int.random(in: 1...10_000))
    }
}
