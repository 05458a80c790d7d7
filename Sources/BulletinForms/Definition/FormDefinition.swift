import BulletinCore

/// A checked form definition: its pages, every element, and the order its rules evaluate in.
///
/// Made by ``FormDefinition/parse(_:)``, which refuses a definition with problems (unknown
/// types, duplicate keys, rules that refer to unknown fields or go round in a cycle, limits
/// exceeded) and names each by its JSON pointer.
public struct FormDefinition: Sendable {
    /// The definition as written (stored and returned as it came).
    public let json: JSONValue
    public let pages: [FormPage]
    /// Every element that holds an answer, by key.
    public let fields: [String: FormElement]
    /// The answer keys in the order a person reads the form (CSV columns follow it).
    public let fieldOrder: [String]
    /// For each key inside a `repeat`, the group's key.
    public let groupOf: [String: String]
    /// Elements in an order where every element comes after those its rules read.
    let evaluationOrder: [FormElement]
    /// For each element (by pointer), the keys of the panels and groups around it, outermost first,
    /// and the pointers of the containers around it.
    let containersOf: [String: [FormElement]]
    /// Page index of each element, by pointer.
    let pageOf: [String: Int]

    /// Every element, depth first, page after page.
    public var allElements: [FormElement] {
        pages.flatMap { $0.elements.flatMap(\.descendants) }
    }

    /// Reads and checks a definition.
    /// - Returns: the definition, or every problem found (pointers relative to the definition,
    ///   such as `/pages/0/elements/3/key`).
    public static func parse(_ json: JSONValue, limits: FormLimits = .standard) -> Result<FormDefinition, FormProblems> {
        var parser = FormDefinitionParser(limits: limits)
        let pages = parser.pages(json)
        let graph = FormRuleGraph(pages: pages)
        let problems = parser.problems + graph.problems()
        guard problems.isEmpty else { return .failure(FormProblems(problems)) }
        return .success(
            FormDefinition(
                json: json, pages: pages, fields: graph.fields, fieldOrder: graph.fieldOrder, groupOf: graph.groupOf,
                evaluationOrder: graph.evaluationOrder, containersOf: graph.containersOf, pageOf: graph.pageOf))
    }
}

/// The problems found in a definition or a submission, each at a JSON pointer.
public struct FormProblems: Error, Sendable, Hashable {
    public let errors: [FieldError]

    public init(_ errors: [FieldError]) {
        self.errors = errors
    }

    /// The same problems with `prefix` before every pointer (`/definition`, `/answers`).
    public func prefixed(_ prefix: String) -> FormProblems {
        FormProblems(errors.map { FieldError(pointer: prefix + $0.pointer, message: $0.message) })
    }
}

/// How large a definition may be. Defaults suit forms people fill in by hand.
public struct FormLimits: Sendable {
    public var pages: Int
    public var elements: Int
    /// Panels and groups inside one another.
    public var depth: Int
    public var options: Int
    /// Operators inside one another in one rule.
    public var ruleDepth: Int
    /// The JSON text of one rule, in bytes.
    public var ruleBytes: Int
    /// The JSON text of the whole definition, in bytes.
    public var definitionBytes: Int

    /// 50 pages, 1,000 elements, 8 levels, 500 options, rules 32 deep and 8 KB, 1 MB in all.
    public static let standard = FormLimits(
        pages: 50, elements: 1_000, depth: 8, options: 500, ruleDepth: 32, ruleBytes: 8_192, definitionBytes: 1_048_576)
}
