/// Finds `{{…}}` tags in a paragraph's text.
enum TagScanner {
    /// A tag's place in the scanned scalars: `range` covers the braces; `isTerminated` is false for
    /// a `{{` with no `}}` after it, whose range runs to the end of the text.
    struct Match: Equatable {
        var range: Range<Int>
        var isTerminated: Bool
    }

    /// The tags in `scalars`, in order. A `{{` inside a tag is part of that tag (it makes it malformed).
    static func matches(in scalars: [Unicode.Scalar]) -> [Match] {
        var matches: [Match] = []
        var index = 0
        while index + 1 < scalars.count {
            guard scalars[index] == "{", scalars[index + 1] == "{" else {
                index += 1
                continue
            }
            var end = index + 2
            while end + 1 < scalars.count, !(scalars[end] == "}" && scalars[end + 1] == "}") { end += 1 }
            guard end + 1 < scalars.count else {
                matches.append(Match(range: index..<scalars.count, isTerminated: false))
                return matches
            }
            matches.append(Match(range: index..<end + 2, isTerminated: true))
            index = end + 2
        }
        return matches
    }

    /// `text` cut into literal text and tags, in order.
    static func pieces(of text: String) -> [Piece] {
        let scalars = Array(text.unicodeScalars)
        var pieces: [Piece] = []
        var position = 0
        for match in matches(in: scalars) where match.isTerminated {
            if match.range.lowerBound > position { pieces.append(.literal(string(scalars[position..<match.range.lowerBound]))) }
            pieces.append(.tag(string(scalars[match.range])))
            position = match.range.upperBound
        }
        if position < scalars.count { pieces.append(.literal(string(scalars[position...]))) }
        return pieces
    }

    enum Piece: Equatable {
        case literal(String)
        /// The tag's full text, braces included.
        case tag(String)
    }

    static func string(_ scalars: some Sequence<Unicode.Scalar>) -> String {
        var string = ""
        string.unicodeScalars.append(contentsOf: scalars)
        return string
    }

    /// The text between a tag's braces.
    static func body(of tag: String) -> String {
        String(tag.dropFirst(2).dropLast(2))
    }
}
