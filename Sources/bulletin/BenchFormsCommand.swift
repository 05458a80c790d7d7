import ArgumentParser
import BulletinCore
import BulletinForms
import Foundation

/// `bulletin bench forms`: times the form engine on a large generated form: evaluating every rule
/// after one answer changed, validating a full submission, and reading the definition.
struct BenchFormsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forms",
        abstract: "Time form rules, validation and definition reading on a generated form; print median and p95 per measure.",
        discussion: """
            The form is generated, the same for the same --fields and --rules: fields of seven types \
            (text, number, integer, select, checkboxes, toggle, date) in pages and panels of ten, some \
            computed fields, one repeatable group of four fields with three rows, and rules \
            (visibleIf, requiredIf, enabledIf, computed expressions) that read other fields. Each \
            measure runs --iterations times after a warm-up; each call's time is one sample. \
            --print-definition writes the form, its answers and the changed answers as JSON instead \
            (Benchmarks/forms.mjs reads it, so Node times the browser's engine on the same form).
            """)

    @Option(help: "How many fields (elements that hold an answer, the group's included; at least 20).") var fields = 200
    @Option(help: "How many rules (visibleIf, requiredIf, enabledIf and computed expressions).") var rules = 100
    @Option(help: "How many timed calls per measure.") var iterations = 2_000
    @Flag(help: "Print the form, its answers and the changed answers as JSON, and time nothing.") var printDefinition = false

    func run() async throws {
        let fixture = FormsBenchmarkFixture(fields: fields, rules: rules)
        if printDefinition {
            print(fixture.json.jsonText())
            return
        }
        let definition: FormDefinition
        switch FormDefinition.parse(fixture.definition) {
        case .success(let parsed): definition = parsed
        case .failure(let problems): throw ValidationError("the generated form is refused: \(Self.describe(problems))")
        }
        let evaluator = FormEvaluator(definition: definition)
        let validator = FormValidator(definition: definition)
        if case .failure(let problems) = validator.validate(fixture.answers) {
            throw ValidationError("the generated submission is refused: \(Self.describe(problems))")
        }
        let before = evaluator.evaluate(fixture.answers)
        let after = evaluator.evaluate(fixture.changedAnswers)
        let visible = { (evaluation: FormEvaluation) in evaluation.states.filter { $0.visible && $0.element.answerKey != nil }.count }
        print(
            "form: \(fixture.fields) fields (\(fixture.pages) pages, \(fixture.panels) panels, a repeatable group of "
                + "\(fixture.rows) rows), \(fixture.rules) rules; \(definition.fieldOrder.count) answer keys, "
                + "\(before.states.count) element states per evaluation; visible fields \(visible(before)) before and "
                + "\(visible(after)) after changing \(fixture.changedKey); the submission is accepted")

        let size = "\(fixture.fields) fields, \(fixture.rules) rules"
        let alternatives = [fixture.changedAnswers, fixture.answers]
        let lines = [
            Self.measure("evaluate \(size)", targetMicroseconds: 50, iterations: iterations) { iteration in
                evaluator.evaluate(alternatives[iteration & 1]).states.count
            },
            Self.measure("validate \(size)", targetMicroseconds: 200, iterations: iterations) { _ in
                if case .success(let values) = validator.validate(fixture.answers) { return values.count }
                return -1
            },
            Self.measure("parse \(size)", targetMicroseconds: nil, iterations: iterations) { _ in
                if case .success(let parsed) = FormDefinition.parse(fixture.definition) { return parsed.fieldOrder.count }
                return -1
            },
        ]
        for line in lines { print(line) }
    }

    /// Times `body` once per iteration after a warm-up; `body` returns something of its result,
    /// summed so that the work cannot be left out.
    private static func measure(_ name: String, targetMicroseconds: Double?, iterations: Int, _ body: (Int) -> Int) -> String {
        let clock = ContinuousClock()
        var sink = 0
        for iteration in 0..<max(20, iterations / 10) { sink &+= body(iteration) }
        var samples: [Double] = []
        samples.reserveCapacity(max(1, iterations))
        for iteration in 0..<max(1, iterations) {
            let elapsed = clock.measure { sink &+= body(iteration) }
            samples.append(elapsed.timeInterval * 1e6)
        }
        guard let percentiles = Percentiles(of: samples) else { return "\(name): no samples" }
        let target =
            targetMicroseconds.map { target in
                " (target < \(String(format: "%.0f", target)) µs: \(percentiles.p50 < target ? "met" : "not met"))"
            } ?? " (no target)"
        let line = "\(name): median \(String(format: "%.1f", percentiles.p50)) µs, p95 \(String(format: "%.1f", percentiles.p95)) µs"
        // Reading the sink keeps the optimiser from dropping the calls whose results it sums.
        return line + target + (sink == Int.min ? " " : "")
    }

    private static func describe(_ problems: FormProblems) -> String {
        problems.errors.prefix(5).map { "\($0.pointer) \($0.message)" }.joined(separator: "; ")
    }
}

/// A form generated for benchmarks, the same for the same sizes: the definition as JSON, a full
/// submission, and the same submission with one answer changed (one that rules read).
///
/// Top-level fields cycle through text, number, integer, select, checkboxes, toggle and date
/// (every tenth a computed field while computed expressions are left to place), ten to a panel,
/// about fifty to a page; the last page ends with a repeatable group (`items`: name, quantity,
/// kind, price) answered with three rows. Rules read fields before them, so the form has no
/// cycles, and are spread evenly over the fields from the ninth on, as visibleIf, requiredIf and
/// enabledIf in turn; every fourth joins two conditions. The answers keep most fields visible.
struct FormsBenchmarkFixture {
    let definition: JSONValue
    let answers: [String: JSONValue]
    let changedAnswers: [String: JSONValue]
    let changedKey: String
    let fields: Int
    let rules: Int
    let pages: Int
    let panels: Int
    let rows = 3

    private static let cycle: [FormElementType] = [.text, .number, .integer, .select, .checkboxes, .toggle, .date]
    private static let sources: [FormElementType] = [.toggle, .number, .select, .checkboxes, .integer, .text, .date, .computed]
    private static let choices = ["a", "b", "c", "d"]
    private static let options: JSONValue = .array(choices.map { ["value": .string($0), "label": .string("Option \($0.uppercased())")] })
    /// Fields of the repeatable group, the group itself included.
    private static let groupFields = 5

    /// Everything `--print-definition` writes, for Benchmarks/forms.mjs.
    var json: JSONValue {
        [
            "fields": .number(Double(fields)), "rules": .number(Double(rules)), "definition": definition,
            "answers": .object(answers), "changedAnswers": .object(changedAnswers), "changedKey": .string(changedKey),
        ]
    }

    init(fields requestedFields: Int, rules requestedRules: Int) {
        fields = max(requestedFields, 20)
        rules = max(requestedRules, 0)
        let topCount = fields - Self.groupFields
        let groupRules = min(2, rules)
        let computedCount = min((rules - groupRules) / 10, topCount / 10)
        let plainRules = rules - groupRules - computedCount

        var types: [FormElementType] = []
        var computedPlaced = 0
        for index in 0..<topCount {
            if index % 10 == 9 && computedPlaced < computedCount {
                types.append(.computed)
                computedPlaced += 1
            } else {
                types.append(Self.cycle[index % Self.cycle.count])
            }
        }
        let keys = types.enumerated().map { index, type in type == .computed ? "total_\(index)" : "\(type.rawValue)_\(index)" }
        func nearest(_ type: FormElementType, before index: Int) -> Int? {
            (0..<index).last { types[$0] == type }
        }

        var elements: [[String: JSONValue]] = types.enumerated().map { index, type in
            var members: [String: JSONValue] = [
                "type": .string(type.rawValue), "key": .string(keys[index]), "label": .string("Question \(index + 1)"),
            ]
            if index % 5 == 0 && type != .computed { members["required"] = true }
            switch type {
            case .text: members["maxLength"] = 200
            case .number: members.merge(["min": 0, "max": 1_000]) { $1 }
            case .integer: members.merge(["min": 0, "max": 100]) { $1 }
            case .select: members["options"] = Self.options
            case .checkboxes: members.merge(["options": Self.options, "max": 3]) { $1 }
            case .date: members.merge(["min": "2020-01-01", "max": "2030-12-31"]) { $1 }
            case .computed:
                let number = nearest(.number, before: index).map { keys[$0] } ?? keys[0]
                let integer = nearest(.integer, before: index).map { keys[$0] } ?? keys[0]
                members["expression"] = ["+": [["var": .string(number)], ["*": [["var": .string(integer)], 2]]]]
            default: break
            }
            return members
        }

        func condition(_ rule: Int, reading target: Int) -> (key: String, rule: JSONValue) {
            let wanted = Self.sources[rule % Self.sources.count]
            let source = nearest(wanted, before: target) ?? nearest(.toggle, before: target) ?? 0
            let key = keys[source]
            let read: JSONValue = ["var": .string(key)]
            let condition: JSONValue =
                switch types[source] {
                case .toggle: ["==": [read, true]]
                case .number: [">": [read, 10]]
                case .integer: [">=": [read, 2]]
                case .select: ["in": [read, ["a", "b", "c"]]]
                case .checkboxes: ["in": ["b", read]]
                case .text: ["!=": [read, ""]]
                case .computed: [">": [read, 20]]
                default: ["!!": [read]]
                }
            return (key, condition)
        }
        let eligible = (8..<topCount).filter { types[$0] != .computed }
        let spread = max(1, min(plainRules, eligible.count))
        var firstSource: String?
        for rule in 0..<plainRules where !eligible.isEmpty {
            let slot = rule % spread
            let target = eligible[slot * eligible.count / spread]
            let kind = ["visibleIf", "requiredIf", "enabledIf"][(rule + rule / spread) % 3]
            var (source, ruleValue) = condition(rule, reading: target)
            if rule % 4 == 3 {
                let joiner = kind == "requiredIf" ? "and" : "or"
                ruleValue = [joiner: [ruleValue, condition(rule + 1, reading: target).rule]]
            }
            if let existing = elements[target][kind] { ruleValue = ["and": [existing, ruleValue]] }
            elements[target][kind] = ruleValue
            if firstSource == nil { firstSource = source }
        }

        var group: [String: JSONValue] = [
            "type": "repeat", "key": "items", "label": "Items", "min": 1, "max": 10,
            "elements": [
                ["type": "text", "key": "item_name", "label": "Name", "required": true, "maxLength": 100],
                ["type": "integer", "key": "item_qty", "label": "Quantity", "min": 0, "max": 1_000],
                ["type": "select", "key": "item_kind", "label": "Kind", "options": Self.options],
                ["type": "number", "key": "item_price", "label": "Unit price", "min": 0],
            ],
        ]
        if groupRules > 0, case .array(var children) = group["elements"] {
            children[3] = .object((children[3].objectValue ?? [:]).merging(["requiredIf": [">": [["var": "item_qty"], 0]]]) { $1 })
            if groupRules > 1 {
                children[2] = .object((children[2].objectValue ?? [:]).merging(["visibleIf": ["!=": [["var": "item_name"], ""]]]) { $1 })
            }
            group["elements"] = .array(children)
        }

        let pageCount = max(1, min(50, (topCount + 49) / 50))
        let perPage = (topCount + pageCount - 1) / pageCount
        var pageValues: [JSONValue] = []
        var panelCount = 0
        for page in 0..<pageCount {
            let range = min(page * perPage, topCount)..<min((page + 1) * perPage, topCount)
            var content: [JSONValue] = [["type": "heading", "label": .string("Part \(page + 1)")]]
            for start in stride(from: range.lowerBound, to: range.upperBound, by: 10) {
                panelCount += 1
                let members = elements[start..<min(start + 10, range.upperBound)].map(JSONValue.object)
                content.append(["type": "panel", "label": .string("Section \(panelCount)"), "elements": .array(members)])
            }
            if page == pageCount - 1 { content.append(.object(group)) }
            pageValues.append(["title": .string("Page \(page + 1)"), "elements": .array(content)])
        }
        definition = ["title": "Generated benchmark form", "pages": .array(pageValues)]
        pages = pageCount
        panels = panelCount

        var answers: [String: JSONValue] = [:]
        for (index, type) in types.enumerated() where type != .computed {
            answers[keys[index]] = Self.answer(type, index: index)
        }
        answers["items"] = .array(
            (0..<rows).map { row -> JSONValue in
                var members: [String: JSONValue] = [:]
                members["item_name"] = .string("Item \(row + 1)")
                members["item_qty"] = .number(Double(row + 1))
                members["item_kind"] = .string(Self.choices[row % Self.choices.count])
                members["item_price"] = .number(9.5 + Double(row))
                return .object(members)
            })
        self.answers = answers
        changedKey = firstSource ?? keys[0]
        var changed = answers
        if let index = keys.firstIndex(of: changedKey) { changed[changedKey] = Self.changed(types[index], from: answers[changedKey]) }
        changedAnswers = changed
    }

    /// A realistic answer for a field of this type: most make the rules that read them hold.
    private static func answer(_ type: FormElementType, index: Int) -> JSONValue {
        switch type {
        case .number: .number(Double(5 + (index * 7) % 40) + 0.5)
        case .integer: .number(Double((index * 3) % 9))
        case .select: .string(choices[index % choices.count])
        case .checkboxes: [.string(choices[index % choices.count]), .string(choices[(index + 1) % choices.count])]
        case .toggle: .bool(index % 4 != 3)
        case .date: .string("2026-0\(1 + index % 9)-1\(index % 10)")
        default: .string("Answer to question \(index + 1)")
        }
    }

    /// The answer after one edit, still valid.
    private static func changed(_ type: FormElementType, from value: JSONValue?) -> JSONValue? {
        switch (type, value) {
        case (.toggle, .bool(let flag)?): .bool(!flag)
        case (.number, .number(let number)?): .number(number < 10 ? number + 20 : number - 10)
        case (.integer, .number(let number)?): .number(number < 2 ? number + 3 : 0)
        case (.select, _): value == "d" ? "a" : "d"
        case (.checkboxes, _): value == ["a", "c"] ? ["c", "d"] : ["a", "c"]
        case (.date, _): "2027-02-03"
        default: value == "" ? "changed" : ""
        }
    }
}
