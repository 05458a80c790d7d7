import Testing

@testable import BulletinDocuments

@Suite("XMLText")
struct XMLTextTests {
    @Test("escapes the five predefined entities")
    func escapesEntities() {
        #expect(XMLText.escaped(#"a & b < c > d "e" 'f'"#) == "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;")
    }

    @Test("keeps tab, line feed and every printable character; writes a carriage return as a reference")
    func keepsAllowedCharacters() {
        #expect(XMLText.escaped("tab\there\nZoë Αθηνά Жёлтый 😀") == "tab\there\nZoë Αθηνά Жёлтый 😀")
        #expect(XMLText.escaped("a\r\nb") == "a&#13;\nb")
    }

    @Test("drops the characters XML 1.0 cannot carry")
    func dropsInvalidCharacters() {
        #expect(XMLText.escaped("a\u{0}b\u{1}c\u{8}d\u{B}e\u{C}f\u{1F}g\u{FFFE}h\u{FFFF}i") == "abcdefghi")
        // U+FFFD and U+EFBF look alike in UTF-8 but are allowed.
        #expect(XMLText.escaped("\u{FFFD}\u{EFBF}") == "\u{FFFD}\u{EFBF}")
    }

    @Test("appends to a buffer without touching what is there")
    func appends() {
        var buffer = "<t>"
        XMLText.append("x<y", to: &buffer)
        #expect(buffer == "<t>x&lt;y")
    }
}
