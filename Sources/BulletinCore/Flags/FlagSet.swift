import Foundation

/// What a flag gives a context: whether it is on, and which variant.
public struct FlagResult: Sendable, Hashable, Codable {
    /// The variant's name; `disabled` when the flag is off or has no variant for the context.
    public var variant: String
    /// Whether a variant was chosen.
    public var variantEnabled: Bool
    public var payload: VariantPayload?
    /// Whether the flag itself is on for the context.
    public var enabled: Bool

    /// The result of a flag that is on without a variant, or off.
    public static func noVariant(enabled: Bool) -> FlagResult {
        FlagResult(variant: "disabled", variantEnabled: false, payload: nil, enabled: enabled)
    }
}

/// A set of flags compiled for evaluation: Unleash's client semantics, in process, without
/// touching the database.
///
/// Build one from a ``FlagCollection`` whenever the flags change and share it: it is
/// immutable, and evaluation only reads it.
public struct FlagSet: Sendable {
    /// A class, so that looking a flag up retains one reference instead of copying every
    /// string and array of its definition.
    private final class CompiledFlag: Sendable {
        let definition: FlagDefinition
        let enabled: Bool
        let dependencies: [FlagDependency]
        let strategies: [CompiledStrategy]
        let variants: CompiledVariants?

        init(_ definition: FlagDefinition, segments: [Int: FlagSegment]) {
            self.definition = definition
            enabled = definition.enabled
            dependencies = definition.dependencies ?? []
            strategies = definition.strategies.map { CompiledStrategy($0, flagName: definition.name, segments: segments) }
            let variants = definition.variants ?? []
            self.variants =
                variants.isEmpty ? nil : CompiledVariants(variants, groupID: definition.name, stickiness: variants[0].stickiness)
        }
    }

    private let flags: [String: CompiledFlag]

    /// The flags' names, sorted.
    public let names: [String]

    /// Compiles the collection's flags against its segments.
    public init(_ collection: FlagCollection) {
        let segments = Dictionary((collection.segments ?? []).map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        var flags: [String: CompiledFlag] = [:]
        for definition in collection.features {
            flags[definition.name] = CompiledFlag(definition, segments: segments)
        }
        self.flags = flags
        names = flags.keys.sorted()
    }

    /// An empty set: every flag is off.
    public init() {
        flags = [:]
        names = []
    }

    /// Whether the flag exists in this set.
    public func contains(_ name: String) -> Bool { flags[name] != nil }

    /// Whether the flag is on for the context; an unknown flag is off.
    public func isEnabled(_ name: String, context: FlagContext, now: Date = Date()) -> Bool {
        guard let flag = flags[name] else { return false }
        return outcome(flag, context: context, now: now).enabled
    }

    /// Whether the flag is on for the context, and its variant.
    public func evaluate(_ name: String, context: FlagContext, now: Date = Date()) -> FlagResult {
        guard let flag = flags[name] else { return .noVariant(enabled: false) }
        let outcome = outcome(flag, context: context, now: now)
        guard outcome.enabled else { return .noVariant(enabled: false) }
        let variant = outcome.strategy?.variants?.select(for: context) ?? flag.variants?.select(for: context)
        guard let variant else { return .noVariant(enabled: true) }
        return FlagResult(variant: variant.name, variantEnabled: true, payload: variant.payload, enabled: true)
    }

    /// Whether the flag is on, and the strategy that turned it on (if one did).
    private func outcome(_ flag: CompiledFlag, context: FlagContext, now: Date) -> (enabled: Bool, strategy: CompiledStrategy?) {
        guard flag.enabled, flag.dependencies.isEmpty || parentsSatisfied(flag, context: context, now: now) else {
            return (false, nil)
        }
        if flag.strategies.isEmpty { return (true, nil) }
        for strategy in flag.strategies where strategy.matches(context, now: now) {
            return (true, strategy)
        }
        return (false, nil)
    }

    /// Every parent exists, has no parents of its own, and is on (or off, when the child
    /// asks for that), with one of the listed variants when the child lists some.
    private func parentsSatisfied(_ flag: CompiledFlag, context: FlagContext, now: Date) -> Bool {
        flag.dependencies.allSatisfy { dependency in
            guard let parent = flags[dependency.feature], parent.dependencies.isEmpty else {
                return false
            }
            guard dependency.enabled ?? true else {
                return !outcome(parent, context: context, now: now).enabled
            }
            guard parent.enabled else { return false }
            if let variants = dependency.variants, !variants.isEmpty {
                return variants.contains(evaluate(parent.definition.name, context: context, now: now).variant)
            }
            return outcome(parent, context: context, now: now).enabled
        }
    }
}
