import Foundation

/// A strategy made ready to evaluate: its parameters parsed, its constraints and segments'
/// constraints compiled, its variants prepared.
struct CompiledStrategy: Sendable {
    private enum Rule: Sendable {
        case everyone
        case users(Set<String>)
        case userRollout(percentage: Double, groupID: String)
        case sessionRollout(percentage: Double, groupID: String)
        case randomRollout(percentage: Double)
        case addresses(exact: Set<String>, networks: [IPAddressRange])
        case flexibleRollout(percentage: Double, groupID: String, stickiness: String)
        case unknown
    }

    private let rule: Rule
    /// `nil` when a segment the strategy names does not exist: the strategy never matches.
    private let constraints: [CompiledConstraint]?
    /// The strategy's own variants, `nil` when it has none.
    let variants: CompiledVariants?

    init(_ strategy: FlagStrategy, flagName: String, segments: [Int: FlagSegment]) {
        let parameters = strategy.parameters ?? [:]
        let groupID = parameters["groupId"] ?? ""
        rule =
            switch strategy.name {
            case "default": .everyone
            case "userWithId": .users(Set(Self.list(parameters["userIds"])))
            case "gradualRolloutUserId": .userRollout(percentage: Self.percentage(parameters["percentage"]), groupID: groupID)
            case "gradualRolloutSessionId":
                .sessionRollout(percentage: Self.percentage(parameters["percentage"]), groupID: groupID)
            case "gradualRolloutRandom": .randomRollout(percentage: Self.percentage(parameters["percentage"]))
            case "remoteAddress":
                .addresses(
                    exact: Set(Self.list(parameters["IPs"])),
                    networks: Self.list(parameters["IPs"]).compactMap(IPAddressRange.init))
            case "flexibleRollout":
                .flexibleRollout(
                    percentage: Self.percentage(parameters["rollout"]),
                    groupID: parameters["groupId"].flatMap { $0.isEmpty ? nil : $0 } ?? flagName,
                    stickiness: parameters["stickiness"].flatMap { $0.isEmpty ? nil : $0 } ?? "default")
            default: .unknown
            }
        var constraints = (strategy.constraints ?? []).map(CompiledConstraint.init)
        var segmentsFound = true
        for id in strategy.segments ?? [] {
            guard let segment = segments[id] else {
                segmentsFound = false
                break
            }
            constraints += segment.constraints.map(CompiledConstraint.init)
        }
        self.constraints = segmentsFound ? constraints : nil
        variants = strategy.variants.flatMap { variants in
            variants.isEmpty
                ? nil
                : CompiledVariants(
                    variants, groupID: parameters["groupId"] ?? flagName, stickiness: parameters["stickiness"])
        }
    }

    /// Whether the strategy, its constraints and its segments all match the context.
    func matches(_ context: FlagContext, now: Date) -> Bool {
        guard let constraints, constraints.allSatisfy({ $0.isSatisfied(by: context, now: now) }) else { return false }
        switch rule {
        case .everyone:
            return true
        case .users(let users):
            return context.userId.map(users.contains) ?? false
        case .userRollout(let percentage, let groupID):
            guard let userID = context.userId.nonEmpty else { return false }
            return percentage > 0 && Bucket.percent(of: userID, groupID: groupID) <= percentage
        case .sessionRollout(let percentage, let groupID):
            guard let sessionID = context.sessionId.nonEmpty else { return false }
            return percentage > 0 && Bucket.percent(of: sessionID, groupID: groupID) <= percentage
        case .randomRollout(let percentage):
            return percentage >= Double(Int.random(in: 1...100))
        case .addresses(let exact, let networks):
            guard let address = context.remoteAddress else { return false }
            return exact.contains(address) || networks.contains { $0.contains(address) }
        case .flexibleRollout(let percentage, let groupID, let stickiness):
            guard let id = Bucket.stickinessValue(stickiness, in: context) else { return false }
            return percentage > 0 && Bucket.percent(of: id, groupID: groupID) <= percentage
        case .unknown:
            return false
        }
    }

    /// A comma-separated parameter's entries, trimmed.
    private static func list(_ parameter: String?) -> [String] {
        (parameter ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// A percentage parameter; one that does not parse enables no one.
    private static func percentage(_ parameter: String?) -> Double {
        parameter.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) } ?? 0
    }
}

/// Sticky bucketing: the same ID in the same group always gets the same bucket.
enum Bucket {
    /// The seed Unleash hashes variant choices with.
    static let variantSeed: UInt32 = 86_028_157

    /// The ID's bucket from 1 to 100 in the group (`murmur3("group:id") % 100 + 1`).
    static func percent(of id: String, groupID: String) -> Double {
        Double(MurmurHash3.hash32("\(groupID):\(id)") % 100 + 1)
    }

    /// The ID's position from 1 to `total` among weighted variants.
    static func variantPosition(of id: String, groupID: String, total: Int) -> Int {
        Int(MurmurHash3.hash32("\(groupID):\(id)", seed: variantSeed) % UInt32(total)) + 1
    }

    /// The value a stickiness setting hashes: `default` takes the user, then the session,
    /// then a random number; `random` always a random one; any other names a context field.
    static func stickinessValue(_ stickiness: String, in context: FlagContext) -> String? {
        switch stickiness {
        case "default": context.userId.nonEmpty ?? context.sessionId.nonEmpty ?? randomValue()
        case "random": randomValue()
        default: context.value(of: stickiness).nonEmpty
        }
    }

    static func randomValue() -> String {
        String(Int.random(in: 1...10_000))
    }
}

extension Optional<String> {
    /// The text unless it is missing or empty, as JavaScript's truthiness reads it.
    var nonEmpty: String? {
        switch self {
        case .some(let text) where !text.isEmpty: text
        default: nil
        }
    }
}
