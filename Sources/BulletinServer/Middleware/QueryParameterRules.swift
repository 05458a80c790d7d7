import BulletinCore
import Foundation
import HTTPTypes

/// What each operation's query parameters must be, read from the OpenAPI document: their
/// type, length, pattern, range, allowed values and count, so that the server refuses every
/// query the document calls invalid (the generated layer checks only types).
///
/// A broken rule is a 400 `bad-request` whose `errors` name each parameter
/// (`#/query/tag`). Dates (`format: date-time`) are left to the date transcoder, which names
/// the parameter itself (``RequestDateFields``). Lengths count Unicode code points, as JSON
/// Schema does; patterns are searched for anywhere in the value, as JSON Schema does.
struct QueryParameterRules: Sendable {
    /// One parameter's rules.
    struct Rule: Sendable {
        let name: String
        let required: Bool
        let schema: ValueRules
        /// For an array parameter (repeated, `tag=a&tag=b`): the fewest and most values.
        let minItems: Int?
        let maxItems: Int?
        let isArray: Bool
    }

    /// The rules for one value.
    struct ValueRules: @unchecked Sendable {  // NSRegularExpression is immutable and thread-safe
        enum Kind: Sendable { case string, integer, number, boolean }
        var kind: Kind = .string
        var minLength: Int?
        var maxLength: Int?
        var pattern: (source: String, expression: NSRegularExpression)?
        var minimum: Double?
        var maximum: Double?
        var allowed: [String]?
        var isDate = false
    }

    private let operations: [String: [Rule]]

    init(operations: [String: [Rule]]) {
        self.operations = operations
    }

    /// Reads the rules from an OpenAPI document.
    init(openAPIDocument bytes: [UInt8]) throws {
        let document = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] ?? [:]
        let components = document["components"] as? [String: Any] ?? [:]
        let schemas = components["schemas"] as? [String: Any] ?? [:]
        let sharedParameters = components["parameters"] as? [String: Any] ?? [:]
        var operations: [String: [Rule]] = [:]
        for (path, item) in document["paths"] as? [String: Any] ?? [:] {
            for (method, value) in item as? [String: Any] ?? [:] {
                guard let operation = value as? [String: Any] else { continue }
                var rules: [Rule] = []
                for case var parameter as [String: Any] in operation["parameters"] as? [Any] ?? [] {
                    if let reference = parameter["$ref"] as? String {
                        parameter = sharedParameters[Self.lastComponent(reference)] as? [String: Any] ?? [:]
                    }
                    guard parameter["in"] as? String == "query", let name = parameter["name"] as? String,
                        let schema = Self.resolved(parameter["schema"] as? [String: Any], schemas: schemas)
                    else { continue }
                    let isArray = schema["type"] as? String == "array"
                    let items = isArray ? Self.resolved(schema["items"] as? [String: Any], schemas: schemas) ?? [:] : schema
                    rules.append(
                        Rule(
                            name: name, required: parameter["required"] as? Bool ?? false,
                            schema: try Self.valueRules(items), minItems: schema["minItems"] as? Int,
                            maxItems: schema["maxItems"] as? Int, isArray: isArray))
                }
                if !rules.isEmpty { operations[Self.key(method.uppercased(), path)] = rules }
            }
        }
        self.operations = operations
    }

    /// The problems of a request's query at a method and route template; empty when it is
    /// valid or the operation takes no query parameters.
    ///
    /// - Parameter query: The query as sent (percent-encoded), without the `?`.
    func problems(method: HTTPRequest.Method, path: String, query: String?) -> [FieldError] {
        let method = method == .head ? "GET" : method.rawValue
        guard let rules = operations[Self.key(method, path)] else { return [] }
        let values = Self.decoded(query ?? "")
        var problems: [FieldError] = []
        for rule in rules {
            let given = values.filter { $0.name == rule.name }.map(\.value)
            let pointer = "#/query/" + rule.name
            if given.isEmpty {
                if rule.required { problems.append(FieldError(pointer: pointer, message: "This parameter is required.")) }
                continue
            }
            if !rule.isArray, given.count > 1 {
                problems.append(FieldError(pointer: pointer, message: "Give this parameter once."))
                continue
            }
            if let maxItems = rule.maxItems, given.count > maxItems {
                problems.append(FieldError(pointer: pointer, message: "Give at most \(maxItems) values."))
                continue
            }
            if let minItems = rule.minItems, given.count < minItems {
                problems.append(FieldError(pointer: pointer, message: "Give at least \(minItems) values."))
                continue
            }
            if let message = given.lazy.compactMap({ Self.problem(with: $0, under: rule.schema) }).first {
                problems.append(FieldError(pointer: pointer, message: message))
            }
        }
        return problems
    }

    /// Why one value breaks its rules, or `nil`.
    static func problem(with value: String, under rules: ValueRules) -> String? {
        switch rules.kind {
        case .integer:
            guard let number = Int(value) else { return "Give a whole number." }
            return rangeProblem(Double(number), rules)
        case .number:
            guard let number = Double(value), number.isFinite else { return "Give a number." }
            return rangeProblem(number, rules)
        case .boolean:
            return Bool(value) == nil ? "Give true or false." : nil
        case .string:
            if rules.isDate { return nil }
            let length = value.unicodeScalars.count
            if let allowed = rules.allowed, !allowed.contains(value) {
                return "Give one of: \(allowed.joined(separator: ", "))."
            }
            if let minLength = rules.minLength, length < minLength {
                return minLength == 1 ? "Give a value." : "Use at least \(minLength) characters."
            }
            if let maxLength = rules.maxLength, length > maxLength { return "Use at most \(maxLength) characters." }
            if let pattern = rules.pattern, !matches(value, pattern) {
                return "Does not have the expected form (\(pattern.source))."
            }
            return nil
        }
    }

    /// Whether a pattern matches anywhere in the value. A final `$` means the end of the
    /// value, as in JSON Schema (ECMA-262), not also a line break just before it, as in ICU.
    private static func matches(_ value: String, _ pattern: (source: String, expression: NSRegularExpression)) -> Bool {
        let whole = NSRange(value.startIndex..., in: value)
        guard let match = pattern.expression.firstMatch(in: value, range: whole) else { return false }
        let anchoredAtEnd = pattern.source.hasSuffix("$") && !pattern.source.hasSuffix("\\$")
        return !anchoredAtEnd || match.range.upperBound == whole.upperBound
    }

    private static func rangeProblem(_ number: Double, _ rules: ValueRules) -> String? {
        switch (rules.minimum, rules.maximum) {
        case (let minimum?, let maximum?) where number < minimum || number > maximum:
            return "Give a number from \(formatted(minimum)) to \(formatted(maximum))."
        case (let minimum?, nil) where number < minimum: return "Give a number of at least \(formatted(minimum))."
        case (nil, let maximum?) where number > maximum: return "Give a number of at most \(formatted(maximum))."
        default: return nil
        }
    }

    private static func formatted(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }

    private static func valueRules(_ schema: [String: Any]) throws -> ValueRules {
        var rules = ValueRules()
        switch schema["type"] as? String {
        case "integer": rules.kind = .integer
        case "number": rules.kind = .number
        case "boolean": rules.kind = .boolean
        default: rules.kind = .string
        }
        rules.minLength = schema["minLength"] as? Int
        rules.maxLength = schema["maxLength"] as? Int
        rules.minimum = (schema["minimum"] as? NSNumber)?.doubleValue
        rules.maximum = (schema["maximum"] as? NSNumber)?.doubleValue
        rules.allowed = schema["enum"] as? [String]
        rules.isDate = schema["format"] as? String == "date-time"
        if let pattern = schema["pattern"] as? String {
            rules.pattern = (pattern, try NSRegularExpression(pattern: pattern))
        }
        return rules
    }

    /// The query's name–value pairs as the generated layer reads them: `+` is a space, then
    /// percent-escapes are decoded (a value that does not decode reads as empty).
    static func decoded(_ query: String) -> [(name: String, value: String)] {
        query.split(separator: "&", omittingEmptySubsequences: true).map { item in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    private static func resolved(_ schema: [String: Any]?, schemas: [String: Any]) -> [String: Any]? {
        guard let reference = schema?["$ref"] as? String else { return schema }
        return schemas[lastComponent(reference)] as? [String: Any]
    }

    private static func lastComponent(_ reference: String) -> String {
        String(reference.split(separator: "/").last ?? "")
    }

    private static func key(_ method: String, _ path: String) -> String { method + " " + path }
}
