import Foundation

/// A constraint made ready to evaluate: its values parsed once, when flags load, so that an
/// evaluation only compares.
///
/// The semantics are Unleash's: list values are trimmed and empty ones dropped; a missing
/// context field fails every operator but `NOT_IN`; `inverted` flips the outcome. A
/// constraint the engine cannot evaluate is always false, inverted or not, as in Unleash's
/// engine: an unknown operator, a value that does not parse (a number, date, version or
/// pattern), or `IN_CIDR` entries none of which is a network (entries that are not networks
/// are ignored). A class, so evaluation passes references.
final class CompiledConstraint: Sendable {
    private enum Test: Sendable {
        case member(Set<String>, negated: Bool)
        case string(StringMatch, [String], caseInsensitive: Bool)
        case number(NumberComparison, Double?)
        case date(DateComparison, Date?)
        case version(NumberComparison, SemanticVersion?)
        case pattern(FlagPattern?)
        case network([IPAddressRange])
        case unknown
    }

    private enum StringMatch: Sendable { case prefix, suffix, contains }
    private enum NumberComparison: Sendable { case equal, greater, greaterOrEqual, less, lessOrEqual }
    private enum DateComparison: Sendable { case after, before }

    private let field: FlagContext.Field
    private let test: Test
    private let inverted: Bool

    init(_ constraint: FlagConstraint) {
        field = FlagContext.Field(constraint.contextName)
        inverted = constraint.inverted ?? false
        let values = (constraint.values ?? []).compactMap { value -> String? in
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : trimmed
        }
        let caseInsensitive = constraint.caseInsensitive ?? false
        let value = constraint.value
        let test: Test =
            switch constraint.operator {
            case "IN": .member(Set(values), negated: false)
            case "NOT_IN": .member(Set(values), negated: true)
            case "STR_STARTS_WITH": .string(.prefix, Self.folded(values, caseInsensitive), caseInsensitive: caseInsensitive)
            case "STR_ENDS_WITH": .string(.suffix, Self.folded(values, caseInsensitive), caseInsensitive: caseInsensitive)
            case "STR_CONTAINS": .string(.contains, Self.folded(values, caseInsensitive), caseInsensitive: caseInsensitive)
            case "NUM_EQ": .number(.equal, value.flatMap(Self.number))
            case "NUM_GT": .number(.greater, value.flatMap(Self.number))
            case "NUM_GTE": .number(.greaterOrEqual, value.flatMap(Self.number))
            case "NUM_LT": .number(.less, value.flatMap(Self.number))
            case "NUM_LTE": .number(.lessOrEqual, value.flatMap(Self.number))
            case "DATE_AFTER": .date(.after, value.flatMap(FlagDate.parse))
            case "DATE_BEFORE": .date(.before, value.flatMap(FlagDate.parse))
            case "SEMVER_EQ": .version(.equal, value.flatMap(SemanticVersion.init))
            case "SEMVER_GT": .version(.greater, value.flatMap(SemanticVersion.init))
            case "SEMVER_GTE": .version(.greaterOrEqual, value.flatMap(SemanticVersion.init))
            case "SEMVER_LT": .version(.less, value.flatMap(SemanticVersion.init))
            case "SEMVER_LTE": .version(.lessOrEqual, value.flatMap(SemanticVersion.init))
            case "REGEX": .pattern(value.flatMap { FlagPattern($0, caseInsensitive: caseInsensitive) })
            case "IN_CIDR": .network(values.compactMap(IPAddressRange.init))
            default: .unknown
            }
        self.test = Self.isEvaluable(test, givenValues: values.count) ? test : .unknown
    }

    /// Whether every value the test needs parsed; `IN_CIDR` needs one network when given any.
    private static func isEvaluable(_ test: Test, givenValues: Int) -> Bool {
        switch test {
        case .number(_, nil), .date(_, nil), .version(_, nil), .pattern(nil), .unknown: false
        case .network(let ranges): givenValues == 0 || !ranges.isEmpty
        default: true
        }
    }

    /// Whether the context satisfies the constraint.
    func isSatisfied(by context: FlagContext, now: Date) -> Bool {
        if case .unknown = test { return false }
        return holds(for: context, now: now) != inverted
    }

    private func holds(for context: FlagContext, now: Date) -> Bool {
        switch test {
        case .member(let values, let negated):
            let isMember = context.value(of: field).map(values.contains) ?? false
            return isMember != negated
        case .string(let match, let values, let caseInsensitive):
            guard var candidate = context.value(of: field) else { return false }
            if caseInsensitive { candidate = candidate.lowercased() }
            return values.contains { value in
                switch match {
                case .prefix: candidate.hasPrefix(value)
                case .suffix: candidate.hasSuffix(value)
                case .contains: candidate.contains(value)
                }
            }
        case .number(let comparison, let value):
            guard let value, let candidate = context.value(of: field).flatMap(Self.number) else { return false }
            return Self.compare(candidate, comparison, value)
        case .date(let comparison, let value):
            guard let value, let candidate = date(in: context, now: now) else { return false }
            return comparison == .after ? candidate > value : candidate < value
        case .version(let comparison, let value):
            guard let value, let candidate = context.value(of: field).flatMap(SemanticVersion.init) else { return false }
            return Self.compare(candidate, comparison, value)
        case .pattern(let pattern):
            guard let pattern, let candidate = context.value(of: field) else { return false }
            return pattern.matches(candidate)
        case .network(let ranges):
            guard let candidate = context.value(of: field).flatMap(IPAddressRange.parseAddress) else { return false }
            return ranges.contains { $0.contains(address: candidate) }
        case .unknown:
            return false
        }
    }

    /// `currentTime` is the context's time or now; any other field is parsed as a date.
    private func date(in context: FlagContext, now: Date) -> Date? {
        if field == .currentTime { return context.currentTime ?? now }
        return context.value(of: field).flatMap(FlagDate.parse)
    }

    private static func folded(_ values: [String], _ caseInsensitive: Bool) -> [String] {
        caseInsensitive ? values.map { $0.lowercased() } : values
    }

    /// A decimal number as JavaScript's `Number()` reads one; `nil` where it gives `NaN`.
    static func number(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return 0 }
        guard trimmed.allSatisfy({ $0.isNumber || "+-.eE".contains($0) }) else { return nil }
        return Double(trimmed)
    }

    private static func compare<Value: Comparable>(_ candidate: Value, _ comparison: NumberComparison, _ value: Value) -> Bool {
        switch comparison {
        case .equal: candidate == value
        case .greater: candidate > value
        case .greaterOrEqual: candidate >= value
        case .less: candidate < value
        case .lessOrEqual: candidate <= value
        }
    }
}
