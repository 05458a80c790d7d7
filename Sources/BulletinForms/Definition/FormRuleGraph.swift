import BulletinCore

/// The fields of a definition and what their rules read: refuses references to unknown fields
/// and rules that go round in a cycle, and orders the elements so that each is evaluated after
/// the fields its rules (and those of its panels and page) read.
struct FormRuleGraph {
    private(set) var fields: [String: FormElement] = [:]
    private(set) var fieldOrder: [String] = []
    private(set) var groupOf: [String: String] = [:]
    private(set) var containersOf: [String: [FormElement]] = [:]
    private(set) var pageOf: [String: Int] = [:]
    private(set) var evaluationOrder: [FormElement] = []
    private var elements: [FormElement] = []
    private var pageRules: [[JSONValue]] = []
    private var cycles: [FieldError] = []

    init(pages: [FormPage]) {
        for (index, page) in pages.enumerated() {
            pageRules.append(page.visibleIf.map { [$0] } ?? [])
            for element in page.elements { visit(element, page: index, containers: []) }
        }
        order()
    }

    private mutating func visit(_ element: FormElement, page: Int, containers: [FormElement]) {
        elements.append(element)
        containersOf[element.pointer] = containers
        pageOf[element.pointer] = page
        if let key = element.answerKey {
            fields[key] = element
            fieldOrder.append(key)
            if let group = containers.last(where: { $0.type == .repeat })?.key { groupOf[key] = group }
        }
        for child in element.elements { visit(child, page: page, containers: containers + [element]) }
    }

    /// The rules that decide an element's state and value: its own and those of its containers and page.
    private func stateRules(of element: FormElement) -> [JSONValue] {
        let own = [element.visibleIf, element.enabledIf, element.requiredIf, element.expression].compactMap { $0 }
        let inherited = (containersOf[element.pointer] ?? []).flatMap { [$0.visibleIf, $0.enabledIf].compactMap { $0 } }
        return own + inherited + pageRules[pageOf[element.pointer] ?? 0]
    }

    /// For a repeatable group, the fields outside it that its rows' rules read: the group's rows
    /// are settled when the group is, so those fields must be settled before.
    private func rowDependencies(of element: FormElement) -> [String] {
        guard element.type == .repeat else { return [] }
        let inside = Set(element.descendants.compactMap(\.answerKey))
        let rules = element.descendants.dropFirst().flatMap { child in
            [child.visibleIf, child.enabledIf, child.requiredIf, child.expression].compactMap { $0 }
        }
        return Self.keys(readBy: rules).filter { !inside.contains($0) }
    }

    /// The keys the rules read (a path's first segment is the field's key).
    private static func keys(readBy rules: [JSONValue]) -> [String] {
        rules.flatMap(JSONLogic.referencedPaths(in:)).compactMap { $0.split(separator: ".").first.map(String.init) }
    }

    /// Problems with references and cycles, each at the pointer of the rule or element concerned.
    func problems() -> [FieldError] {
        var problems: [FieldError] = []
        for (index, rules) in pageRules.enumerated() {
            for key in Self.keys(readBy: rules) where fields[key] == nil {
                problems.append(FieldError(pointer: "/pages/\(index)/visibleIf", message: "refers to the unknown field \"\(key)\""))
            }
        }
        for element in elements {
            let named: [(String, JSONValue?)] = [
                ("visibleIf", element.visibleIf), ("requiredIf", element.requiredIf), ("enabledIf", element.enabledIf),
                ("expression", element.expression),
            ]
            let rules = named + element.checks.enumerated().map { ("checks/\($0.offset)/rule", $0.element.rule) }
            for case (let name, let rule?) in rules {
                for key in Self.keys(readBy: [rule]) where fields[key] == nil {
                    problems.append(
                        FieldError(pointer: "\(element.pointer)/\(name)", message: "refers to the unknown field \"\(key)\""))
                }
            }
        }
        return problems + cycles
    }

    /// Depth-first topological order; an element met again while on the path closes a cycle,
    /// reported on each element of it.
    private mutating func order() {
        var state: [String: Bool] = [:]  // false: on the path; true: done
        var path: [FormElement] = []
        var reported = Set<String>()

        func walk(_ element: FormElement, graph: inout FormRuleGraph) {
            if let done = state[element.pointer] {
                if !done, let start = path.firstIndex(where: { $0.pointer == element.pointer }) {
                    let loop = path[start...] + [element]
                    let names = loop.map { $0.key ?? $0.pointer }.joined(separator: " → ")
                    for member in loop.dropLast() where reported.insert(member.pointer).inserted {
                        graph.cycles.append(FieldError(pointer: member.pointer, message: "has rules that go round in a cycle: \(names)"))
                    }
                }
                return
            }
            state[element.pointer] = false
            path.append(element)
            for key in Self.keys(readBy: graph.stateRules(of: element)) + graph.rowDependencies(of: element) {
                if let field = graph.fields[key] { walk(field, graph: &graph) }
            }
            path.removeLast()
            state[element.pointer] = true
            graph.evaluationOrder.append(element)
        }
        for element in elements { walk(element, graph: &self) }
    }
}
