/// What a definition changed since another, by field key: shown when a form is published.
public struct FormChanges: Sendable, Hashable {
    public let added: [String]
    public let removed: [String]
    /// Fields present in both whose element differs (label, type, rules, constraints, …;
    /// moving a field does not count, and a container's children are compared on their own).
    public let changed: [String]

    /// The changes from `old` (nil before the first version) to `new`.
    public init(from old: FormDefinition?, to new: FormDefinition) {
        let before = old.map(Self.elements) ?? [:]
        let after = Self.elements(new)
        added = new.fieldOrder.filter { before[$0] == nil }
        removed = old?.fieldOrder.filter { after[$0] == nil } ?? []
        changed = new.fieldOrder.filter { key in before[key].map { $0 != after[key] } ?? false }
    }

    /// Each field's element as written, without its children.
    private static func elements(_ definition: FormDefinition) -> [String: JSONValue] {
        var found: [String: JSONValue] = [:]
        func visit(_ value: JSONValue) {
            switch value {
            case .array(let items): items.forEach(visit)
            case .object(var members):
                if let key = members["key"]?.stringValue, members["type"] != nil {
                    let children = members.removeValue(forKey: "elements")
                    found[key] = .object(members)
                    children.map(visit)
                } else {
                    members.values.forEach(visit)
                }
            default: break
            }
        }
        visit(definition.json)
        return found
    }
}
