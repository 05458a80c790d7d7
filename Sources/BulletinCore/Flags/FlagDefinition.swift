import Foundation

/// A feature flag as Unleash's client API describes it (`/api/client/features`), so flags
/// move between Bulletin and Unleash unchanged.
///
/// A flag is on for a context when it is enabled, its parents (``dependencies``) are
/// satisfied, and one of its strategies matches (a flag without strategies matches
/// everyone). Its variant comes from the matching strategy's variants, else from the flag's.
public struct FlagDefinition: Codable, Sendable, Hashable {
    public var name: String
    public var description: String?
    /// `release`, `experiment`, `operational`, `kill-switch` or `permission`.
    public var type: String?
    public var enabled: Bool
    public var stale: Bool?
    public var impressionData: Bool?
    public var project: String?
    public var strategies: [FlagStrategy]
    public var variants: [FlagVariant]?
    public var dependencies: [FlagDependency]?

    public init(
        name: String, description: String? = nil, type: String? = nil, enabled: Bool,
        strategies: [FlagStrategy] = [], variants: [FlagVariant]? = nil, dependencies: [FlagDependency]? = nil
    ) {
        self.name = name
        self.description = description
        self.type = type
        self.enabled = enabled
        self.strategies = strategies
        self.variants = variants
        self.dependencies = dependencies
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        enabled = try container.decode(Bool.self, forKey: .enabled)
        stale = try container.decodeIfPresent(Bool.self, forKey: .stale)
        impressionData = try container.decodeIfPresent(Bool.self, forKey: .impressionData)
        project = try container.decodeIfPresent(String.self, forKey: .project)
        strategies = try container.decodeIfPresent([FlagStrategy].self, forKey: .strategies) ?? []
        variants = try container.decodeIfPresent([FlagVariant].self, forKey: .variants)
        dependencies = try container.decodeIfPresent([FlagDependency].self, forKey: .dependencies)
    }
}

/// One way a flag can match a context: a named strategy with its parameters, narrowed by
/// constraints and segments, optionally carrying variants of its own.
public struct FlagStrategy: Codable, Sendable, Hashable {
    public var name: String
    /// Unleash sends every parameter as text; numbers and booleans are accepted and kept as text.
    public var parameters: [String: String]?
    public var constraints: [FlagConstraint]?
    /// IDs of shared ``FlagSegment``s whose constraints also apply.
    public var segments: [Int]?
    public var variants: [FlagVariant]?

    public init(
        name: String, parameters: [String: String]? = nil, constraints: [FlagConstraint]? = nil,
        segments: [Int]? = nil, variants: [FlagVariant]? = nil
    ) {
        self.name = name
        self.parameters = parameters
        self.constraints = constraints
        self.segments = segments
        self.variants = variants
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        parameters = try container.decodeIfPresent([String: ParameterText].self, forKey: .parameters)?
            .mapValues(\.text)
        constraints = try container.decodeIfPresent([FlagConstraint].self, forKey: .constraints)
        segments = try container.decodeIfPresent([Int].self, forKey: .segments)
        variants = try container.decodeIfPresent([FlagVariant].self, forKey: .variants)
    }
}

/// A parameter value read from text, a number or a boolean.
private struct ParameterText: Decodable {
    let text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self.text = text
        } else if let integer = try? container.decode(Int.self) {
            text = String(integer)
        } else if let number = try? container.decode(Double.self) {
            text = String(number)
        } else {
            text = String(try container.decode(Bool.self))
        }
    }
}

/// A condition on one field of the context, such as `region IN [eu, uk]`.
public struct FlagConstraint: Codable, Sendable, Hashable {
    public var contextName: String
    /// `IN`, `NOT_IN`, `STR_*`, `NUM_*`, `DATE_*`, `SEMVER_*`, `REGEX` or `IN_CIDR`.
    public var `operator`: String
    /// The values of list operators (`IN`, `NOT_IN`, `STR_*`, `IN_CIDR`).
    public var values: [String]?
    /// The value of single-value operators (`NUM_*`, `DATE_*`, `SEMVER_*`, `REGEX`).
    public var value: String?
    public var inverted: Bool?
    public var caseInsensitive: Bool?

    public init(
        contextName: String, operator: String, values: [String]? = nil, value: String? = nil,
        inverted: Bool? = nil, caseInsensitive: Bool? = nil
    ) {
        self.contextName = contextName
        self.operator = `operator`
        self.values = values
        self.value = value
        self.inverted = inverted
        self.caseInsensitive = caseInsensitive
    }
}

/// One variant of a flag: its share of the traffic (``weight``), an optional payload, and
/// overrides that pin contexts to it.
public struct FlagVariant: Codable, Sendable, Hashable {
    public var name: String
    /// The variant's share; shares are relative to the variants' total (1000 in Unleash).
    public var weight: Int
    /// `variable` (shares what fixed variants leave) or `fix`; `nil` in client-format data.
    public var weightType: String?
    /// The context field hashed to pick a variant; `default` tries user, session, address.
    public var stickiness: String?
    public var payload: VariantPayload?
    public var overrides: [VariantOverride]?

    public init(
        name: String, weight: Int, weightType: String? = nil, stickiness: String? = nil,
        payload: VariantPayload? = nil, overrides: [VariantOverride]? = nil
    ) {
        self.name = name
        self.weight = weight
        self.weightType = weightType
        self.stickiness = stickiness
        self.payload = payload
        self.overrides = overrides
    }
}

/// A variant's payload: a type (`string`, `json`, `csv`, `number`) and its value as text.
public struct VariantPayload: Codable, Sendable, Hashable {
    public var type: String
    public var value: String

    public init(type: String, value: String) {
        self.type = type
        self.value = value
    }
}

/// Contexts whose field has one of the values always get the variant.
public struct VariantOverride: Codable, Sendable, Hashable {
    public var contextName: String
    public var values: [String]

    public init(contextName: String, values: [String]) {
        self.contextName = contextName
        self.values = values
    }
}

/// A parent flag that must be on (or, with `enabled: false`, off) for its child to be on,
/// optionally with one of the listed variants.
public struct FlagDependency: Codable, Sendable, Hashable {
    public var feature: String
    public var enabled: Bool?
    public var variants: [String]?

    public init(feature: String, enabled: Bool? = nil, variants: [String]? = nil) {
        self.feature = feature
        self.enabled = enabled
        self.variants = variants
    }
}

/// A named set of constraints that strategies share by ID (Unleash's segments).
public struct FlagSegment: Codable, Sendable, Hashable {
    public var id: Int
    public var name: String?
    public var constraints: [FlagConstraint]

    public init(id: Int, name: String? = nil, constraints: [FlagConstraint]) {
        self.id = id
        self.name = name
        self.constraints = constraints
    }
}

/// A set of flags and the segments they use: the body of Unleash's
/// `/api/client/features`, and Bulletin's import and export format.
public struct FlagCollection: Codable, Sendable, Hashable {
    public var version: Int
    public var features: [FlagDefinition]
    public var segments: [FlagSegment]?

    public init(version: Int = 1, features: [FlagDefinition], segments: [FlagSegment]? = nil) {
        self.version = version
        self.features = features
        self.segments = segments
    }

    /// Reads a collection; without a `version` (which Unleash's clients ignore) it is 1.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decodeIfPresent(Int.self, forKey: .version) ?? 1
        features = try container.decode([FlagDefinition].self, forKey: .features)
        segments = try container.decodeIfPresent([FlagSegment].self, forKey: .segments)
    }
}
