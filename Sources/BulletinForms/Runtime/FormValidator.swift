import BulletinCore

/// Checks a submission against a published definition: the rules are applied, the answers are
/// validated against the JSON Schema derived for that state (``FormSchema``), then the fields'
/// own checks and date bounds run. Answers of hidden fields are dropped, not refused; keys that
/// name no field are refused.
public struct FormValidator: Sendable {
    public let definition: FormDefinition
    private let evaluator: FormEvaluator

    public init(definition: FormDefinition) {
        self.definition = definition
        self.evaluator = FormEvaluator(definition: definition)
    }

    /// The answers to store, or every problem with a pointer into the answers (`/plate`,
    /// `/people/0/name`).
    /// - Parameter complete: `false` for a partial save: shapes are checked, `required` is not.
    public func validate(_ answers: [String: JSONValue], complete: Bool = true) -> Result<[String: JSONValue], FormProblems> {
        var problems: [FieldError] = []
        let given = answers.filter { !Self.isEmpty($0.value) }
        for key in given.keys.sorted() where definition.fields[key] == nil || definition.groupOf[key] != nil {
            problems.append(FieldError(pointer: "/" + JSONPointer.escape(key), message: "is not a field of this form"))
        }
        let evaluation = evaluator.evaluate(given.mapValues(Self.withoutEmptyRowAnswers))
        var schema = FormSchema.schema(for: definition, evaluation: evaluation)
        if !complete, case .object(var members) = schema {
            members["required"] = []
            schema = .object(members)
        }
        do {
            let validator = try JSONSchema(schema)
            let instance = JSONValue.object(evaluation.values.filter { definition.fields[$0.key]?.type.isServerValued == false })
            problems += validator.validate(instance).map { FieldError(pointer: $0.instancePointer, message: $0.message) }
        } catch {
            problems.append(FieldError(pointer: "", message: "cannot be checked: \(error)"))
        }
        if complete { problems += checks(evaluation) }
        guard problems.isEmpty else { return .failure(FormProblems(Self.firstPerPointer(problems))) }
        return .success(evaluation.values)
    }

    /// The fields' cross-field checks and date and time bounds, for visible, enabled fields that
    /// have an answer.
    private func checks(_ evaluation: FormEvaluation) -> [FieldError] {
        var problems: [FieldError] = []
        let groupKeys = evaluation.states.map { state in
            (state, (definition.containersOf[state.element.pointer] ?? []).filter { $0.type == .repeat }.compactMap(\.key))
        }
        for (state, groups) in groupKeys where state.visible && state.enabled {
            guard let pointer = state.answerPointer(groupKeys: groups) else { continue }
            let value = Self.value(at: pointer, in: .object(evaluation.values))
            let data = Self.ruleData(groups: groups, rows: state.rows, values: evaluation.values)
            for check in state.element.checks where !((try? JSONLogic.truthy(check.rule, data: data)) ?? false) {
                problems.append(FieldError(pointer: pointer, message: check.message))
            }
            if let text = value?.stringValue, [.date, .time, .datetime].contains(state.element.type) {
                if let earliest = state.element.minimumText, text < earliest {
                    problems.append(FieldError(pointer: pointer, message: "must not be before \(earliest)"))
                }
                if let latest = state.element.maximumText, text > latest {
                    problems.append(FieldError(pointer: pointer, message: "must not be after \(latest)"))
                }
            }
        }
        return problems
    }

    /// What a rule inside rows reads: each enclosing row's answers over the form's, as the
    /// evaluator gives them to the rows' other rules.
    private static func ruleData(groups: [String], rows: [Int], values: [String: JSONValue]) -> JSONValue {
        var data = values
        var scope = values
        for (group, row) in zip(groups, rows) {
            guard let items = scope[group]?.arrayValue, items.indices.contains(row), let rowValues = items[row].objectValue else { break }
            data.merge(rowValues) { _, own in own }
            scope = rowValues
        }
        return .object(data)
    }

    /// Whether an answer counts as not given: null, empty text, an empty list.
    static func isEmpty(_ value: JSONValue) -> Bool {
        value == .null || value == "" || value == []
    }

    private static func withoutEmptyRowAnswers(_ value: JSONValue) -> JSONValue {
        guard case .array(let rows) = value else { return value }
        return .array(rows.map { row in row.objectValue.map { .object($0.filter { !isEmpty($0.value) }) } ?? row })
    }

    private static func value(at pointer: String, in root: JSONValue) -> JSONValue? {
        var node: JSONValue? = root
        for segment in pointer.split(separator: "/") {
            switch node {
            case .object(let members): node = members[String(segment)]
            case .array(let items): node = Int(segment).flatMap { items.indices.contains($0) ? items[$0] : nil }
            default: return nil
            }
        }
        return node
    }

    /// One problem per answer is enough to fix it; the first found is the most basic (its type).
    private static func firstPerPointer(_ problems: [FieldError]) -> [FieldError] {
        var seen = Set<String>()
        return problems.filter { seen.insert($0.pointer).inserted }
    }
}
