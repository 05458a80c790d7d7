import Foundation

/// Checks flags before they are stored or imported, naming every problem by its JSON pointer.
///
/// Evaluation is lenient, as Unleash's is (an unknown operator is simply false). Storing one
/// flag is strict, so that a typo is refused with a 422 instead of silently turning a flag off.
/// An import accepts what Unleash accepts: a part Unleash keeps but cannot evaluate (an
/// unknown strategy or operator, a value that does not parse, a missing segment) is kept as
/// written, never matches, and comes back as a warning (``review(_:storedSegmentIDs:)``).
public enum FlagValidator {
    public static let types: Set<String> = ["release", "experiment", "operational", "kill-switch", "permission"]
    public static let strategies: Set<String> = [
        "default", "userWithId", "flexibleRollout", "gradualRolloutUserId", "gradualRolloutSessionId",
        "gradualRolloutRandom", "remoteAddress",
    ]
    static let payloadTypes: Set<String> = ["string", "json", "csv", "number"]
    /// Variant weights are per mille, as in Unleash.
    public static let totalWeight = 1000
    /// The segment IDs that can be stored: PostgreSQL keeps them as 32-bit `INTEGER`s.
    public static let segmentIDs = 0...Int(Int32.max)

    /// What an import of the collection finds: its ``FlagReview/errors`` refuse it, its
    /// ``FlagReview/warnings`` name the parts kept as written that never match. Strategies
    /// may name the collection's segments and `storedSegmentIDs`.
    public static func review(_ collection: FlagCollection, storedSegmentIDs: Set<Int> = []) -> FlagReview {
        var findings = Findings(lenient: true)
        let segmentIDs = storedSegmentIDs.union((collection.segments ?? []).map(\.id))
        for (index, segment) in (collection.segments ?? []).enumerated() {
            if !Self.segmentIDs.contains(segment.id) {
                findings.refuse("/segments/\(index)/id", "Give a whole number from 0 to \(Int32.max).")
            }
            for (position, constraint) in segment.constraints.enumerated() {
                check(constraint, at: "/segments/\(index)/constraints/\(position)", into: &findings)
            }
        }
        var seen: Set<String> = []
        for (index, flag) in collection.features.enumerated() {
            if !seen.insert(flag.name).inserted {
                findings.refuse("/features/\(index)/name", "Another flag has this name.")
            }
            check(flag, at: "/features/\(index)", segmentIDs: segmentIDs, into: &findings)
        }
        return FlagReview(errors: findings.errors, warnings: findings.warnings)
    }

    /// Every problem of one flag stored by itself, strictly: what an import would keep with a
    /// warning is refused too. `segmentIDs` are the segments its strategies may name.
    public static func problems(in flag: FlagDefinition, at pointer: String = "", segmentIDs: Set<Int>) -> [FieldError] {
        var findings = Findings(lenient: false)
        check(flag, at: pointer, segmentIDs: segmentIDs, into: &findings)
        return findings.errors
    }

    static func check(_ flag: FlagDefinition, at pointer: String, segmentIDs: Set<Int>, into findings: inout Findings) {
        if let problem = nameProblem(flag.name) {
            findings.refuse("\(pointer)/name", problem)
        }
        if let type = flag.type, !types.contains(type) {
            findings.refuse("\(pointer)/type", "Use one of: \(types.sorted().joined(separator: ", ")).")
        }
        if (flag.description ?? "").unicodeScalars.count > 1000 {
            findings.refuse("\(pointer)/description", "Use at most 1,000 characters.")
        }
        for (index, strategy) in flag.strategies.enumerated() {
            check(strategy, at: "\(pointer)/strategies/\(index)", segmentIDs: segmentIDs, into: &findings)
        }
        findings.errors += problems(in: flag.variants ?? [], at: "\(pointer)/variants")
        for (index, dependency) in (flag.dependencies ?? []).enumerated() where dependency.feature == flag.name {
            findings.refuse("\(pointer)/dependencies/\(index)/feature", "A flag cannot depend on itself.")
        }
    }

    /// Why a flag name is refused, or `nil`: 1–100 characters, no white space, controls or
    /// `/`. Characters are Unicode code points, each checked alone, as the OpenAPI document's
    /// pattern for a flag name reads them.
    public static func nameProblem(_ name: String) -> String? {
        guard (1...100).contains(name.unicodeScalars.count) else { return "Use 1 to 100 characters." }
        guard
            !name.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0 == "/" || $0.properties.generalCategory == .control }),
            name != ".", name != ".."
        else { return "Use no spaces, control characters or slashes." }
        return nil
    }

    /// Whether a `REGEX` value compiles with RE2's features.
    public static func patternIsValid(_ pattern: String) -> Bool {
        FlagPattern(pattern, caseInsensitive: false) != nil
    }

    /// Checks a strategy: its parameters by its name, and its constraints, segments and variants
    /// whatever its name (a strategy kept as written still has well-formed parts).
    static func check(_ strategy: FlagStrategy, at pointer: String, segmentIDs: Set<Int>, into findings: inout Findings) {
        if strategies.contains(strategy.name) {
            checkParameters(of: strategy, at: pointer, into: &findings)
        } else {
            findings.unevaluable(
                "\(pointer)/name", "Unknown strategy; use one of: \(strategies.sorted().joined(separator: ", ")).",
                consequence: "the strategy never matches, as in an Unleash SDK that does not implement it.")
        }
        for (index, constraint) in (strategy.constraints ?? []).enumerated() {
            check(constraint, at: "\(pointer)/constraints/\(index)", into: &findings)
        }
        for (index, id) in (strategy.segments ?? []).enumerated() where !segmentIDs.contains(id) {
            findings.unevaluable(
                "\(pointer)/segments/\(index)", "No segment has this ID.", consequence: "the strategy never matches, as in Unleash.")
        }
        findings.errors += problems(in: strategy.variants ?? [], at: "\(pointer)/variants")
    }

    /// The parameters a known strategy reads.
    private static func checkParameters(of strategy: FlagStrategy, at pointer: String, into findings: inout Findings) {
        let parameters = strategy.parameters ?? [:]
        func percentage(_ key: String) {
            guard let text = parameters[key], let value = Int(text.trimmingCharacters(in: .whitespaces)), (0...100).contains(value) else {
                findings.refuse("\(pointer)/parameters/\(key)", "Give a whole percentage from 0 to 100.")
                return
            }
        }
        switch strategy.name {
        case "flexibleRollout":
            percentage("rollout")
            if let stickiness = parameters["stickiness"], stickiness.isEmpty {
                findings.refuse("\(pointer)/parameters/stickiness", "Name a context field, or use default.")
            }
        case "gradualRolloutUserId", "gradualRolloutSessionId", "gradualRolloutRandom":
            percentage("percentage")
        case "userWithId":
            if (parameters["userIds"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                findings.refuse("\(pointer)/parameters/userIds", "List at least one user ID, separated by commas.")
            }
        case "remoteAddress":
            let addresses = (parameters["IPs"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if addresses.isEmpty || addresses.contains(where: { IPAddressRange($0) == nil }) {
                findings.refuse("\(pointer)/parameters/IPs", "List IP addresses or CIDR networks, separated by commas.")
            }
        default:
            break
        }
    }

    static func problems(in variants: [FlagVariant], at pointer: String) -> [FieldError] {
        guard !variants.isEmpty else { return [] }
        var errors: [FieldError] = []
        var names: Set<String> = []
        for (index, variant) in variants.enumerated() {
            let at = "\(pointer)/\(index)"
            if variant.name.isEmpty || variant.name.unicodeScalars.count > 100 || variant.name == "disabled" {
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
            errors.append(
                FieldError(
                    pointer: pointer,
                    message:
                        "Weights must add up to 1000: fixed weights may not exceed it, and without variable variants they must reach it exactly."
                ))
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
