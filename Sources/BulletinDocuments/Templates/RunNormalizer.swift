/// Gathers each tag that Word split across runs into the first run it touches.
///
/// Word stores `{{project.name}}` as several runs when the author typed, corrected or formatted
/// it in steps (`{{`, `project.`, `name}}`), with proofing marks, bookmarks or empty runs
/// between. Per paragraph, the text of its `w:t` elements is concatenated, tags are found in it,
/// and each tag's text is moved into the `w:t` where it starts (so the tag takes that run's
/// formatting) and removed from the others. Text outside tags stays where it was.
enum RunNormalizer {
    /// The paragraph's text and its tags (found across its runs), after moving each tag into one `w:t`.
    static func normalize(_ paragraph: inout WordElement) -> (text: String, tags: [(text: String, isTerminated: Bool)]) {
        var texts: [[Unicode.Scalar]] = []
        forEachText(in: &paragraph.children) { texts.append(Array($0.decodedText.unicodeScalars)) }
        let all = texts.flatMap { $0 }
        let matches = TagScanner.matches(in: all)
        guard !matches.isEmpty else { return (TagScanner.string(all), []) }

        // For each position of the concatenated text, the tag covering it, if any.
        var owner = [Int?](repeating: nil, count: all.count)
        for (number, match) in matches.enumerated() {
            for position in match.range { owner[position] = number }
        }
        var rewritten: [[Unicode.Scalar]?] = []
        var offset = 0
        for text in texts {
            var result: [Unicode.Scalar] = []
            for position in offset..<offset + text.count {
                guard let number = owner[position] else {
                    result.append(all[position])
                    continue
                }
                if matches[number].range.lowerBound == position { result.append(contentsOf: all[matches[number].range]) }
            }
            rewritten.append(result == text ? nil : result)
            offset += text.count
        }
        var index = 0
        forEachText(in: &paragraph.children) { element in
            if let scalars = rewritten[index] { element.setText(TagScanner.string(scalars)) }
            index += 1
        }
        return (TagScanner.string(all), matches.map { (TagScanner.string(all[$0.range]), $0.isTerminated) })
    }

    /// Calls `body` on each `w:t` of the paragraph in order, leaving nested paragraphs (in text
    /// boxes) to be normalised on their own.
    static func forEachText(in nodes: inout [WordNode], _ body: (inout WordElement) -> Void) {
        for index in nodes.indices {
            guard case .element(var element) = nodes[index], element.name != "w:p" else { continue }
            if element.name == "w:t" {
                body(&element)
            } else {
                forEachText(in: &element.children, body)
            }
            nodes[index] = .element(element)
        }
    }
}
