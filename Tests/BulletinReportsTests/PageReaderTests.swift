import Foundation
import Testing

@testable import BulletinReports

@Suite("Reading pages")
struct PageReaderTests {
    static func facts(_ html: String, url: String = "https://inkwell.example/pricing/") -> PageFacts {
        PageReader.facts(html: Array(html.utf8), url: URL(string: url))
    }

    @Test("a well-formed page gives its title, description, headings, features, prices and links")
    func wellFormed() {
        let page = Self.facts(
            """
            <!doctype html><html><head><title>Inkwell &amp; Co — Pricing</title>
            <meta name="description" content="  Notes that
              sync everywhere. "><style>h1 { color: red }</style><script>var price = "$1000";</script></head>
            <body><nav><ul><li>Home page link</li><li>About us here</li></ul></nav>
            <h1>Simple pricing</h1><h2>Team</h2><p>Only $9.99 a month, or €99 a year.</p>
            <ul><li>End-to-end encryption</li><li>Offline mode on every device</li><li>x</li></ul>
            <a href="/features#sync">Features</a> <a href="https://bear.example/">Bear</a>
            <a href="mailto:hi@inkwell.example">Mail</a> <a href="/features">Again</a>
            <footer><ul><li>Terms of service</li></ul></footer></body></html>
            """)
        #expect(page.title == "Inkwell & Co — Pricing")
        #expect(page.description == "Notes that sync everywhere.")
        #expect(page.headings == ["Simple pricing", "Team"])
        #expect(page.features == ["End-to-end encryption", "Offline mode on every device"])
        #expect(page.prices.map(\.amount) == [9.99, 99])
        #expect(page.prices.map(\.currency) == ["USD", "EUR"])
        #expect(page.links == ["https://inkwell.example/features", "https://bear.example/"])
        // Scripts, styles and the head are not visible text; the body's words are.
        #expect(!page.prices.contains { $0.amount == 1000 })
        #expect(page.textLength > 100 && page.textLength < 300)
    }

    @Test("broken markup survives: unquoted attributes, unclosed and stray tags")
    func malformed() {
        let page = Self.facts(
            """
            <html><head><title>Broken</title><meta name=description content=Unquoted>
            <body><h1>One<h2>Two</h2><a href=/plans class=big>Plans</a>
            <ul><li>Unlimited notes<li>Shared notebooks</ul><p>Price: 12,50 € </b></i> per seat
            <div><h3>Deep <b>bold</h3>
            """)
        #expect(page.title == "Broken")
        #expect(page.description == "Unquoted")
        #expect(page.links == ["https://inkwell.example/plans"])
        #expect(page.features == ["Unlimited notes", "Shared notebooks"])
        #expect(page.prices == [Price(amount: 12.5, currency: "EUR", text: "12,50 €")])
        #expect(page.headings.contains("Two") && page.headings.contains("Deep bold"))
    }

    @Test("a page declaring another charset is decoded; a base element resolves links")
    func charsetAndBase() {
        let latin1: [UInt8] =
            Array(#"<html><head><meta charset="iso-8859-1"><base href="https://cdn.example/app/"></head><body><h1>Caf"#.utf8)
            + [0xE9] + Array(#" cr&egrave;me</h1><a href="menu">Menu</a><p>&pound;5 each</p></body></html>"#.utf8)
        let page = PageReader.facts(html: latin1, url: URL(string: "https://cafe.example/"))
        #expect(page.headings == ["Café crème"])
        #expect(page.links == ["https://cdn.example/app/menu"])
        #expect(page.prices.first?.currency == "GBP" && page.prices.first?.amount == 5)
    }

    @Test("prices in several notations, and numbers that are not prices")
    func prices() {
        let found = PriceReader.prices(in: "From $1,299.00 or US$ 40, EUR 7.5, 1.234,56 € and 3 CHF; ¥500. Call 555-1234, 40% off, v2.5")
        #expect(found.map(\.amount) == [1299, 40, 7.5, 1234.56, 3, 500])
        #expect(found.map(\.currency) == ["USD", "USD", "EUR", "EUR", "CHF", "JPY"])
        #expect(PriceReader.prices(in: "2024 was a good year with 12 releases").isEmpty)
    }

    @Test("empty, binary or enormous input gives facts, not a crash")
    func hostileInput() {
        #expect(PageReader.facts(html: [], url: nil) == PageFacts())
        let binary = PageReader.facts(html: (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) }, url: nil)
        #expect(binary.headings.isEmpty)
        let nested = String(repeating: "<div>", count: 20_000) + "<h1>Deep</h1>" + String(repeating: "</div>", count: 20_000)
        _ = Self.facts(nested)
        let many =
            "<ul>" + String(repeating: "<li>A feature that repeats</li><li>Another one here</li>", count: 5000)
            + (0..<1000).map { "<li>Feature number \($0)</li>" }.joined() + "</ul>"
        #expect(Self.facts(many).features.count == PageReader.limits.features)
    }
}
