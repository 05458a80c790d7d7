/// Turns each pair of loop tags into a ``TemplateSlot/loop(name:body:)`` around the unit it repeats.
///
/// The unit is the smallest one enclosing both tags: the table row (`w:tr`) when both are in the
/// same row, else the runs between them when both are in the same paragraph, else the paragraphs
/// from the one holding `{{#name}}` to the one holding `{{/name}}`, which must then share a
/// container (the body, a cell, a header). A tag paragraph that holds nothing but its tag is not
/// repeated. Loops are built outermost first; a loop nested in a row loop cannot repeat that row
/// again, so it falls back to its paragraph.
enum LoopStructurer {
    /// Why a loop cannot be built: the problem to report.
    struct LoopFailure: Error {
        var problem: TemplateProblem
    }

    /// The nodes with every loop built. The tags must already pair up (``TemplateValidator``).
    static func structure(_ nodes: [WordNode]) throws(LoopFailure) -> [WordNode] {
        var nodes = nodes
        while let openPath = nodes.loopMarkerPaths().first {
            try buildLoop(at: openPath, in: &nodes)
        }
        return nodes
    }

    private static func buildLoop(at openPath: [Int], in nodes: inout [WordNode]) throws(LoopFailure) {
        guard case .slot(.loopStart(let name, let tag)) = nodes.node(at: openPath) else { return }
        let closePath = try matchingEnd(of: openPath, in: nodes, tag: tag)
        // A row that is one of `nodes` itself is the unit of the loop being built around it.
        if let row = nodes.deepest("w:tr", along: openPath), row.count > 1, row == nodes.deepest("w:tr", along: closePath) {
            nodes.remove(at: closePath)
            nodes.remove(at: openPath)
            let body = try structure([nodes.node(at: row)])
            nodes.modifyChildren(at: row.dropLast()) { $0[row.last!] = .slot(.loop(name: name, body: body)) }
            return
        }
        let openParagraph = nodes.deepest("w:p", along: openPath)
        let closeParagraph = nodes.deepest("w:p", along: closePath)
        if let openParagraph, openParagraph == closeParagraph {
            guard openPath.dropLast() == closePath.dropLast() else { throw spans(tag, "its tags are at different levels of the paragraph") }
            let (first, last) = (openPath.last!, closePath.last!)
            try nodes.modifyChildren(at: openPath.dropLast()) { (children: inout [WordNode]) throws(LoopFailure) in
                let body = try structure(Array(children[(first + 1)..<last]))
                children.replaceSubrange(first...last, with: [.slot(.loop(name: name, body: body))])
            }
            return
        }
        guard let openParagraph, let closeParagraph, openParagraph.dropLast() == closeParagraph.dropLast() else {
            throw spans(tag, "its tags are in different containers (a table cell and the text around it, or two cells)")
        }
        nodes.remove(at: closePath)
        nodes.remove(at: openPath)
        let (first, last) = (openParagraph.last!, closeParagraph.last!)
        try nodes.modifyChildren(at: openParagraph.dropLast()) { (children: inout [WordNode]) throws(LoopFailure) in
            var body = Array(children[first...last])
            if let end = body.last?.element, end.isBlankParagraph { body.removeLast() }
            if let start = body.first?.element, start.isBlankParagraph { body.removeFirst() }
            children.replaceSubrange(first...last, with: [.slot(.loop(name: name, body: try structure(body)))])
        }
    }

    private static func matchingEnd(of openPath: [Int], in nodes: [WordNode], tag: TemplateTag) throws(LoopFailure) -> [Int] {
        var depth = 0
        for path in nodes.loopMarkerPaths() where path.lexicographicallyPrecedes(openPath) == false && path != openPath {
            switch nodes.node(at: path) {
            case .slot(.loopStart): depth += 1
            case .slot(.loopEnd) where depth == 0: return path
            case .slot(.loopEnd): depth -= 1
            default: break
            }
        }
        throw LoopFailure(
            problem: TemplateProblem(code: .unclosedLoop, tag: tag.text, location: tag.location, message: "the loop is not closed"))
    }

    private static func spans(_ tag: TemplateTag, _ reason: String) -> LoopFailure {
        LoopFailure(
            problem: TemplateProblem(
                code: .loopSpansContainers, tag: tag.text, location: tag.location, message: "the loop cannot repeat: \(reason)"))
    }
}

extension [WordNode] {
    fileprivate mutating func remove(at path: [Int]) {
        modifyChildren(at: path.dropLast()) { $0.remove(at: path.last!) }
    }
}

extension WordElement {
    /// A paragraph with no text and nothing drawn: only properties, bookmarks, proofing marks and empty runs.
    var isBlankParagraph: Bool {
        guard name == "w:p" else { return false }
        return children.allSatisfy { node in
            switch node {
            case .text(let text): text.allSatisfy(\.isWhitespace)
            case .markup: true
            case .slot: false
            case .element(let element):
                switch element.name {
                case "w:pPr", "w:proofErr", "w:bookmarkStart", "w:bookmarkEnd": true
                case "w:r":
                    element.children.allSatisfy {
                        $0.element.map { $0.name == "w:rPr" || ($0.name == "w:t" && $0.decodedText.isEmpty) } ?? true
                    }
                default: false
                }
            }
        }
    }
}
