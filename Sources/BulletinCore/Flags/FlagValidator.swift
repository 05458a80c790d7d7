import Foundation

/// Checks flags before they are stored or imported, naming every problem by its JSON pointer.
///
/// Evaluation is lenient, as Unleash's is (an unknown operator is simply false); storage is
/// strict, so that a typo is refused with a 422 instead of silently turning a flag off.
public enum FlagValidator {
    public static let types: Set<String> = ["release", "experiment", "operational", "kill-switch", "permission"]
    public static let strategies: Set<String> = [
        "default", "userWithId", "flexibleRollout", "gradualRolloutUserId", "gradualRolloutSessionId",
        "gradualRolloutRandom", "remoteAddress",
    ]
    static let listOperators: Set<String> = ["IN", "NOT_IN", "STR_STARTS_WITH", "STR_ENDS_WITH", "STR_CONTAINS", "IN_CIDR"]
    static let valueOperators: Set<String> = [
        "NUM_EQ", "NUM_GT", "NUM_GTE", "NUM_LT", "NUM_LTE", "DATE_AFTER", "DATE_BEFORE",
        "SEMVER_EQ", "SEMVER_GT", "SEMVER_GTE", "SEMVER_LT", "SEMVER_LTE", "REGEX",
    ]
    static let payloadTypes: Set<String> = ["string", "json", "csv", "number"]
    /// Variant weights are per mille, as in Unleash.
    public static let totalWeight = 1000

    /// Every problem of a collection: its flags, their segments, and duplicate names.
    /// Strategies may name the collection's segments and `storedSegmentIDs`.
    public static func problems(in collection: FlagCollection, storedSegmentIDs: Set<Int> = []) -> [FieldError] {
        var errors: [FieldError] = []
        let segmentIDs = storedSegmentIDs.union((collection.segments ?? []).map(\.id))
        for (index, segment) in (collection.segments ?? []).enumerated() {
            for (position, constraint) in segment.constraints.enumerated() {
                errors += problems(in: constraint, at: "/segments/\(index)/constraints/\(position)")
            }
        }
        var seen: Set<String> = []
        for (index, flag) in collection.features.enumerated() {
            if !seen.insert(flag.name).inserted {
                errors.append(FieldError(pointer: "/features/\(index)/name", message: "Another flag has this name."))
            }
            errors += problems(in: flag, at: "/features/\(index)", segmentIDs: segmentIDs)
        }
        return errors
    }

    /// Every problem of one flag; `segmentIDs` are the segments its strategies may name.
    public static func problems(in flag: FlagDefinition, at pointer: String = "", segmentIDs: Set<Int>) -> [FieldError] {
        var errors: [FieldError] = []
        if let problem = nameProblem(flag.name) {
            errors.append(FieldError(pointer: "\(pointer)/name", message: problem))
        }
        if let type = flag.type, !types.contains(type) {
            errors.append(FieldError(pointer: "\(pointer)/type", message: "Use one of: \(types.sorted().joined(separator: ", "))."))
        }
        if (flag.description ?? "").count > 1000 {
            errors.append(FieldError(pointer: "\(pointer)/description", message: "Use at most 1,000 characters."))
        }
        for (index, strategy) in flag.strategies.enumerated() {
            errors += problems(in: strategy, at: "\(pointer)/strategies/\(index)", segmentIDs: segmentIDs)
        }
        errors += problems(in: flag.variants ?? [], at: "\(pointer)/variants")
        for (index, dependency) in (flag.dependencies ?? []).enumerated() where dependency.feature == flag.name {
            errors.append(FieldError(pointer: "\(pointer)/dependencies/\(index)/feature", message: "A flag cannot depend on itself."))
        }
        return errors
    }

    /// Why a flag name is refused, or `nil`: 1–100 characters, no spaces, controls or `/`.
    public static func nameProblem(_ name: String) -> String? {
        guard (1...100).contains(name.count) else { return "Use 1 to 100 characters." }
        guard !name.contains(where: { $0.isWhitespace || $0 == "/" || $0.unicodeScalars.contains { $0.properties.generalCategory == .control } }),
            name != ".", name != ".."
        else { return "Use no spaces, control characters or slashes." }
        return nil
    }

    /// Whether a `REGEX` value compiles with RE2's features.
    public static func patternIsValid(_ pattern: String) -> Bool {
        FlagPattern(pattern, caseInsensitive: false) != nil
    }

    static func problems(in strategy: FlagStrategy, at pointer: String, segmentIDs: Set<Int>) -> [FieldError] {
        var errors: [FieldError] = []
        guard strategies.contains(strategy.name) else {
            return [FieldError(pointer: "\(pointer)/name", message: "Unknown strategy; use one of: \(strategies.sorted().joined(separator: ", ")).")]
        }
        let parameters = strategy.parameters ?? [:]
        func percentage(_ key: String) {
            guard let text = parameters[key], let value = Int(text.trimmingCharacters(in: .whitespaces)), (0...100).contains(value) else {
                errors.append(FieldError(pointer: "\(pointer)/parameters/\(key)", message: "Give a whole percentage from 0 to 100."))
                return
            }
        }
        switch strategy.name {
        case "flexibleRollout":
            percentage("rollout")
            if let stickiness = parameters["stickiness"], stickiness.isEmpty {
                errors.append(FieldError(pointer: "\(pointer)/parameters/stickiness", message: "Name a context field, or use default."))
            }
        case "gradualRolloutUserId", "gradualRolloutSessionId", "gradualRolloutRandom":
            percentage("percentage")
        case "userWithId":
            if (parameters["userIds"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                errors.append(FieldError(pointer: "\(pointer)/parameters/userIds", message: "List at least one user ID, separated by commas."))
            }
        case "remoteAddress":
            let addresses = (parameters["IPs"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if addresses.isEmpty || addresses.contains(where: { IPAddressRange($0) == nil }) {
                errors.append(FieldError(pointer: "\(pointer)/parameters/IPs", message: "List IP addresses or CIDR networks, separated by commas."))
            }
        default:
            break
        }
        for (index, constraint) in (strategy.constraints ?? []).enumerated() {
            errors += problems(in: constraint, at: "\(pointer)/constraints/\(index)")
        }
        for (index, id) in (strategy.segments ?? []).enumerated() where !segmentIDs.contains(id) {
            errors.append(FieldError(pointer: "\(pointer)/segments/\(index)", message: "No segment has this ID."))
        }
        errors += problems(in: strategy.variants ?? [], at: "\(pointer)/variants")
        return errors
    }

    static func problems(in constraint: FlagConstraint, at pointer: String) -> [FieldError] {
        let op = constraint.operator
        if constraint.contextName.isEmpty {
            return [FieldError(pointer: "\(pointer)/contextName", message: "Name the context field to test.")]
        }
        if listOperators.contains(op) {
            if op == "IN_CIDR" {
                for (index, value) in (constraint.values ?? []).enumerated() where IPAddressRange(value) == nil {
                    return [FieldError(pointer: "\(pointer)/values/\(index)", message: "Give an IP address or a CIDR network such as 10.0.0.0/8.")]
                }
            }
            return []
        }
        guard valueOperators.contains(op) else {
            let all = (listOperators.union(valueOperators)).sorted().joined(separator: ", ")
            return [FieldError(pointer: "\(pointer)/operator", message: "Unknown operator; use one of: \(all).")]
        }
        let value = constraint.value ?? ""
        let valid: Bool
        let message: String
        switch op.prefix(4) {
        case "NUM_": (valid, message) = (Double(value) != nil, "Give a number.")
        case "DATE": (valid, message) = (FlagDate.parse(value) != nil, "Give an ISO 8601 date and time, such as 2026-01-31T12:00:00Z.")
        case "SEMV": (valid, message) = (SemanticVersion(value) != nil, "Give a semantic version, such as 1.4.0 or 2.0.0-rc.1.")
        default: (valid, message) = (patternIsValid(value), "Give a regular expression without lookaround or backreferences.")
        }
        return valid ? [] : [FieldError(pointer: "\(pointer)/value", message: message)]
    }

    static func problems(in variants: [FlagVariant], at pointer: String) -> [FieldError] {
        guard !variants.isEmpty else { return [] }
        var errors: [FieldError] = []
        var names: Set<String> = []
        for (index, variant) in variants.enumerated() {
            let at = "\(pointer)/\(index)"
            if variant.name.isEmpty || variant.name.count > 100 || variant.name == "disabled" {
                errors.append(FieldError(pointer: "\(at)/name", message: "Use 1 to 100 characters, other than \"disabled\"."))
            } else if !names.insert(variant.name).inserted {
                errors.append(FieldError(pointer: "\(at)/name", message: "Another variant has this name."))
            }
            if !(0...totalWeight).contains(variant.weight) {
                errors.append(FieldError(pointer: "\(at)/weight", message: "Give a weight from 0 to 1000 (per mille)."))
            }
            if let type = variant.weightType, type != "variable", type != "fix" {
                errors.append(FieldError(pointer: "\(at)/weightType", message: "Use variable or fix."))
            }
            if let payload = variant.payload, let problem = payloadProblem(payload) {
                errors.append(FieldError(pointer: "\(at)/payload", message: problem))
            }
        }
        if errors.isEmpty, weighted(variants) == nil {
            errors.append(FieldError(
                pointer: pointer,
                message: "Weights must add up to 1000: fixed weights may not exceed it, and without variable variants they must reach it exactly."))
        }
        return errors
    }

    /// The flag with the weights of its variants, and of its strategies' variants, settled
    /// (see ``weighted(_:)``). Call on a flag without problems.
    public static func settled(_ flag: FlagDefinition) -> FlagDefinition {
        var flag = flag
        flag.variants = flag.variants.flatMap(weighted)
        for index in flag.strategies.indices {
            flag.strategies[index].variants = flag.strategies[index].variants.flatMap(weighted)
        }
        return flag
    }

    /// Variants with their weights settled as Unleash settles them: `fix` weights stay,
    /// `variable` ones share what is left of 1000 (the first ones take the remainder).
    /// Client-format variants (no weight type) keep their weights, which must total more than 0.
    /// `nil` when the weights cannot add up.
    public static func weighted(_ variants: [FlagVariant]) -> [FlagVariant]? {
        guard !variants.isEmpty else { return variants }
        guard variants.contains(where: { $0.weightType != nil }) else {
            return variants.reduce(0) { $0 + $1.weight } > 0 ? variants : nil
        }
        let fixed = variants.filter { $0.weightType == "fix" }.reduce(0) { $0 + $1.weight }
        let variableCount = variants.filter { $0.weightType != "fix" }.count
        guard fixed <= totalWeight, variableCount > 0 || fixed == totalWeight else { return nil }
        guard variableCount > 0 else { return variants }
        let share = (totalWeight - fixed) / variableCount
        var remainder = (totalWeight - fixed) % variableCount
        return variants.map { variant in
            guard variant.weightType != "fix" else { return variant }
            var settled = variant
            settled.weightType = "variable"
            settled.weight = share + (remainder > 0 ? 1 : 0)
            remainder -= 1
            return settled
        }
    }

    static func payloadProblem(_ payload: VariantPayload) -> String? {
        switch payload.type {
        case "string", "csv": return nil
        case "number": return Double(payload.value) == nil ? "A number payload needs a number." : nil
        case "json":
            let parsed = try? JSONSerialization.jsonObject(with: Data(payload.value.utf8), options: [.fragmentsAllowed])
            return parsed == nil ? "A json payload needs valid JSON." : nil
        default: return "Use a payload type of string, json, csv or number."
        }
    }
}
