import Foundation
import Testing

@testable import BulletinDocuments

/// Link targets: only http, https and mailto, percent-encoded where URLs may not hold a
/// character, and escaped the way `\href` reads them.
@Suite("LaTeX links")
struct LaTeXURLTests {
    static let cases: [(url: String, latex: String?)] = [
        ("https://example.com/a?x=1&y=2#frag_u~v", "https://example.com/a?x=1\\&y=2\\#frag\\_u\\~v"),
        ("HTTP://EXAMPLE.COM/", "HTTP://EXAMPLE.COM/"),
        ("mailto:research@example.com", "mailto:research@example.com"),
        ("  https://example.com  ", "https://example.com"),
        ("https://x.org/a b", "https://x.org/a%20b"),
        ("https://x.org/100%_done", "https://x.org/100\\%25\\_done"),
        ("https://x.org/%41%2f", "https://x.org/\\%41\\%2f"),
        ("https://x.org/\\input{a}^^5c", "https://x.org/%5Cinput%7Ba%7D%5E%5E5c"),
        ("https://x.org/\"<|>`", "https://x.org/%22%3C%7C%3E%60"),
        ("https://x.org/ü", "https://x.org/%C3%BC"),
        ("https://x.org/$('!*+,;=@)[]", "https://x.org/$('!*+,;=@)[]"),
        ("javascript:alert(1)", nil),
        ("file:///etc/passwd", nil),
        ("ftp://example.com", nil),
        ("example.com", nil),
        ("https://", nil),
    ]

    @Test("allowed schemes and escaping", arguments: cases)
    func target(_ url: String, _ latex: String?) {
        #expect(LaTeXURL.latex(for: url) == latex)
    }

    @Test("a link with another scheme is written as its text only")
    func disallowedLinkIsText() {
        let document = Document(
            cover: Cover(title: "T", subject: "S", date: .init(timeIntervalSince1970: 0), workspace: "W"),
            blocks: [.paragraph([.link(text: "click", url: "javascript:alert(1)")])]
        )
        let tex = LaTeXRenderer.render(document).tex
        #expect(tex.contains("click"))
        #expect(!tex.contains("javascript"))
    }
}
