import Foundation

/// The variants of a flag or a strategy, ready to choose from.
///
/// As in Unleash: an override naming the context wins; otherwise the stickiness value is
/// hashed (seeded differently from rollouts) to a position in the variants' total weight, and
/// the variant whose cumulative weight first reaches it is chosen.
struct CompiledVariants: Sendable {
    private let variants: [FlagVariant]
    private let totalWeight: Int
    private let group: Bucket.Group
    private let stickiness: Bucket.Stickiness

    /// - Parameters:
    ///   - groupID: The hash's group: the flag's name, or a strategy's `groupId`.
    ///   - stickiness: The field hashed; `nil` or empty means `default`.
    init(_ variants: [FlagVariant], groupID: String, stickiness: String?) {
        self.variants = variants
        totalWeight = variants.reduce(0) { $0 + max(0, $1.weight) }
        group = Bucket.Group(groupID)
        self.stickiness = Bucket.Stickiness(stickiness)
    }

    /// The chosen variant, or `nil` when the weights leave nothing to choose.
    func select(for context: FlagContext) -> FlagVariant? {
        guard totalWeight > 0 else { return nil }
        if let overridden = variants.first(where: { variant in
            (variant.overrides ?? []).contains { override in
                context.value(of: override.contextName).map(override.values.contains) ?? false
            }
        }) {
            return overridden
        }
        let position = group.variantPosition(of: stickiness.variantValue(in: context), total: totalWeight)
        var cumulative = 0
        for variant in variants where variant.weight > 0 {
            cumulative += variant.weight
            if cumulative >= position { return variant }
        }
        return nil
    }
}
