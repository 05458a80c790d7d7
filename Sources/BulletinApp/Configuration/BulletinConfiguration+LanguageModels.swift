import BulletinAI
import BulletinReports
import Foundation

extension BulletinConfiguration {
    /// The language-model settings: each provider's key, base URL and model (`openai-api-key`,
    /// `openai-base-url`, `openai-model`, and the same for `anthropic` and `gemini`), the order
    /// they are tried in, the budgets, the prices, how many sections are written at once and
    /// how long answers are reused.
    /// With any key set, new reports are written by the models, the offline writer last.
    static let languageModelSettings: [ConfigurationSetting] =
        ProviderKind.allCases.flatMap(providerSettings) + [
            ConfigurationSetting(
                flag: "secrets-key-file",
                summary:
                    "File of the AES-256 keys that seal secrets kept in the database, such as workspaces' provider keys; share it across nodes.",
                defaultDescription: "secrets.key in the data folder, created on first start"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                guard !value.isEmpty else { throw .init(reason: "expected a file path") }
                configuration.secretsKeyFile = value
            },
            ConfigurationSetting(
                flag: "ai-providers", summary: "The order report writers try the providers in (those with a key take part).",
                defaultDescription: "openai,anthropic,gemini"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                let kinds = value.split(separator: ",").map { ProviderKind(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
                guard !kinds.isEmpty, kinds.allSatisfy({ $0 != nil }), Set(kinds).count == kinds.count else {
                    throw .init(reason: "expected providers from openai, anthropic and gemini, separated by commas, each once")
                }
                configuration.languageModels.order = kinds.compactMap { $0 }
            },
            ConfigurationSetting(
                flag: "ai-monthly-budget",
                summary: "US dollars each workspace may spend on language models per calendar month (UTC); 0 writes offline.",
                defaultDescription: "20"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                configuration.writingPolicy.monthlyMicrodollars = try dollars(value)
            },
            ConfigurationSetting(
                flag: "ai-run-budget", summary: "US dollars one report run may spend on language models.", defaultDescription: "0.50"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                configuration.writingPolicy.perRunMicrodollars = try dollars(value)
            },
            ConfigurationSetting(
                flag: "ai-prices",
                summary:
                    "Prices of models, as model=input/output in dollars per million tokens, separated by commas; they add to and override the built-in table.",
                defaultDescription: "docs/ai-writer.md's table"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                guard let prices = PriceTable.parse(value) else {
                    throw .init(reason: "expected model=input/output pairs, such as gpt-4o-mini=0.15/0.60")
                }
                configuration.languageModelPrices.prices.merge(prices) { $1 }
            },
            ConfigurationSetting(
                flag: "ai-sections-concurrent", summary: "Sections of one report written by language models at once.",
                defaultDescription: "4"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                configuration.writingPolicy.concurrentSections = try integer(value, in: 1...32)
            },
            ConfigurationSetting(
                flag: "ai-cache-ttl",
                summary:
                    "Seconds an answer is reused for an identical request (same provider, model and prompt) at no cost; 0 turns the cache off.",
                defaultDescription: "86400 (24 hours)"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                configuration.writingPolicy.cacheLifetime = .seconds(try integer(value, in: 0...2_592_000))
            },
        ]

    private static func providerSettings(_ kind: ProviderKind) -> [ConfigurationSetting] {
        let name = kind.displayName
        return [
            ConfigurationSetting(
                flag: "\(kind.rawValue)-api-key", summary: "\(name) API key; the report writer uses \(name) when it is set. Never logged.",
                defaultDescription: "none"
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                guard !value.isEmpty, !value.contains(where: \.isWhitespace) else { throw .init(reason: "expected a key without spaces") }
                configuration.languageModels[kind].apiKey = ProviderKey(value)
            },
            ConfigurationSetting(
                flag: "\(kind.rawValue)-base-url", summary: "Where \(name)'s API is (a compatible gateway, or a local fake in tests).",
                defaultDescription: kind.defaultBaseURL
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                guard let url = URL(string: value), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                    throw .init(reason: "expected an http or https URL")
                }
                configuration.languageModels[kind].baseURL = value
            },
            ConfigurationSetting(
                flag: "\(kind.rawValue)-model", summary: "The \(name) model that writes reports.", defaultDescription: kind.defaultModel
            ) { configuration, value throws(ConfigurationSetting.Invalid) in
                guard !value.isEmpty, value.count <= 200, !value.contains(where: \.isWhitespace) else {
                    throw .init(reason: "expected a model name")
                }
                configuration.languageModels[kind].model = value
            },
        ]
    }

    /// A sum of US dollars (`20`, `0.50`) in micro-dollars.
    private static func dollars(_ value: String) throws(ConfigurationSetting.Invalid) -> Int {
        guard let amount = Double(value), amount.isFinite, amount >= 0, amount <= 1_000_000 else {
            throw .init(reason: "expected an amount of US dollars from 0 to 1000000, such as 20 or 0.50")
        }
        return Int((amount * 1_000_000).rounded())
    }
}
