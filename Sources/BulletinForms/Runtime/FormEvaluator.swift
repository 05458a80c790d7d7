/// The state of a form for some answers: which elements are visible, enabled and required, and
/// the answers that count (hidden fields' answers removed, computed values set, disabled
/// fields back at their default).
///
/// Elements are evaluated in the definition's dependency order, so a rule always reads answers
/// that are already settled. An element inside a panel is visible only when its panels and page
/// are; inside a `repeat`, rules read the row's answers over the form's. A rule that fails
/// (`NaN`, a throw) counts as false. `forms.js` evaluates the same way in the browser.
public struct FormEvaluator: Sendable {
    public let definition: FormDefinition

    public init(definition: FormDefinition) {
        self.definition = definition
    }

    /// Evaluates every rule against the answers.
    public func evaluate(_ answers: [String: JSONValue]) -> FormEvaluation {
        var evaluation = FormEvaluation()
        var values = answers.filter { definition.fields[$0.key] != nil && definition.groupOf[$0.key] == nil }
        let topLevel = definition.evaluationOrder.filter { element in
            !(definition.containersOf[element.pointer] ?? []).contains { $0.type == .repeat }
        }
        settle(topLevel, values: &values, outer: [:], rows: [], states: &evaluation.states)
        evaluation.values = values
        return evaluation
    }

    /// Settles `elements` (in order) against `values`, reading `outer` for keys `values` lacks.
    private func settle(
        _ elements: [FormElement], values: inout [String: JSONValue], outer: [String: JSONValue], rows: [Int],
        states: inout [FormElementState]
    ) {
        for element in elements {
            let data = JSONValue.object(outer.isEmpty ? values : outer.merging(values) { _, own in own })
            let containers = definition.containersOf[element.pointer] ?? []
            let page = definition.pages[definition.pageOf[element.pointer] ?? 0]
            let visible =
                holds(page.visibleIf, data, otherwise: true)
                && (containers + [element]).allSatisfy { holds($0.visibleIf, data, otherwise: true) }
            let enabled = visible && (containers + [element]).allSatisfy { holds($0.enabledIf, data, otherwise: true) }
            let required = enabled && (element.required || holds(element.requiredIf, data, otherwise: false))
            states.append(FormElementState(element: element, rows: rows, visible: visible, enabled: enabled, required: required))
            guard let key = element.answerKey else { continue }
            if !visible {
                values[key] = nil
            } else if element.type == .computed {
                values[key] = element.expression.flatMap { try? JSONLogic.apply($0, data: data) } ?? .null
            } else if !enabled {
                values[key] = element.defaultValue
            } else if element.type == .hidden {
                values[key] = values[key] ?? element.defaultValue
            } else if element.type == .repeat {
                values[key] = settleRows(of: element, value: values[key], outer: data.objectValue ?? [:], rows: rows, states: &states)
            }
        }
    }

    /// Settles each row of a repeatable group; a value that is no list of objects is left for
    /// validation to refuse.
    private func settleRows(
        of group: FormElement, value: JSONValue?, outer: [String: JSONValue], rows: [Int], states: inout [FormElementState]
    ) -> JSONValue? {
        guard case .array(let items) = value ?? .null else { return value }
        let children = definition.evaluationOrder.filter { element in
            definition.containersOf[element.pointer]?.last(where: { $0.type == .repeat })?.pointer == group.pointer
        }
        let childKeys = Set(children.compactMap(\.answerKey))
        return .array(
            items.enumerated().map { index, item in
                guard case .object(let row) = item else { return item }
                var rowValues = row.filter { childKeys.contains($0.key) }
                settle(children, values: &rowValues, outer: outer, rows: rows + [index], states: &states)
                return .object(rowValues)
            })
    }

    private func holds(_ rule: JSONValue?, _ data: JSONValue, otherwise: Bool) -> Bool {
        guard let rule else { return otherwise }
        return (try? JSONLogic.truthy(rule, data: data)) ?? false
    }
}

/// The outcome of ``FormEvaluator/evaluate(_:)``.
public struct FormEvaluation: Sendable {
    /// The answers that count, by key (a `repeat` holds a list of row objects).
    public var values: [String: JSONValue] = [:]
    /// Every element's state, in evaluation order (elements in rows once per row).
    public var states: [FormElementState] = []

    /// The state of the element with this key at the top level (not in a row).
    public func state(of key: String) -> FormElementState? {
        states.first { $0.element.key == key && $0.rows.isEmpty }
    }
}

/// One element's state in one evaluation.
public struct FormElementState: Sendable, Hashable {
    public let element: FormElement
    /// The indexes of the rows of the groups around the element, outermost first.
    public let rows: [Int]
    public let visible: Bool
    public let enabled: Bool
    public let required: Bool

    /// Where the element's answer is, as a JSON pointer into the answers (`/plate`,
    /// `/people/0/name`); `nil` for elements that hold no answer.
    public func answerPointer(groupKeys: [String]) -> String? {
        guard let key = element.answerKey else { return nil }
        let path = zip(groupKeys, rows).map { "/\($0)/\($1)" }.joined()
        return path + "/" + key
    }
}
