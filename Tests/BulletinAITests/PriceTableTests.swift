import Testing

@testable import BulletinAI

/// Prices, keys that never show whole, and which providers take part.
@Suite("Prices and provider settings")
struct PriceTableTests {
    @Test("a model's price: its own, its dated version's base, or the dearest known; costs in whole micro-dollars, rounded up")
    func prices() {
        let table = PriceTable()
        #expect(table.price(of: "gpt-4o-mini") == ModelPrice(inputPerMillion: 0.15, outputPerMillion: 0.60))
        #expect(table.price(of: "gpt-4o-mini-2024-07-18") == table.price(of: "gpt-4o-mini"))
        #expect(table.price(of: "gpt-4o-2024-08-06") == table.price(of: "gpt-4o"))
        #expect(table.price(of: "someone-elses-model") == ModelPrice(inputPerMillion: 3, outputPerMillion: 15))
        #expect(table.price(of: "gpt-4o-mini").microdollars(for: TokenUsage(input: 1000, output: 100)) == 210)
        #expect(ModelPrice(inputPerMillion: 0.1, outputPerMillion: 0).microdollars(for: TokenUsage(input: 3, output: 0)) == 1)
    }

    @Test("--ai-prices reads model=input/output pairs and refuses anything else")
    func parsing() {
        #expect(
            PriceTable.parse("gpt-x=1/2, local = 0/0") == [
                "gpt-x": ModelPrice(inputPerMillion: 1, outputPerMillion: 2), "local": ModelPrice(inputPerMillion: 0, outputPerMillion: 0),
            ])
        for wrong in ["", "gpt-x", "gpt-x=1", "gpt-x=1/2/3", "=1/2", "gpt-x=-1/2", "gpt-x=a/b", "gpt-x=nan/1"] {
            #expect(PriceTable.parse(wrong) == nil, "\(wrong)")
        }
    }

    @Test("a key shows as its last four characters, however it is printed; only providers with a key take part, in order")
    func keysAndOrder() {
        let key = ProviderKey("sk-secret-value-7Qz9")
        #expect("\(key)" == "…7Qz9" && String(reflecting: key) == "…7Qz9" && key.masked == "…7Qz9")
        var settings = LanguageModelSettings()
        #expect(!settings.isConfigured && settings.models().isEmpty)
        settings[.gemini].apiKey = ProviderKey("g-key-1234")
        settings[.openAI].apiKey = key
        settings.order = [.gemini, .anthropic, .openAI]
        #expect(settings.usable.map(\.kind) == [.gemini, .openAI])
        #expect(settings.models().map(\.provider) == [.gemini, .openAI])
        #expect(!"\(settings)".contains("secret-value"))
    }
}
