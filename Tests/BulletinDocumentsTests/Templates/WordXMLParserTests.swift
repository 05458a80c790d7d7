import Testing

@testable import BulletinDocuments

@Suite("Templates: the WordprocessingML tokenizer")
struct WordXMLParserTests {
    func roundTrip(_ xml: String) throws -> String {
        var output = ""
        WordNode.serialize(try WordXMLParser.parse(xml), into: &output)
        return output
    }

    @Test(arguments: [
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\r\n<w:document a='1 > 0' b=\"x/>y\"><w:body/></w:document>",
        "<a><!-- <b> --><![CDATA[<c>&]]><?pi x?>t &amp; &#233;<e\n  x=\"1\"\t/></a>",
        "<a>Zoë Αθηνά Жёлтый 🎉</a>",
    ])
    func writesBackWhatItReads(_ xml: String) throws {
        #expect(try roundTrip(xml) == xml)
    }

    @Test func readsElementsAttributesAndText() throws {
        let nodes = try WordXMLParser.parse(#"<w:p w:rsidR="00A1"><w:r><w:t xml:space="preserve"> a &lt;b&gt; &#x263A; </w:t></w:r></w:p>"#)
        let paragraph = try #require(nodes.first?.element)
        #expect(paragraph.name == "w:p")
        #expect(paragraph.attributes == #" w:rsidR="00A1""#)
        #expect(paragraph.child("w:r")?.child("w:t")?.decodedText == " a <b> ☺ ")
    }

    @Test(arguments: ["<a><b></a>", "<a>", "</a>", "<a", "<a><!-- x</a>", "<!DOCTYPE a><a/>", "<>"])
    func refusesWhatIsNotWellFormed(_ xml: String) {
        #expect(throws: WordXMLParser.Failure.self) { try WordXMLParser.parse(xml) }
    }

    @Test func decodesOnlyTheReferencesXMLDefines() {
        #expect(XMLEntities.decode("&amp;&lt;&gt;&quot;&apos;&#65;&#x42;") == "&<>\"'AB")
        #expect(XMLEntities.decode("&nbsp; & &#xZZ; &") == "&nbsp; & &#xZZ; &")
    }

    @Test func scansTagsAcrossText() {
        let scalars = Array("a {{b}} {{c".unicodeScalars)
        #expect(
            TagScanner.matches(in: scalars) == [
                TagScanner.Match(range: 2..<7, isTerminated: true), TagScanner.Match(range: 8..<11, isTerminated: false),
            ])
        #expect(TagScanner.pieces(of: "x{{a}}{{b}}y") == [.literal("x"), .tag("{{a}}"), .tag("{{b}}"), .literal("y")])
    }
}
