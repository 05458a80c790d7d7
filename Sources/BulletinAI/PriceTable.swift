import Foundation

/// What a model costs, in US dollars per million tokens — which is also micro-dollars per
/// token, the unit costs are counted in (whole numbers add up exactly).
public struct ModelPrice: Sendable, Hashable {
    public var inputPerMillion: Double
    public var outputPerMillion: Double

    public init(inputPerMillion: Double, outputPerMillion: Double) {
        self.inputPerMillion = inputPerMillion
        self.outputPerMillion = outputPerMillion
    }

    /// The cost of `usage`, in micro-dollars, rounded up.
    public func microdollars(for usage: TokenUsage) -> Int {
        Int((Double(usage.input) * inputPerMillion + Double(usage.output) * outputPerMillion).rounded(.up))
    }
}

/// The price of each model. A model the table does not know is priced as the dearest it
/// knows, so an unknown model can never slip under a budget.
public struct PriceTable: Sendable, Hashable {
    public var prices: [String: ModelPrice]

    public init(_ prices: [String: ModelPrice] = PriceTable.defaults) {
        self.prices = prices
    }

    /// The providers' published list prices for standard (not batch or cached) tokens, as of
    /// 2026-12; `--ai-prices` overrides or adds to them.
    public static let defaults: [String: ModelPrice] = [
        "gpt-4o-mini": ModelPrice(inputPerMillion: 0.15, outputPerMillion: 0.60),
        "gpt-4o": ModelPrice(inputPerMillion: 2.50, outputPerMillion: 10.00),
        "gpt-4.1-mini": ModelPrice(inputPerMillion: 0.40, outputPerMillion: 1.60),
        "gpt-4.1": ModelPrice(inputPerMillion: 2.00, outputPerMillion: 8.00),
        "claude-3-5-haiku-latest": ModelPrice(inputPerMillion: 0.80, outputPerMillion: 4.00),
        "claude-sonnet-4-0": ModelPrice(inputPerMillion: 3.00, outputPerMillion: 15.00),
        "gemini-2.0-flash": ModelPrice(inputPerMillion: 0.10, outputPerMillion: 0.40),
        "gemini-2.5-flash": ModelPrice(inputPerMillion: 0.30, outputPerMillion: 2.50),
    ]

    /// The price of `model`: its own, a dated version's base (`gpt-4o-mini-2024-07-18` is
    /// priced as `gpt-4o-mini`), or the dearest known.
    public func price(of model: String) -> ModelPrice {
        if let exact = prices[model] { return exact }
        if let base = prices.keys.filter({ model.hasPrefix($0 + "-") }).max(by: { $0.count < $1.count }) {
            return prices[base]!
        }
        return prices.values.max { $0.outputPerMillion < $1.outputPerMillion }
            ?? ModelPrice(inputPerMillion: 15, outputPerMillion: 75)
    }

    /// Reads `model=input/output` pairs separated by commas (dollars per million tokens), such
    /// as `gpt-4o-mini=0.15/0.60`; `nil` when a pair is not of that shape.
    public static func parse(_ text: String) -> [String: ModelPrice]? {
        var prices: [String: ModelPrice] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else { return nil }
            let amounts = parts[1].split(separator: "/").compactMap { Double($0) }
            guard amounts.count == 2, amounts.allSatisfy({ $0 >= 0 && $0.isFinite }) else { return nil }
            prices[parts[0]] = ModelPrice(inputPerMillion: amounts[0], outputPerMillion: amounts[1])
        }
        return prices.isEmpty ? nil : prices
    }
}
