import Foundation

/// The validation vocabulary: assertions about one value, which add no annotations.
extension SchemaEvaluator {
    func applyAssertions(_ frame: SchemaFrame, into outcome: inout SchemaOutcome) {
        let members = frame.members
        let instance = frame.instance
        let location = frame.location
        if let type = members["type"], !Self.matchesType(type, instance) {
            let names = type.arrayValue?.compactMap(\.stringValue) ?? [type.stringValue ?? ""]
            let article = names.count == 1 ? "of type " : "one of the types "
            outcome.fail("type", "must be " + article + names.joined(separator: ", "), at: location)
        }
        if case .array(let allowed) = members["enum"], !allowed.contains(where: { $0.isIdentical(to: instance) }) {
            outcome.fail("enum", "must be one of the allowed values", at: location)
        }
        if let constant = members["const"], !constant.isIdentical(to: instance) {
            outcome.fail("const", "must be \(SchemaText.value(constant))", at: location)
        }
        switch instance {
        case .number(let number): assertNumber(number, members, location, into: &outcome)
        case .string(let text): assertString(text, members, location, into: &outcome)
        case .array(let elements): assertArray(elements, members, location, into: &outcome)
        case .object(let object): assertObject(object, members, location, into: &outcome)
        default: break
        }
    }

    private static func matchesType(_ type: JSONValue, _ instance: JSONValue) -> Bool {
        switch type {
        case .string(let name): name == instance.typeName || (name == "integer" && instance.isInteger)
        case .array(let names): names.contains { matchesType($0, instance) }
        default: true
        }
    }

    private func assertNumber(
        _ number: Double, _ members: [String: JSONValue], _ location: InstanceLocation, into outcome: inout SchemaOutcome
    ) {
        if let divisor = members["multipleOf"]?.numberValue, !Self.isMultiple(number, of: divisor) {
            outcome.fail("multipleOf", "must be a multiple of \(SchemaText.number(divisor))", at: location)
        }
        if let limit = members["maximum"]?.numberValue, number > limit {
            outcome.fail("maximum", "must be at most \(SchemaText.number(limit))", at: location)
        }
        if let limit = members["exclusiveMaximum"]?.numberValue, number >= limit {
            outcome.fail("exclusiveMaximum", "must be less than \(SchemaText.number(limit))", at: location)
        }
        if let limit = members["minimum"]?.numberValue, number < limit {
            outcome.fail("minimum", "must be at least \(SchemaText.number(limit))", at: location)
        }
        if let limit = members["exclusiveMinimum"]?.numberValue, number <= limit {
            outcome.fail("exclusiveMinimum", "must be greater than \(SchemaText.number(limit))", at: location)
        }
    }

    /// Whether a number is a whole multiple of a divisor, in decimal arithmetic where it fits:
    /// in binary floating point 0.0075 / 0.0001 is not 75.
    static func isMultiple(_ number: Double, of divisor: Double) -> Bool {
        guard divisor > 0, number.isFinite else { return false }
        let quotient = number / divisor
        guard quotient.isFinite else { return false }
        if let decimalNumber = Decimal(string: String(number)), let decimalDivisor = Decimal(string: String(divisor)),
            !decimalNumber.isNaN, !decimalDivisor.isNaN, abs(quotient) < 1e30
        {
            var exact = decimalNumber / decimalDivisor
            var rounded = Decimal()
            NSDecimalRound(&rounded, &exact, 0, .plain)
            return rounded == exact
        }
        return quotient.rounded() == quotient
    }

    private func assertString(
        _ text: String, _ members: [String: JSONValue], _ location: InstanceLocation, into outcome: inout SchemaOutcome
    ) {
        // Lengths count code points, as the specification says, not grapheme clusters or UTF-16 units.
        let length = Double(text.unicodeScalars.count)
        if let limit = members["maxLength"]?.numberValue, length > limit {
            outcome.fail("maxLength", "must be at most \(SchemaText.count(limit, "character", "characters"))", at: location)
        }
        if let limit = members["minLength"]?.numberValue, length < limit {
            outcome.fail("minLength", "must be at least \(SchemaText.count(limit, "character", "characters"))", at: location)
        }
        if case .string(let pattern) = members["pattern"], !index.patterns.matches(pattern, text) {
            outcome.fail("pattern", "must match the pattern \(pattern)", at: location)
        }
    }

    private func assertArray(
        _ elements: [JSONValue], _ members: [String: JSONValue], _ location: InstanceLocation, into outcome: inout SchemaOutcome
    ) {
        let count = Double(elements.count)
        if let limit = members["maxItems"]?.numberValue, count > limit {
            outcome.fail("maxItems", "must have at most \(SchemaText.count(limit, "item", "items"))", at: location)
        }
        if let limit = members["minItems"]?.numberValue, count < limit {
            outcome.fail("minItems", "must have at least \(SchemaText.count(limit, "item", "items"))", at: location)
        }
        if members["uniqueItems"] == .bool(true), Self.hasDuplicates(elements) {
            outcome.fail("uniqueItems", "must not contain the same item twice", at: location)
        }
    }

    /// Whether two elements are the same JSON value. Hashing finds candidates quickly; only
    /// when it finds some are they compared pairwise, code point by code point.
    private static func hasDuplicates(_ elements: [JSONValue]) -> Bool {
        guard Set(elements).count != elements.count else { return false }
        for (position, element) in elements.enumerated() {
            if elements[(position + 1)...].contains(where: { $0.isIdentical(to: element) }) { return true }
        }
        return false
    }

    private func assertObject(
        _ object: [String: JSONValue], _ members: [String: JSONValue], _ location: InstanceLocation, into outcome: inout SchemaOutcome
    ) {
        let count = Double(object.count)
        if let limit = members["maxProperties"]?.numberValue, count > limit {
            outcome.fail("maxProperties", "must have at most \(SchemaText.count(limit, "property", "properties"))", at: location)
        }
        if let limit = members["minProperties"]?.numberValue, count < limit {
            outcome.fail("minProperties", "must have at least \(SchemaText.count(limit, "property", "properties"))", at: location)
        }
        // A missing member is reported at its own pointer: that is the field a form highlights.
        if case .array(let required) = members["required"] {
            for case .string(let name) in required where object[name] == nil {
                outcome.fail("required", "is required", at: location.appending(name))
            }
        }
        if case .object(let dependencies) = members["dependentRequired"] {
            for (trigger, needed) in dependencies.sorted(by: { $0.key < $1.key }) where object[trigger] != nil {
                for case .string(let name) in needed.arrayValue ?? [] where object[name] == nil {
                    outcome.fail("dependentRequired", "is required when \(trigger) is present", at: location.appending(name))
                }
            }
        }
    }
}
