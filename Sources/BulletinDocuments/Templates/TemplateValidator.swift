/// Checks a part's tags against the vocabulary and pairs its loop tags.
///
/// Every problem is collected rather than stopping at the first, so an author fixes a template in one round.
struct TemplateValidator {
    private struct Scope {
        var name: String
        var tag: TemplateTag
        /// What the list's items offer; `nil` for an unknown list, whose contents are not checked
        /// again (that would report every tag inside it a second time).
        var vocabulary: TemplateVocabulary?
    }

    private let vocabulary: TemplateVocabulary
    private var open: [Scope] = []
    private(set) var problems: [TemplateProblem] = []

    /// Problems with `tags`, the tags of one part in document order; loops must close in the part they open in.
    static func problems(in tags: [TemplateTag], vocabulary: TemplateVocabulary) -> [TemplateProblem] {
        var validator = TemplateValidator(vocabulary: vocabulary)
        for tag in tags { validator.check(tag) }
        for scope in validator.open {
            validator.report(.unclosedLoop, scope.tag, "the loop over \(scope.name) has no {{/\(scope.name)}} after it")
        }
        return validator.problems
    }

    private init(vocabulary: TemplateVocabulary) {
        self.vocabulary = vocabulary
    }

    private mutating func check(_ tag: TemplateTag) {
        guard let kind = tag.kind else { return }  // Already reported as malformed.
        let scopes = [vocabulary] + open.map(\.vocabulary)
        let isInsideUnknownList = scopes.contains { $0 == nil }
        switch kind {
        case .field(let path):
            let known = scopes.contains { $0.map { $0.fields.contains(path) || $0.lists[path] != nil } ?? false }
            if !known && !isInsideUnknownList { report(.unknownTag, tag, "there is no field \(path)") }
        case .item:
            guard let innermost = open.last else {
                report(.unknownTag, tag, "{{.}} is only meaningful inside a loop")
                return
            }
            if let items = innermost.vocabulary, !items.itemsAreValues {
                report(.unknownTag, tag, "the items of \(innermost.name) are not plain values; name one of their fields")
            }
        case .loopStart(let name):
            let items = scopes.reversed().lazy.compactMap { $0?.lists[name] }.first
            if items == nil && !isInsideUnknownList { report(.unknownTag, tag, "there is no list \(name)") }
            open.append(Scope(name: name, tag: tag, vocabulary: items))
        case .loopEnd(let name):
            close(name, tag: tag)
        case .chart(let name):
            if !vocabulary.charts.contains(name) { report(.unknownTag, tag, "there is no chart \(name)") }
        }
    }

    private mutating func close(_ name: String, tag: TemplateTag) {
        guard let last = open.last else {
            report(.mismatchedLoop, tag, "no loop over \(name) is open here")
            return
        }
        if last.name == name {
            open.removeLast()
            return
        }
        report(.mismatchedLoop, tag, "the innermost open loop is over \(last.name), opened by \(last.tag.text) at \(last.tag.location)")
        // Close the loop named, if it is open further out, so later tags pair as the author meant.
        if let index = open.lastIndex(where: { $0.name == name }) {
            for scope in open[(index + 1)...] {
                report(.unclosedLoop, scope.tag, "the loop over \(scope.name) has no {{/\(scope.name)}} before {{/\(name)}}")
            }
            open.removeSubrange(index...)
        }
    }

    private mutating func report(_ code: TemplateProblem.Code, _ tag: TemplateTag, _ message: String) {
        problems.append(TemplateProblem(code: code, tag: tag.text, location: tag.location, message: message))
    }
}
