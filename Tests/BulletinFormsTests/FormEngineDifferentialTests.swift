import BulletinCore
import BulletinForms
import BulletinTestSupport
import Foundation
import Testing

/// The server's forms (``FormDefinition``, ``FormEvaluator``, ``FormValidator``) and the
/// browser's twin (`form-engine.js`, run in Debian's Node through `evaluate_forms.mjs`) fed the
/// same random definitions and answers must refuse the same definitions at the same pointers,
/// settle the same values and states, and accept or reject the same answers at the same pointers.
@Suite("Forms: Swift and the browser's form engine agree")
struct FormEngineDifferentialTests {
    static let node = JSONLogicDifferentialTests.node
    static let checkout = JSONLogicDifferentialTests.checkout

    @Test(
        "200 random definitions with random answers", .enabled(if: node != nil, "Node (Debian's nodejs) is not installed"),
        arguments: [20_261_207, 31])
    func enginesAgree(seed: UInt64) async throws {
        var generator = FormGenerator(seed: seed)
        var cases: [JSONValue] = []
        var expected: [JSONValue] = []
        var refused = 0
        for _ in 0..<200 {
            let generated = generator.definition()
            let parsed = FormDefinition.parse(generated.json)
            if case .failure = parsed { refused += 1 }
            let answerSets = (try? parsed.get()) == nil ? [[:]] : (0..<5).map { _ in generator.answers(for: generated.fields) }
            for answers in answerSets {
                let complete = generator.chance(80)
                cases.append(["definition": generated.json, "answers": .object(answers), "complete": .bool(complete)])
                expected.append(Self.serverOutcome(parsed, answers: answers, complete: complete))
            }
        }
        let script = Self.checkout.appendingPathComponent("Tests/JSONLogic/evaluate_forms.mjs").path
        let input = Data(JSONValue.array(cases).jsonText().utf8)
        let node = ChildProcess(try #require(Self.node), arguments: [script], input: input)
        let status = try await node.waitForExit(limit: .seconds(300))
        #expect(status == 0, "\(String(decoding: node.standardError, as: UTF8.self))")
        let answers = try #require(try JSONValue(parsing: node.standardOutput).arrayValue)
        try #require(answers.count == cases.count)

        var disagreements: [String] = []
        for (index, (server, browser)) in zip(expected, answers).enumerated() where server != Self.normalized(browser) {
            disagreements.append(
                "case \(index): \(cases[index].jsonText())\n  Swift      \(server.jsonText())\n  JavaScript \(browser.jsonText())")
        }
        let accepted = expected.filter { $0["accepted"] == true }.count
        let rejected = expected.filter { $0["accepted"] == false }.count
        print(
            "Form engines, seed \(seed): 200 definitions (\(refused) refused), \(cases.count) answer sets "
                + "(\(accepted) accepted, \(rejected) rejected), \(disagreements.count) disagreements")
        #expect(
            disagreements.isEmpty,
            "\(disagreements.count) of \(cases.count) differ:\n\(disagreements.prefix(5).joined(separator: "\n"))")
        // The generator must reach every outcome in numbers, or the comparison proves little.
        #expect(refused > 30)
        #expect(200 - refused > 80)
        #expect(accepted > 60)
        #expect(rejected > 150)
    }

    /// What the server makes of a case, in `evaluate_forms.mjs`'s shape.
    static func serverOutcome(
        _ parsed: Result<FormDefinition, FormProblems>, answers: [String: JSONValue], complete: Bool
    ) -> JSONValue {
        let definition: FormDefinition
        switch parsed {
        case .failure(let problems): return ["problems": pointers(problems.errors)]
        case .success(let parsed): definition = parsed
        }
        let evaluation = FormEvaluator(definition: definition).evaluate(answers)
        let states = evaluation.states.map { state -> JSONValue in
            [
                "pointer": .string(state.element.pointer), "rows": .array(state.rows.map { .number(Double($0)) }),
                "visible": .bool(state.visible), "enabled": .bool(state.enabled), "required": .bool(state.required),
            ]
        }
        let validation = FormValidator(definition: definition).validate(answers, complete: complete)
        let problems: [FieldError]
        switch validation {
        case .success: problems = []
        case .failure(let found): problems = found.errors
        }
        return [
            "values": .object(evaluation.values), "states": .array(states), "problemPointers": pointers(problems),
            "accepted": .bool(problems.isEmpty),
        ]
    }

    /// Pointers as a sorted set.
    static func pointers(_ errors: [FieldError]) -> JSONValue {
        .array(Set(errors.map(\.pointer)).sorted().map(JSONValue.string))
    }

    /// The browser's outcome with its pointer lists sorted the way Swift sorts.
    static func normalized(_ outcome: JSONValue) -> JSONValue {
        guard case .object(var members) = outcome else { return outcome }
        for name in ["problems", "problemPointers"] {
            if let list = members[name]?.arrayValue {
                members[name] = .array(Set(list.compactMap(\.stringValue)).sorted().map(JSONValue.string))
            }
        }
        return .object(members)
    }
}

/// A field of a generated definition, enough to make answers for it.
struct GeneratedField {
    let key: String
    let type: FormElementType
    var options: [String] = []
    var rows: [String] = []
    var children: [GeneratedField] = []
}

/// Random form definitions: every element type, panels and groups nested, rules that read
/// earlier fields (and, in faulty definitions, later fields, unknown fields and themselves, so
/// that cycles occur) and constraints; faulty definitions also get broken shapes. Then random
/// answers for them: good ones, wrong types, empty values, stray keys and rows. Seeded.
struct FormGenerator {
    /// Whether checks are put on fields inside a `repeat`. The server evaluates such checks
    /// against the form's answers only, not the row's (FormValidator.checks); the browser reads
    /// the row's answers over the form's as every other rule in a row does. Until the two agree,
    /// they are left out.
    static let checksInRows = true

    private var state: UInt64
    private var keyPool: [String] = []
    private var used = 0
    private var declared: [String] = []
    private var faulty = false
    private var elementBudget = 0

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        // SplitMix64, as RuleGenerator.
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    mutating func pick<T>(_ choices: [T]) -> T { choices[below(choices.count)] }

    // MARK: Definitions

    mutating func definition() -> (json: JSONValue, fields: [GeneratedField]) {
        faulty = chance(35)
        // RuleGenerator's keys first, so that its rules find fields.
        keyPool = RuleGenerator.keys.shuffled(using: &self) + (1...40).map { "f\($0)" }
        used = 0
        declared = []
        elementBudget = 24
        if faulty, chance(12) { return (wholeDefinitionFault(), []) }
        var pages: [JSONValue] = []
        var fields: [GeneratedField] = []
        for index in 0..<(1 + below(3)) {
            var page: [String: JSONValue] = ["title": .string("Page \(index + 1)")]
            if chance(15) { page["visibleIf"] = rule(safe: declared) }
            let (elements, pageFields) = self.elements(depth: 1, inGroup: false)
            page["elements"] = .array(elements)
            fields += pageFields
            pages.append(.object(page))
        }
        return (["pages": .array(pages)], fields)
    }

    private mutating func wholeDefinitionFault() -> JSONValue {
        let heading: JSONValue = ["type": "heading", "label": "Hello"]
        switch below(8) {
        case 0: return ["pages": []]
        case 1: return [["pages": []]]
        case 2: return ["pages": ["not a page"]]
        case 3: return ["pages": .array((0..<51).map { _ in ["title": "P", "elements": [heading]] })]
        case 4: return ["pages": [["title": "P", "elements": .array(Array(repeating: heading, count: 1_001))]]]
        case 5:
            var nested: JSONValue = ["type": "text", "key": "deep", "label": "Deep"]
            for _ in 0..<9 { nested = ["type": "panel", "label": "Panel", "elements": [nested]] }
            return ["pages": [["title": "P", "elements": [nested]]]]
        case 6:
            let long = JSONValue.string(String(repeating: "x", count: 9_000))
            return ["pages": [["title": "P", "visibleIf": ["cat": [long]], "elements": [heading]]]]
        default:
            var deep: JSONValue = true
            for _ in 0..<33 { deep = ["!": [deep]] }
            return ["pages": [["title": "P", "visibleIf": deep, "elements": [heading]]]]
        }
    }

    private mutating func elements(depth: Int, inGroup: Bool) -> ([JSONValue], [GeneratedField]) {
        var elements: [JSONValue] = []
        var fields: [GeneratedField] = []
        for _ in 0..<(1 + below(depth == 1 ? 6 : 3)) where elementBudget > 0 {
            elementBudget -= 1
            let (element, field) = self.element(depth: depth, inGroup: inGroup)
            elements.append(element)
            if let field { fields.append(field) }
        }
        return (elements, fields)
    }

    private mutating func elementType(depth: Int) -> FormElementType {
        while true {
            let type = pick(FormElementType.allCases)
            if !type.isContainer || depth < 3 || chance(10) { return type }
        }
    }

    private mutating func element(depth: Int, inGroup: Bool) -> (JSONValue, GeneratedField?) {
        let type = elementType(depth: depth)
        var members: [String: JSONValue] = ["type": .string(type.rawValue)]
        var key: String?
        if type.holdsAnswer || chance(15) {
            key = faulty && chance(4) && !declared.isEmpty ? pick(declared) : nextKey()
            members["key"] = key.map(JSONValue.string)
        }
        if ![.hidden, .computed, .panel].contains(type) || chance(50) { members["label"] = .string("Label \(type.rawValue)") }
        if chance(25) { members["required"] = true }
        var field = key.map { GeneratedField(key: $0, type: type) }
        constraints(type, into: &members, field: &field)
        if chance(25) { members["visibleIf"] = rule(safe: declared) }
        if chance(12) { members["enabledIf"] = rule(safe: declared) }
        if chance(15) { members["requiredIf"] = rule(safe: declared) }
        if type == .computed || (chance(3) && faulty) { members["expression"] = expression(safe: declared) }
        if chance(12), !inGroup || Self.checksInRows {
            members["checks"] = .array((0..<(1 + below(2))).map { _ in ["rule": rule(safe: declared), "message": "Check this"] })
        }
        if type.holdsAnswer, chance(10), let field {
            members["default"] = chance(70) ? goodValue(field) : badValue(field)
        }
        if type.holdsAnswer, let key { declared.append(key) }
        if type.isContainer {
            let (children, childFields) = elements(depth: depth + 1, inGroup: inGroup || type == .repeat)
            members["elements"] = .array(children)
            if type == .repeat {
                field?.children = childFields
            }
            if faulty, chance(5) { members["elements"] = "none" }
        }
        if faulty, chance(20) { elementFault(type, &members) }
        return (.object(members), type.holdsAnswer ? field : nil)
    }

    private mutating func nextKey() -> String {
        defer { used += 1 }
        return used < keyPool.count ? keyPool[used] : "k\(used)"
    }

    private mutating func constraints(_ type: FormElementType, into members: inout [String: JSONValue], field: inout GeneratedField?) {
        switch type {
        case .text, .textarea, .email, .url, .phone, .file:
            if chance(30) { members["minLength"] = .number(Double(below(4))) }
            if chance(30) { members["maxLength"] = .number(Double(4 + below(10))) }
            if chance(20) { members["pattern"] = .string(pick(["^[A-Z]{2}[0-9]*$", "^[a-z ]+$", "o", "^\\d{3}$", "@"])) }
        case .number, .integer, .currency, .percentage, .rating, .slider:
            let low = Double(below(5)) - (chance(30) ? 0.5 : 0)
            if chance(40) { members["min"] = .number(low) }
            if chance(40) { members["max"] = .number(low + Double(below(30))) }
            if chance(30) { members["step"] = .number(pick([0.5, 5, 0.1, 0, -1, 2.5])) }
        case .date:
            if chance(40) { members["min"] = "2026-01-01" }
            if chance(40) { members["max"] = "2026-12-31" }
        case .time:
            if chance(40) { members["min"] = "09:00" }
            if chance(40) { members["max"] = "17:00" }
        case .datetime:
            if chance(40) { members["min"] = "2026-01-01T00:00" }
            if chance(40) { members["max"] = "2026-12-31T23:59" }
        case .radio, .select, .checkboxes, .multiselect, .matrix:
            var values = Array(["car", "van", "truck", "bike"].shuffled(using: &self).prefix(1 + below(4)))
            var written: [JSONValue] = values.map { value in chance(25) ? ["value": .string(value), "label": "L"] : .string(value) }
            if chance(10) {
                written.append(.number(3))
                values.append("3")
            }
            members["options"] = .array(written)
            field?.options = values
            if type == .matrix {
                let rows = Array(["speed", "price", "comfort"].prefix(1 + below(3)))
                members["rows"] = .array(rows.map(JSONValue.string))
                field?.rows = rows
            }
            if type.isMultipleChoice {
                if chance(30) { members["min"] = .number(Double(below(3))) }
                if chance(30) { members["max"] = .number(Double(2 + below(3))) }
            }
        case .repeat:
            if chance(40) { members["min"] = .number(Double(below(3))) }
            if chance(40) { members["max"] = .number(Double(2 + below(3))) }
        case .hidden:
            if chance(40) { members["default"] = "web" }
        default:
            break
        }
    }

    /// Breaks one thing about an element (only in faulty definitions).
    private mutating func elementFault(_ type: FormElementType, _ members: inout [String: JSONValue]) {
        switch below(18) {
        case 0: members["type"] = "texty"
        case 1: members["key"] = nil
        case 2: members["key"] = .string(pick(["1abc", "a-b", String(repeating: "k", count: 65), ""]))
        case 3: members["options"] = nil
        case 4: members["rows"] = []
        case 5: members["label"] = ""
        case 6:
            members["min"] = 10
            members["max"] = 2
        case 7: members["visibleIf"] = ["regex": ["a", ["var": "x"]]]
        case 8: members["expression"] = nil
        case 9: members["pattern"] = .string(pick(["(", "[a-"]))
        case 10: members["options"] = ["car", "car", ["label": "No value"], true]
        case 11: members["min"] = true
        case 12: members["minLength"] = .number(pick([-1, 1.5]))
        case 13: members["checks"] = chance(50) ? JSONValue.string("x") : [["rule": true], ["rule": true, "message": ""]]
        case 14: members["label"] = .string(String(repeating: "x", count: 2_001))
        case 15: members["requiredIf"] = ["var": "nope"]
        case 16: members["maxLength"] = "ten"
        default: members["help"] = 5
        }
    }

    // MARK: Rules

    /// A key for a rule to read: an earlier field, or in faulty definitions sometimes any key
    /// (a later field, itself: cycles) or an unknown one.
    private mutating func reference(_ safe: [String]) -> String? {
        if faulty {
            let roll = below(100)
            if roll < 12 { return keyPool[below(min(used + 3, keyPool.count))] }
            if roll < 15 { return "nope" }
        }
        return safe.isEmpty ? nil : pick(safe)
    }

    private mutating func literal() -> JSONValue {
        pick(["car", "van", "", 3, 10, true, false, .null, "3", 2.5])
    }

    mutating func rule(safe: [String], depth: Int = 0) -> JSONValue {
        guard let key = reference(safe) else { return .bool(chance(60)) }
        let read: JSONValue = ["var": .string(key)]
        switch below(depth > 1 ? 10 : 14) {
        case 0: return read
        case 1: return ["!": read]
        case 2: return ["==": [read, literal()]]
        case 3: return ["!=": [read, literal()]]
        case 4: return [">": [read, .number(Double(below(10)))]]
        case 5: return ["<=": [read, .number(Double(below(10)))]]
        case 6: return ["in": [.string(pick(["car", "van", "a"])), read]]
        case 7: return ["missing": [.string(key)]]
        case 8: return ["!!": [["var": .string(key + ".0")]]]
        case 9: return .bool(chance(70))
        case 10: return [pick(["and", "or"]): [rule(safe: safe, depth: depth + 1), rule(safe: safe, depth: depth + 1)]]
        case 11: return ["if": [read, rule(safe: safe, depth: depth + 1), literal()]]
        default: return borrowedRule(safe: safe)
        }
    }

    /// One of RuleGenerator's rules: every operator, failures included. A clean definition takes
    /// it only when it reads earlier fields alone.
    private mutating func borrowedRule(safe: [String]) -> JSONValue {
        var rules = RuleGenerator(seed: next())
        let candidate = rules.rule(depth: 1)
        let keys = JSONLogic.referencedPaths(in: candidate).compactMap { $0.split(separator: ".").first.map(String.init) }
        if faulty || keys.allSatisfy(safe.contains) { return candidate }
        return ["var": .string(pick(safe))]
    }

    private mutating func expression(safe: [String]) -> JSONValue {
        guard let key = reference(safe) else { return .number(Double(below(10))) }
        let read: JSONValue = ["var": .string(key)]
        switch below(6) {
        case 0: return ["+": [read, 1]]
        case 1: return ["cat": [read, "!"]]
        case 2: return ["*": [read, ["var": .string(reference(safe) ?? key)]]]
        case 3: return ["if": [read, "yes", "no"]]
        case 4: return ["throw": "oops"]
        default: return borrowedRule(safe: safe)
        }
    }

    // MARK: Answers

    mutating func answers(for fields: [GeneratedField]) -> [String: JSONValue] {
        let mode = below(4)  // 0 good, 1 mixed, 2 mostly wrong, 3 sparse
        var answers: [String: JSONValue] = [:]
        for field in fields where chance(mode == 3 ? 35 : 80) {
            answers[field.key] = value(field, mode: mode)
        }
        if chance(12) { answers[pick(["zzz", "nope", "extra"])] = literal() }
        if chance(10), let child = fields.flatMap(\.children).first { answers[child.key] = goodValue(child) }
        if chance(10), let field = fields.first { answers[field.key] = pick([JSONValue.null, "", []]) }
        return answers
    }

    private mutating func value(_ field: GeneratedField, mode: Int) -> JSONValue {
        if chance(8) { return pick([JSONValue.null, "", []]) }
        let good = chance([90, 60, 15, 70][mode])
        if field.type == .repeat, good || chance(50) {
            return .array(
                (0..<below(4)).map { _ -> JSONValue in
                    if chance(8) { return pick([5, "row", []]) }
                    var row: [String: JSONValue] = [:]
                    for child in field.children where chance(80) { row[child.key] = value(child, mode: mode) }
                    if chance(10) { row["stray"] = 1 }
                    return .object(row)
                })
        }
        return good ? goodValue(field) : badValue(field)
    }

    private mutating func goodValue(_ field: GeneratedField) -> JSONValue {
        switch field.type {
        case .text, .textarea: return .string(pick(["hello", "AB12", "Van", "ab", "a longer answer than most", "é", "123", "no"]))
        case .email: return .string(pick(["a@b.co", "someone@example.org", "x@y"]))
        case .url: return .string(pick(["https://example.org/x", "http://a.b", "ftp://a.b"]))
        case .phone: return .string(pick(["+44 20 7946 0958", "555-1234", "12"]))
        case .file: return "photo.png"
        case .number, .currency: return .number(pick([Double(below(41)) - 10, Double(below(100)) / 4]))
        case .integer: return .number(Double(below(12)) - 1)
        case .percentage: return .number(Double(below(120)))
        case .rating: return .number(Double(below(7)))
        case .slider: return .number(pick([0, 5, 2.5, 0.3, 50, 100, 101, 7.5]))
        case .date: return .string(pick(["2026-01-01", "2025-12-31", "2026-06-15", "2027-01-01"]))
        case .time: return .string(pick(["09:30", "23:59:59", "12:00", "08:00"]))
        case .datetime: return .string(pick(["2026-01-01T09:30", "2026-06-15T12:00:30", "2025-01-01T00:00"]))
        case .radio, .select: return .string(pick(field.options.isEmpty ? ["car"] : field.options))
        case .checkboxes, .multiselect:
            return .array(field.options.filter { _ in chance(50) }.map(JSONValue.string))
        case .toggle: return .bool(chance(50))
        case .consent: return .bool(chance(85))
        case .matrix:
            return .object(
                Dictionary(
                    uniqueKeysWithValues: field.rows.filter { _ in chance(80) }.map {
                        ($0, JSONValue.string(pick(field.options.isEmpty ? ["x"] : field.options)))
                    }))
        case .repeat: return []
        case .hidden: return .string(pick(["web", "app"]))
        default: return literal()
        }
    }

    private mutating func badValue(_ field: GeneratedField) -> JSONValue {
        switch below(4) {
        case 0:
            return pick([5, "5", true, false, [1, 2], ["a": 1], 2.5, -1, "2026-13-01", "25:00", "not an email", "zzz"])
        case 1: return .string(String(repeating: "x", count: 30))
        case 2:
            switch field.type {
            case .checkboxes, .multiselect:
                let option = JSONValue.string(field.options.first ?? "car")
                return pick([[option, option], ["zzz"], [option, 3]])
            case .matrix:
                let row = field.rows.first ?? "speed"
                return pick([["bogus": "car"], [row: "zzz"], [row: 1]])
            case .repeat: return pick([[5], ["a": 1], "rows"])
            default: return pick([.number(1e6), -1_000, 0.1])
            }
        default: return goodValue(field)
        }
    }
}

extension FormGenerator: RandomNumberGenerator {}
