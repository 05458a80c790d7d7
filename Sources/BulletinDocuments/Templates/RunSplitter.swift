/// Cuts runs at their tags, so that each tag becomes a ``TemplateSlot`` between runs.
///
/// After ``RunNormalizer`` each tag lives in one `w:t`; here the run holding it is cut into the
/// run before the tag, the slot, and the run after, each piece of text keeping the run's
/// formatting (`w:rPr`). Loops can then repeat whole runs, and fields are written as runs of their own.
enum RunSplitter {
    /// The paragraph's children with every run that holds a tag cut at its tags.
    static func split(_ nodes: [WordNode], location: TemplateLocation) -> [WordNode] {
        var result: [WordNode] = []
        result.reserveCapacity(nodes.count)
        for node in nodes {
            guard case .element(var element) = node, element.name != "w:p" else {
                result.append(node)
                continue
            }
            if element.name == "w:r" {
                result.append(contentsOf: split(run: element, location: location))
            } else {
                // Runs inside hyperlinks, insertions, smart tags and content controls.
                element.children = split(element.children, location: location)
                result.append(.element(element))
            }
        }
        return result
    }

    private static func split(run: WordElement, location: TemplateLocation) -> [WordNode] {
        let hasTag = run.children.contains { node in
            guard let element = node.element, element.name == "w:t" else { return false }
            return element.decodedText.contains("{{")
        }
        guard hasTag else { return [.element(run)] }
        let properties = run.child("w:rPr")
        var result: [WordNode] = []
        var content: [WordNode] = []
        func flush() {
            guard !content.isEmpty else { return }
            var piece = run
            piece.children = (properties.map { [.element($0)] } ?? []) + content
            piece.isEmpty = false
            result.append(.element(piece))
            content = []
        }
        for node in run.children {
            guard let element = node.element, element.name != "w:rPr" else { continue }
            guard element.name == "w:t" else {
                content.append(node)
                continue
            }
            for piece in TagScanner.pieces(of: element.decodedText) {
                switch piece {
                case .literal(let text):
                    var literal = element
                    literal.setText(text)
                    content.append(.element(literal))
                case .tag(let text):
                    guard let slot = slot(for: text, properties: properties, location: location) else {
                        // Malformed: the template is refused, so the text only needs to stay as written.
                        var literal = element
                        literal.setText(text)
                        content.append(.element(literal))
                        continue
                    }
                    flush()
                    result.append(.slot(slot))
                }
            }
        }
        flush()
        return result
    }

    private static func slot(for text: String, properties: WordElement?, location: TemplateLocation) -> TemplateSlot? {
        let tag = TemplateTag(text: text, kind: .parse(TagScanner.body(of: text)), location: location)
        switch tag.kind {
        case .field(let path): return .field(path: path, runProperties: properties)
        case .item: return .field(path: ".", runProperties: properties)
        case .loopStart(let name): return .loopStart(name: name, tag: tag)
        case .loopEnd(let name): return .loopEnd(name: name, tag: tag)
        case .chart(let name): return .chart(name: name)
        case nil: return nil
        }
    }
}
