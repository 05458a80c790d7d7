import Foundation

/// What an import of flags found: problems that refuse it, and parts kept as written that
/// never match (Unleash keeps them, and its engine evaluates them as false).
public struct FlagReview: Sendable, Hashable {
    /// Problems that refuse the import, each naming its JSON pointer.
    public var errors: [FieldError]
    /// Parts kept as written that can never match, each naming its JSON pointer.
    public var warnings: [FieldError]

    public init(errors: [FieldError] = [], warnings: [FieldError] = []) {
        self.errors = errors
        self.warnings = warnings
    }
}

extension FlagValidator {
    static let listOperators: Set<String> = ["IN", "NOT_IN", "STR_STARTS_WITH", "STR_ENDS_WITH", "STR_CONTAINS", "IN_CIDR"]
    static let valueOperators: Set<String> = [
        "NUM_EQ", "NUM_GT", "NUM_GTE", "NUM_LT", "NUM_LTE", "DATE_AFTER", "DATE_BEFORE",
        "SEMVER_EQ", "SEMVER_GT", "SEMVER_GTE", "SEMVER_LT", "SEMVER_LTE", "REGEX",
    ]

    /// Problems as a check finds them, sorted by how an import treats them.
    struct Findings {
        /// Whether parts Unleash keeps are warnings (an import) rather than errors (one flag).
        let lenient: Bool
        var errors: [FieldError] = []
        var warnings: [FieldError] = []

        /// A problem that refuses the flag, stored alone or imported.
        mutating func refuse(_ pointer: String, _ message: String) {
            errors.append(FieldError(pointer: pointer, message: message))
        }

        /// A part that Unleash keeps but cannot evaluate: an error for one flag, a warning
        /// that says what happens to it (`consequence`) for an import.
        mutating func unevaluable(_ pointer: String, _ message: String, consequence: String) {
            if lenient {
                warnings.append(FieldError(pointer: pointer, message: "\(message) Kept as written: \(consequence)"))
            } else {
                errors.append(FieldError(pointer: pointer, message: message))
            }
        }

        /// A value the engine reads, though not as written (a number with spaces): refused
        /// for one flag, accepted silently by an import.
        mutating func strictly(_ pointer: String, _ message: String) {
            if !lenient { errors.append(FieldError(pointer: pointer, message: message)) }
        }
    }

    /// Checks one constraint against what ``CompiledConstraint`` can evaluate, so that a
    /// warning is given exactly for what never matches.
    static func check(_ constraint: FlagConstraint, at pointer: String, into findings: inout Findings) {
        let op = constraint.operator
        if constraint.contextName.isEmpty {
            return findings.refuse("\(pointer)/contextName", "Name the context field to test.")
        }
        if constraint.contextName.unicodeScalars.count > 100 {
            return findings.refuse("\(pointer)/contextName", "Use at most 100 characters.")
        }
        let never = "the constraint never matches, as in Unleash."
        if op == "IN_CIDR" {
            // As the engine reads them: empty entries dropped, the others trimmed.
            let values = constraint.values ?? []
            let given = values.indices.filter { !values[$0].isEmpty }
            let networks = given.filter { IPAddressRange(values[$0].trimmingCharacters(in: .whitespaces)) != nil }
            for index in values.indices where !networks.contains(index) {
                findings.unevaluable(
                    "\(pointer)/values/\(index)", "Give an IP address or a CIDR network such as 10.0.0.0/8.",
                    consequence: networks.isEmpty && !given.isEmpty ? never : "this entry is ignored.")
            }
            return
        }
        if listOperators.contains(op) { return }
        guard valueOperators.contains(op) else {
            let all = (listOperators.union(valueOperators)).sorted().joined(separator: ", ")
            return findings.unevaluable("\(pointer)/operator", "Unknown operator; use one of: \(all).", consequence: never)
        }
        let value = constraint.value
        let evaluable: Bool
        let message: String
        switch op.prefix(4) {
        case "NUM_":
            (evaluable, message) = (value.flatMap(CompiledConstraint.number) != nil, "Give a number.")
            if evaluable, Double(value ?? "") == nil { findings.strictly("\(pointer)/value", message) }
        case "DATE":
            (evaluable, message) = (
                value.flatMap(FlagDate.parse) != nil, "Give an RFC 3339 date and time, such as 2026-01-31T12:00:00Z."
            )
        case "SEMV":
            (evaluable, message) = (value.flatMap(SemanticVersion.init) != nil, "Give a semantic version, such as 1.4.0 or 2.0.0-rc.1.")
        default:
            (evaluable, message) = (
                value.map(patternIsValid) ?? false, "Give a regular expression without lookaround or backreferences."
            )
        }
        if !evaluable { findings.unevaluable("\(pointer)/value", message, consequence: never) }
    }
}
