import Foundation

/// One evaluation of a JSON Logic rule: the data, and the scopes iterators open above it.
///
/// Inside `map`, `filter`, `reduce`, `all`, `some` and `none` the scope stack holds the outer
/// data, then `{"index": i}`, then the item; `{"val": [[n], …]}` climbs `n` scopes up.
struct LogicEvaluator {
    private var scopes: [JSONValue]

    init(data: JSONValue) {
        scopes = [data]
    }

    private var current: JSONValue { scopes[scopes.count - 1] }

    mutating func evaluate(_ rule: JSONValue) throws(LogicError) -> JSONValue {
        switch rule {
        case .array(let elements):
            var values: [JSONValue] = []
            values.reserveCapacity(elements.count)
            for element in elements { values.append(try evaluate(element)) }
            return .array(values)
        case .object(let members) where members.count == 1:
            let (name, arguments) = members.first.unsafelyUnwrapped
            return try operate(name, arguments)
        default:
            return rule
        }
    }

    private mutating func operate(_ name: String, _ arguments: JSONValue) throws(LogicError) -> JSONValue {
        switch name {
        case "var": return try variable(evaluatedList(arguments))
        case "val": return try value(evaluatedList(arguments))
        case "exists": return .bool(exists(try evaluatedList(arguments)))
        case "missing": return try missing(evaluatedList(arguments))
        case "missing_some": return try missingSome(evaluatedList(arguments))
        case "if", "?:": return try conditional(literalList(arguments))
        case "and": return try junction(literalList(arguments), stopWhen: false)
        case "or": return try junction(literalList(arguments), stopWhen: true)
        case "!": return .bool(!LogicCoercion.truthy(try single(arguments)))
        case "!!": return .bool(LogicCoercion.truthy(try single(arguments)))
        case "??": return try coalesce(arguments)
        case "==", "===", "!=", "!==", "<", "<=", ">", ">=": return try comparison(name, literalList(arguments))
        case "+", "-", "*", "/", "%": return try arithmetic(name, evaluatedList(arguments))
        case "min", "max": return try extreme(name, evaluatedList(arguments))
        case "cat": return .string(try evaluatedList(arguments).map(LogicCoercion.text).joined())
        case "substr": return try substring(evaluatedList(arguments))
        case "in": return try contains(evaluatedList(arguments))
        case "merge": return .array(try evaluatedList(arguments).flatMap { $0.arrayValue ?? [$0] })
        case "map", "filter", "reduce", "all", "some", "none": return try iterate(name, literalList(arguments))
        case "preserve": return arguments
        case "throw": throw .thrown(try single(arguments))
        case "try": return try attempt(arguments.arrayValue ?? [arguments])
        case "log": return try evaluatedList(arguments).first ?? .null
        default: throw .unknownOperator(name)
        }
    }

    // MARK: Arguments

    /// Arguments for operators that take a computed list: a literal array is evaluated element by
    /// element; a rule is evaluated and its array (or its one value) is the list; a literal is one.
    private mutating func evaluatedList(_ arguments: JSONValue) throws(LogicError) -> [JSONValue] {
        if case .array(let elements) = arguments {
            var values: [JSONValue] = []
            for element in elements { values.append(try evaluate(element)) }
            return values
        }
        let value = try evaluate(arguments)
        if JSONLogic.operation(of: arguments) != nil, case .array(let elements) = value { return elements }
        return [value]
    }

    /// Arguments for operators that evaluate lazily (conditions, comparisons, iterators): they
    /// must be written as a literal array.
    private func literalList(_ arguments: JSONValue) throws(LogicError) -> [JSONValue] {
        guard case .array(let elements) = arguments else { throw .invalidArguments }
        return elements
    }

    /// The one argument of `!`, `!!` and `throw`: the first element of an array, else the value.
    private mutating func single(_ arguments: JSONValue) throws(LogicError) -> JSONValue {
        guard case .array(let elements) = arguments else { return try evaluate(arguments) }
        guard let first = elements.first else { return .null }
        return try evaluate(first)
    }

    // MARK: Data

    private func variable(_ list: [JSONValue]) -> JSONValue {
        let fallback = list.count > 1 ? list[1] : .null
        let path = list.first ?? .null
        let segments: [JSONValue]
        switch path {
        case .null: return current
        case .string(let text) where text.isEmpty: return current
        case .string(let text): segments = text.split(separator: ".", omittingEmptySubsequences: false).map { .string(String($0)) }
        case .number: segments = [path]
        case .array(let elements) where elements.isEmpty: return current
        default: segments = [.string(LogicCoercion.text(path))]
        }
        let found = lookUp(segments: segments, in: current) ?? .null
        return found == .null ? fallback : found
    }

    private func value(_ list: [JSONValue]) -> JSONValue {
        let levels = list.first?.arrayValue?.first?.numberValue
        return climbing(levels, list).flatMap { lookUp(segments: $1, in: $0) } ?? .null
    }

    /// The scope a `val` or `exists` path starts from and the rest of its segments: with a first
    /// segment `[n]`, `n` scopes up (nothing above the root); otherwise the current data.
    private func climbing(_ levels: Double?, _ list: [JSONValue]) -> (JSONValue, [JSONValue])? {
        guard let levels else { return (current, list) }
        let up = abs(levels)
        guard up < Double(scopes.count) else { return nil }
        return (scopes[scopes.count - 1 - Int(up)], Array(list.dropFirst()))
    }

    private func exists(_ list: [JSONValue]) -> Bool {
        let levels = list.first?.arrayValue?.first?.numberValue
        return climbing(levels, list).flatMap { lookUp(segments: $1, in: $0) } != nil
    }

    /// The value at a path of keys and indexes, or `nil` when the path leads nowhere (a present
    /// null is `.null`, which `exists` tells apart from a missing member).
    private func lookUp(segments: [JSONValue], in data: JSONValue) -> JSONValue? {
        var node = data
        for segment in segments {
            switch node {
            case .object(let members):
                guard let next = members[LogicCoercion.text(segment)] else { return nil }
                node = next
            case .array(let elements):
                guard let position = Self.index(segment), position < elements.count else { return nil }
                node = elements[position]
            default:
                return nil
            }
        }
        return node
    }

    /// An array position: a whole number from 0, or its digits written plainly ("01" and "+1" are none).
    private static func index(_ segment: JSONValue) -> Int? {
        switch segment {
        case .number(let number) where number >= 0 && number < 1e15 && number.rounded(.towardZero) == number:
            return Int(number)
        case .string(let text) where text == "0" || (text.first != "0" && text.allSatisfy { ("0"..."9").contains($0) } && text.count < 16):
            return Int(text)
        default:
            return nil
        }
    }

    private func missing(_ list: [JSONValue]) -> JSONValue {
        let keys = list.first?.arrayValue ?? list
        return .array(
            keys.filter { key in
                let found = variable([key])
                return found == .null || found == ""
            })
    }

    private func missingSome(_ list: [JSONValue]) throws(LogicError) -> JSONValue {
        guard list.count >= 2, case .array(let keys) = list[1] else { throw .invalidArguments }
        let needed = try LogicCoercion.number(list[0])
        guard case .array(let absent) = missing([.array(keys)]) else { return [] }
        return Double(keys.count - absent.count) >= needed ? [] : .array(absent)
    }

    // MARK: Logic

    private mutating func conditional(_ list: [JSONValue]) throws(LogicError) -> JSONValue {
        var index = 0
        while index < list.count {
            if index == list.count - 1 { return try evaluate(list[index]) }
            if LogicCoercion.truthy(try evaluate(list[index])) { return try evaluate(list[index + 1]) }
            index += 2
        }
        return .null
    }

    private mutating func junction(_ list: [JSONValue], stopWhen truth: Bool) throws(LogicError) -> JSONValue {
        var last: JSONValue = false
        for rule in list {
            last = try evaluate(rule)
            if LogicCoercion.truthy(last) == truth { return last }
        }
        return last
    }

    private mutating func coalesce(_ arguments: JSONValue) throws(LogicError) -> JSONValue {
        guard case .array(let list) = arguments else { return try evaluatedList(arguments).first { $0 != .null } ?? .null }
        for rule in list {
            let value = try evaluate(rule)
            if value != .null { return value }
        }
        return .null
    }

    private mutating func attempt(_ list: [JSONValue]) throws(LogicError) -> JSONValue {
        var failure = LogicError.invalidArguments
        for (position, rule) in list.enumerated() {
            do {
                if position == 0 { return try evaluate(rule) }
                scopes += [.null, failure.payload]
                defer { scopes.removeLast(2) }
                return try evaluate(rule)
            } catch {
                failure = error
            }
        }
        throw failure
    }

    // MARK: Comparison and arithmetic

    private mutating func comparison(_ name: String, _ list: [JSONValue]) throws(LogicError) -> JSONValue {
        guard list.count >= 2 else { throw .invalidArguments }
        var left = try evaluate(list[0])
        for rule in list.dropFirst() {
            let right = try evaluate(rule)
            let holds: Bool
            switch name {
            case "==": holds = try LogicCoercion.looselyEqual(left, right)
            case "!=": holds = !(try LogicCoercion.looselyEqual(left, right))
            case "===": holds = LogicCoercion.strictlyEqual(left, right)
            case "!==": holds = !LogicCoercion.strictlyEqual(left, right)
            case "<": holds = try LogicCoercion.compare(left, right) == .orderedAscending
            case "<=": holds = try LogicCoercion.compare(left, right) != .orderedDescending
            case ">": holds = try LogicCoercion.compare(left, right) == .orderedDescending
            default: holds = try LogicCoercion.compare(left, right) != .orderedAscending
            }
            if !holds { return false }
            left = right
        }
        return true
    }

    private func arithmetic(_ name: String, _ list: [JSONValue]) throws(LogicError) -> JSONValue {
        var numbers: [Double] = []
        for value in list { numbers.append(try LogicCoercion.number(value)) }
        switch (name, numbers.count) {
        case ("+", _): return try LogicCoercion.finite(numbers.reduce(0, +))
        case ("*", _): return try LogicCoercion.finite(numbers.reduce(1, *))
        case ("-", 0), ("/", 0), ("%", 0...1): throw .invalidArguments
        case ("-", 1): return try LogicCoercion.finite(-numbers[0])
        case ("/", 1): return try LogicCoercion.finite(1 / numbers[0])
        case ("-", _): return try LogicCoercion.finite(numbers.dropFirst().reduce(numbers[0], -))
        case ("/", _): return try LogicCoercion.finite(numbers.dropFirst().reduce(numbers[0], /))
        default:
            return try LogicCoercion.finite(
                numbers.dropFirst().reduce(numbers[0]) { $0.truncatingRemainder(dividingBy: $1) })
        }
    }

    private func extreme(_ name: String, _ list: [JSONValue]) throws(LogicError) -> JSONValue {
        var numbers: [Double] = []
        for value in list {
            guard case .number(let number) = value else { throw .invalidArguments }
            numbers.append(number)
        }
        guard !numbers.isEmpty else { throw .invalidArguments }
        return .number((name == "min" ? numbers.min() : numbers.max()) ?? 0)
    }

    // MARK: Strings and arrays

    private func substring(_ list: [JSONValue]) throws(LogicError) -> JSONValue {
        let units = Array(LogicCoercion.text(list.first ?? .null).utf16)
        let start = Self.clamped(list.count > 1 ? try LogicCoercion.number(list[1]) : 0)
        let from = start < 0 ? max(units.count + start, 0) : min(start, units.count)
        var rest = units[from...]
        if list.count > 2 {
            let length = Self.clamped(try LogicCoercion.number(list[2]))
            rest = rest.prefix(length < 0 ? max(rest.count + length, 0) : length)
        }
        return .string(String(decoding: rest, as: UTF16.self))
    }

    /// A position or length as a whole number, infinities and NaN kept within `Int`'s range.
    private static func clamped(_ number: Double) -> Int {
        guard !number.isNaN else { return 0 }
        return Int(max(min(number.rounded(.towardZero), 1e15), -1e15))
    }

    private func contains(_ list: [JSONValue]) -> JSONValue {
        guard list.count >= 2 else { return false }
        switch list[1] {
        case .string(let text): return .bool(LogicCoercion.text(list[0]).isEmpty || text.contains(LogicCoercion.text(list[0])))
        case .array(let elements): return .bool(elements.contains { LogicCoercion.strictlyEqual($0, list[0]) })
        default: return false
        }
    }

    // MARK: Iterators

    private mutating func iterate(_ name: String, _ list: [JSONValue]) throws(LogicError) -> JSONValue {
        let transforms = ["map", "filter", "reduce"].contains(name)
        guard list.count >= 2, list[0] != .null, !(transforms && list[1] == .null) else { throw .invalidArguments }
        let items: [JSONValue]
        switch try evaluate(list[0]) {
        case .array(let elements): items = elements
        case .null where transforms: items = []
        default: throw .invalidArguments
        }
        let body = list[1]
        switch name {
        case "map":
            var results: [JSONValue] = []
            for (index, item) in items.enumerated() { results.append(try evaluate(body, item: item, index: index)) }
            return .array(results)
        case "filter":
            var kept: [JSONValue] = []
            for (index, item) in items.enumerated() where LogicCoercion.truthy(try evaluate(body, item: item, index: index)) {
                kept.append(item)
            }
            return .array(kept)
        case "reduce":
            var accumulator = list.count > 2 ? try evaluate(list[2]) : .null
            for (index, item) in items.enumerated() {
                accumulator = try evaluate(body, item: ["current": item, "accumulator": accumulator], index: index)
            }
            return accumulator
        default:
            var matches = 0
            for (index, item) in items.enumerated() where LogicCoercion.truthy(try evaluate(body, item: item, index: index)) {
                matches += 1
                if name == "some" { return true }
                if name == "none" { return false }
            }
            switch name {
            case "all": return .bool(!items.isEmpty && matches == items.count)
            case "some": return false
            default: return true
            }
        }
    }

    private mutating func evaluate(_ body: JSONValue, item: JSONValue, index: Int) throws(LogicError) -> JSONValue {
        scopes.append(["index": .number(Double(index))])
        scopes.append(item)
        defer { scopes.removeLast(2) }
        return try evaluate(body)
    }
}
