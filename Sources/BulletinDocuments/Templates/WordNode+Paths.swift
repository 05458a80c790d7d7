/// Addressing nodes in a tree of ``WordNode``s by index paths: `[2, 0, 5]` is the sixth child of
/// the first child of the third node.
extension [WordNode] {
    /// The node at a non-empty path.
    func node(at path: some Collection<Int>) -> WordNode {
        let node = self[path.first!]
        guard path.count > 1, let element = node.element else { return node }
        return element.children.node(at: path.dropFirst())
    }

    /// The element names from the top down to the node at `path`, the node's own included.
    func names(along path: [Int]) -> [String?] {
        (1...path.count).map { node(at: path.prefix($0)).element?.name }
    }

    /// The prefix of `path` that ends at the deepest ancestor (or the node itself) named `name`.
    func deepest(_ name: String, along path: [Int]) -> [Int]? {
        guard let index = names(along: path).lastIndex(where: { $0 == name }) else { return nil }
        return [Int](path.prefix(index + 1))
    }

    /// Changes the children of the element at `path`, or these nodes themselves for an empty path.
    mutating func modifyChildren<Failure: Error>(
        at path: some Collection<Int>, _ body: (inout [WordNode]) throws(Failure) -> Void
    ) throws(Failure) {
        guard let first = path.first else {
            try body(&self)
            return
        }
        guard case .element(var element) = self[first] else { return }
        self[first] = .text("")  // Drops this array's reference so the element's children are not copied.
        try element.children.modifyChildren(at: path.dropFirst(), body)
        self[first] = .element(element)
    }

    /// Paths of the loop tags, in document order, not looking inside loops already built.
    func loopMarkerPaths(prefix: [Int] = []) -> [[Int]] {
        var paths: [[Int]] = []
        for (index, node) in enumerated() {
            switch node {
            case .slot(.loopStart), .slot(.loopEnd): paths.append(prefix + [index])
            case .element(let element): paths.append(contentsOf: element.children.loopMarkerPaths(prefix: prefix + [index]))
            default: break
            }
        }
        return paths
    }
}
