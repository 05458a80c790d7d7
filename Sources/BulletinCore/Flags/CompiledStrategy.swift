import Foundation

/// A strategy made ready to evaluate: its parameters parsed, its constraints and segments'
/// constraints compiled, its variants prepared. A class, so evaluation passes references.
final class CompiledStrategy: Sendable {
    private enum Rule: Sendable {
        case everyone
        case users(Set<String>)
        case userRollout(percentage: Double, group: Bucket.Group)
        case sessionRollout(percentage: Double, group: Bucket.Group)
        case randomRollout(percentage: Double)
        case addresses(exact: Set<String>, networks: [IPAddressRange])
        case flexibleRollout(percentage: Double, group: Bucket.Group, stickiness: Bucket.Stickiness)
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
            case "gradualRolloutUserId":
                .userRollout(percentage: Self.percentage(parameters["percentage"]), group: Bucket.Group(groupID))
            case "gradualRolloutSessionId":
                .sessionRollout(percentage: Self.percentage(parameters["percentage"]), group: Bucket.Group(groupID))
            case "gradualRolloutRandom": .randomRollout(percentage: Self.percentage(parameters["percentage"]))
            case "remoteAddress":
                .addresses(
                    exact: Set(Self.list(parameters["IPs"])),
                    networks: Self.list(parameters["IPs"]).compactMap(IPAddressRange.init))
            case "flexibleRollout":
                .flexibleRollout(
                    percentage: Self.percentage(parameters["rollout"]),
                    group: Bucket.Group(parameters["groupId"].flatMap { $0.isEmpty ? nil : $0 } ?? flagName),
                    stickiness: Bucket.Stickiness(parameters["stickiness"]))
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
        guard let constraints else { return false }
        for constraint in constraints where !constraint.isSatisfied(by: context, now: now) {
            return false
        }
        switch rule {
        case .everyone:
            return true
        case .users(let users):
            return context.userId.map(users.contains) ?? false
        case .userRollout(let percentage, let group):
            guard let userID = context.userId.nonEmpty else { return false }
            return percentage > 0 && group.percent(of: userID) <= percentage
        case .sessionRollout(let percentage, let group):
            guard let sessionID = context.sessionId.nonEmpty else { return false }
            return percentage > 0 && group.percent(of: sessionID) <= percentage
        case .randomRollout(let percentage):
            return percentage >= Double(Int.random(in: 1...100))
        case .addresses(let exact, let networks):
            guard let address = context.remoteAddress else { return false }
            return exact.contains(address) || networks.contains { $0.contains(address) }
        case .flexibleRollout(let percentage, let group, let stickiness):
            guard let id = stickiness.rolloutValue(in: context) else { return false }
            return percentage > 0 && group.percent(of: id) <= percentage
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

extension String? {
    /// The text unless it is missing or empty, as JavaScript's truthiness reads it.
    var nonEmpty: String? {
        switch self {
        case .some(let text) where !text.isEmpty: text
        default: nil
        }
    }
}
