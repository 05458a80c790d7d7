/// What a report reads from a participant's web page.
public struct PageFacts: Sendable, Hashable, Codable {
    /// The `<title>`.
    public var title: String?
    /// The meta description (or its Open Graph form).
    public var description: String?
    /// The `h1`–`h3` headings, in page order.
    public var headings: [String] = []
    /// Characters of visible text (scripts, styles and the head left out; whitespace collapsed).
    public var textLength = 0
    /// Prices written on the page, in page order.
    public var prices: [Price] = []
    /// List items that read like features: short, outside navigation, headers and footers.
    public var features: [String] = []
    /// The page's http and https links, absolute, each once.
    public var links: [String] = []

    public init() {}
}

/// A price as written on a page, such as "$9.99" or "12 €".
public struct Price: Sendable, Hashable, Codable {
    public var amount: Double
    /// An ISO 4217 code: USD, EUR, GBP, JPY.
    public var currency: String
    /// The text it was read from.
    public var text: String

    public init(amount: Double, currency: String, text: String) {
        self.amount = amount
        self.currency = currency
        self.text = text
    }
}
