import Foundation

/// The document outline (bookmarks): each heading under the nearest heading of a lower level.
enum PDFOutline {
    private final class Node {
        let entry: PDFOutlineEntry?
        var children: [Node] = []
        var reference: PDFReference?

        init(_ entry: PDFOutlineEntry?) { self.entry = entry }

        var count: Int { children.reduce(children.count) { $0 + $1.count } }
    }

    /// Writes the outline's objects and returns its root, or `nil` when there are no headings.
    static func write(_ entries: [PDFOutlineEntry], pages: [PDFReference], into file: inout PDFFile) -> PDFReference? {
        guard !entries.isEmpty else { return nil }
        let root = Node(nil)
        var stack: [Node] = [root]
        for entry in entries {
            while stack.count > 1, let last = stack.last?.entry, last.level >= entry.level { stack.removeLast() }
            let node = Node(entry)
            stack[stack.count - 1].children.append(node)
            stack.append(node)
        }
        reserve(root, in: &file)
        fill(root, parent: nil, pages: pages, into: &file)
        return root.reference
    }

    private static func reserve(_ node: Node, in file: inout PDFFile) {
        node.reference = file.reserve()
        for child in node.children { reserve(child, in: &file) }
    }

    private static func fill(_ node: Node, parent: Node?, pages: [PDFReference], into file: inout PDFFile) {
        var dictionary = "<< "
        if let entry = node.entry, let parent {
            dictionary += "/Title \(PDFString.text(entry.title)) /Parent \(parent.reference!) "
            dictionary += "/Dest [\(pages[entry.page]) /XYZ 0 \(PDFNumber(entry.y)) null] "
            let siblings = parent.children
            let index = siblings.firstIndex { $0 === node }!
            if index > 0 { dictionary += "/Prev \(siblings[index - 1].reference!) " }
            if index + 1 < siblings.count { dictionary += "/Next \(siblings[index + 1].reference!) " }
        } else {
            dictionary += "/Type /Outlines "
        }
        if let first = node.children.first, let last = node.children.last {
            dictionary += "/First \(first.reference!) /Last \(last.reference!) /Count \(node.count) "
        }
        file.set(node.reference!, dictionary + ">>")
        for child in node.children { fill(child, parent: node, pages: pages, into: &file) }
    }
}
