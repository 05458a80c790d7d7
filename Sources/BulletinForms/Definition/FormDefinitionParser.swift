import BulletinCore
import Foundation

/// Reads a definition's JSON into pages and elements, gathering every problem of shape
/// (unknown types, missing keys and labels, bad constraints, duplicate keys, limits) with its
/// pointer. Rule references and cycles are checked afterwards by ``FormRuleGraph``.
struct FormDefinitionParser {
    let limits: FormLimits
    private(set) var problems: [FieldError] = []
    private var elementCount = 0
    private var keysSeen: [String: String] = [:]

    init(limits: FormLimits) {
        self.limits = limits
    }

    mutating func pages(_ json: JSONValue) -> [FormPage] {
        if json.jsonText().utf8.count > limits.definitionBytes {
            problem("", "is larger than \(limits.definitionBytes / 1024) KB")
            return []
        }
        guard case .object(let root) = json else {
            problem("", "must be an object with pages")
            return []
        }
        guard case .array(let pages) = root["pages"] ?? .null, !pages.isEmpty else {
            problem("/pages", "must list at least one page")
            return []
        }
        if pages.count > limits.pages { problem("/pages", "may hold at most \(limits.pages) pages") }
        return pages.prefix(limits.pages).enumerated().map { index, page in
            let pointer = "/pages/\(index)"
            let title = text(page["title"], at: pointer + "/title") ?? ""
            return FormPage(
                title: title, description: text(page["description"], at: pointer + "/description"),
                visibleIf: rule(page["visibleIf"], at: pointer + "/visibleIf"),
                elements: elements(page["elements"], at: pointer + "/elements", depth: 1))
        }
    }

    private mutating func elements(_ value: JSONValue?, at pointer: String, depth: Int) -> [FormElement] {
        guard case .array(let items) = value ?? .null else {
            problem(pointer, "must be a list of elements")
            return []
        }
        if depth > limits.depth {
            problem(pointer, "nests panels deeper than \(limits.depth) levels")
            return []
        }
        return items.enumerated().compactMap { index, item in element(item, at: "\(pointer)/\(index)", depth: depth) }
    }

    private mutating func element(_ value: JSONValue, at pointer: String, depth: Int) -> FormElement? {
        elementCount += 1
        if elementCount == limits.elements + 1 { problem(pointer, "is past the limit of \(limits.elements) elements") }
        guard case .object(let members) = value else {
            problem(pointer, "must be an object")
            return nil
        }
        guard let typeName = members["type"]?.stringValue, let type = FormElementType(rawValue: typeName) else {
            let known = FormElementType.allCases.map(\.rawValue).joined(separator: ", ")
            problem(pointer + "/type", "must be one of: \(known)")
            return nil
        }
        let key = self.key(members["key"], type: type, at: pointer + "/key")
        let label = text(members["label"], at: pointer + "/label") ?? ""
        if label.isEmpty && type != .hidden && type != .computed && type != .panel {
            problem(pointer + "/label", "must not be empty")
        }
        let options = self.options(members["options"], at: pointer + "/options")
        if type.needsOptions && options.isEmpty { problem(pointer + "/options", "must list at least one choice") }
        let rows = self.options(members["rows"], at: pointer + "/rows")
        if type == .matrix && rows.isEmpty { problem(pointer + "/rows", "must list at least one row") }
        let expression = rule(members["expression"], at: pointer + "/expression")
        if type == .computed && expression == nil { problem(pointer + "/expression", "must be a rule that computes the value") }
        let children = type.isContainer ? elements(members["elements"], at: pointer + "/elements", depth: depth + 1) : []
        let minimum = number(members["min"], at: pointer + "/min")
        let maximum = number(members["max"], at: pointer + "/max")
        if let minimum, let maximum, minimum > maximum { problem(pointer + "/max", "must not be less than min") }
        let minimumText = members["min"]?.stringValue
        let maximumText = members["max"]?.stringValue
        let pattern = text(members["pattern"], at: pointer + "/pattern")
        if let pattern, (try? NSRegularExpression(pattern: pattern)) == nil {
            problem(pointer + "/pattern", "is not a regular expression")
        }
        return FormElement(
            type: type, key: key, label: label, help: text(members["help"], at: pointer + "/help"),
            placeholder: text(members["placeholder"], at: pointer + "/placeholder"), defaultValue: members["default"],
            required: members["required"]?.boolValue ?? false,
            visibleIf: rule(members["visibleIf"], at: pointer + "/visibleIf"),
            requiredIf: rule(members["requiredIf"], at: pointer + "/requiredIf"),
            enabledIf: rule(members["enabledIf"], at: pointer + "/enabledIf"), expression: expression,
            checks: checks(members["checks"], at: pointer + "/checks"), options: options, rows: rows,
            minimum: minimum, maximum: maximum, step: number(members["step"], at: pointer + "/step"),
            minimumText: minimumText, maximumText: maximumText,
            minLength: count(members["minLength"], at: pointer + "/minLength"),
            maxLength: count(members["maxLength"], at: pointer + "/maxLength"), pattern: pattern,
            elements: children, pointer: pointer)
    }

    private mutating func key(_ value: JSONValue?, type: FormElementType, at pointer: String) -> String? {
        guard let value, value != .null else {
            if type.holdsAnswer { problem(pointer, "is required: the answer is stored under it") }
            return nil
        }
        guard let key = value.stringValue, Self.isKey(key) else {
            problem(pointer, "must start with a letter and hold only letters, digits and _ (at most 64)")
            return nil
        }
        if let first = keysSeen[key] {
            problem(pointer, "duplicates the key \"\(key)\" of \(first)")
        } else {
            keysSeen[key] = String(pointer.dropLast("/key".count))
        }
        return key
    }

    /// A letter, then letters, digits and underscores: at most 64 in all.
    private static func isKey(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.unicodeScalars.count <= 64,
            ("a"..."z").contains(first) || ("A"..."Z").contains(first)
        else { return false }
        return text.unicodeScalars.allSatisfy {
            $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        }
    }

    private mutating func options(_ value: JSONValue?, at pointer: String) -> [FormOption] {
        guard let value, value != .null else { return [] }
        guard case .array(let items) = value, items.count <= limits.options else {
            problem(pointer, "must be a list of at most \(limits.options) choices")
            return []
        }
        var seen = Set<String>()
        return items.enumerated().compactMap { index, item in
            let option: FormOption
            switch item {
            case .string(let text): option = FormOption(value: text, label: text)
            case .number(let number):
                option = FormOption(value: LogicCoercion.text(.number(number)), label: LogicCoercion.text(.number(number)))
            case .object(let members):
                guard let value = members["value"].map(LogicCoercion.text), !value.isEmpty else {
                    problem("\(pointer)/\(index)/value", "must not be empty")
                    return nil
                }
                option = FormOption(value: value, label: members["label"]?.stringValue ?? value)
            default:
                problem("\(pointer)/\(index)", "must be text or {\"value\", \"label\"}")
                return nil
            }
            guard seen.insert(option.value).inserted else {
                problem("\(pointer)/\(index)", "repeats the choice \"\(option.value)\"")
                return nil
            }
            return option
        }
    }

    private mutating func checks(_ value: JSONValue?, at pointer: String) -> [FormCheck] {
        guard let value, value != .null else { return [] }
        guard case .array(let items) = value else {
            problem(pointer, "must be a list of {\"rule\", \"message\"}")
            return []
        }
        return items.enumerated().compactMap { index, item in
            guard let rule = rule(item["rule"], at: "\(pointer)/\(index)/rule"),
                let message = text(item["message"], at: "\(pointer)/\(index)/message"), !message.isEmpty
            else {
                problem("\(pointer)/\(index)", "must have a rule and a message")
                return nil
            }
            return FormCheck(rule: rule, message: message)
        }
    }

    private mutating func rule(_ value: JSONValue?, at pointer: String) -> JSONValue? {
        guard let value, value != .null else { return nil }
        if value.jsonText().utf8.count > limits.ruleBytes {
            problem(pointer, "is larger than \(limits.ruleBytes / 1024) KB")
            return nil
        }
        if Self.depth(of: value) > limits.ruleDepth {
            problem(pointer, "nests operators deeper than \(limits.ruleDepth) levels")
            return nil
        }
        if let unknown = Self.unknownOperator(in: value) {
            problem(pointer, "uses the unknown operator \"\(unknown)\"")
            return nil
        }
        return value
    }

    private static let operators: Set<String> = [
        "var", "val", "exists", "missing", "missing_some", "if", "?:", "and", "or", "!", "!!", "??", "==", "===", "!=",
        "!==", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "min", "max", "cat", "substr", "in", "merge", "map",
        "filter", "reduce", "all", "some", "none", "preserve", "throw", "try", "log",
    ]

    private static func unknownOperator(in rule: JSONValue) -> String? {
        switch rule {
        case .array(let elements): return elements.lazy.compactMap(unknownOperator(in:)).first
        case .object(let members) where members.count == 1:
            let (name, arguments) = members.first.unsafelyUnwrapped
            return operators.contains(name) ? unknownOperator(in: arguments) : name
        default: return nil
        }
    }

    private static func depth(of rule: JSONValue) -> Int {
        switch rule {
        case .array(let elements): elements.map(depth(of:)).max() ?? 0
        case .object(let members): 1 + (members.values.map(depth(of:)).max() ?? 0)
        default: 0
        }
    }

    private mutating func text(_ value: JSONValue?, at pointer: String) -> String? {
        guard let value, value != .null else { return nil }
        guard let text = value.stringValue, text.count <= 2_000 else {
            problem(pointer, "must be text of at most 2,000 characters")
            return nil
        }
        return text
    }

    private mutating func number(_ value: JSONValue?, at pointer: String) -> Double? {
        guard let value, value != .null, value.stringValue == nil else { return nil }
        guard let number = value.numberValue, number.isFinite else {
            problem(pointer, "must be a number")
            return nil
        }
        return number
    }

    private mutating func count(_ value: JSONValue?, at pointer: String) -> Int? {
        guard let value, value != .null else { return nil }
        guard value.isInteger, let number = value.numberValue, number >= 0, number <= 1_000_000 else {
            problem(pointer, "must be a whole number from 0 to 1,000,000")
            return nil
        }
        return Int(number)
    }

    private mutating func problem(_ pointer: String, _ message: String) {
        problems.append(FieldError(pointer: pointer, message: message))
    }
}
