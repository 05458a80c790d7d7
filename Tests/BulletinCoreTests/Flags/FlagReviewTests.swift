import BulletinCore
import Foundation
import Testing

@Suite("Feature flags: what an import keeps")
struct FlagReviewTests {
    /// One flag whose only strategy carries `constraint`, inverted or not.
    static func flag(_ constraint: FlagConstraint, segments: [Int]? = nil) -> FlagDefinition {
        FlagDefinition(
            name: "gated", enabled: true,
            strategies: [FlagStrategy(name: "default", constraints: [constraint], segments: segments)])
    }

    /// Constraints Unleash keeps but cannot evaluate, and the pointer of each one's problem.
    static let unevaluable: [(FlagConstraint, String)] = [
        (FlagConstraint(contextName: "plan", operator: "LIKE", values: ["pro"]), "/operator"),
        (FlagConstraint(contextName: "version", operator: "SEMVER_GT", value: "v1.2.3"), "/value"),
        (FlagConstraint(contextName: "version", operator: "SEMVER_EQ"), "/value"),
        (FlagConstraint(contextName: "userId", operator: "REGEX", value: "^(?=a)b$"), "/value"),
        (FlagConstraint(contextName: "userId", operator: "REGEX", value: "(regex"), "/value"),
        (FlagConstraint(contextName: "remoteAddress", operator: "IN_CIDR", values: ["127.invalid"]), "/values/0"),
        (FlagConstraint(contextName: "size", operator: "NUM_GT", value: "ten"), "/value"),
        (FlagConstraint(contextName: "currentTime", operator: "DATE_AFTER", value: "someday"), "/value"),
    ]

    @Test("a constraint that cannot be evaluated is a warning in an import and an error for one flag")
    func warningsAndErrors() {
        for (constraint, pointer) in Self.unevaluable {
            let review = FlagValidator.review(FlagCollection(features: [Self.flag(constraint)]))
            #expect(review.errors.isEmpty, "\(constraint)")
            #expect(review.warnings.map(\.pointer) == ["/features/0/strategies/0/constraints/0" + pointer], "\(constraint)")
            #expect(review.warnings.allSatisfy { $0.message.contains("Kept as written") })
            let strict = FlagValidator.problems(in: Self.flag(constraint), at: "/definition", segmentIDs: [])
            #expect(strict.map(\.pointer) == ["/definition/strategies/0/constraints/0" + pointer], "\(constraint)")
        }
        // A missing segment and an unknown strategy, in a segment's constraints too.
        let collection = FlagCollection(
            features: [
                Self.flag(FlagConstraint(contextName: "plan", operator: "IN", values: ["pro"]), segments: [7]),
                FlagDefinition(name: "custom", enabled: true, strategies: [FlagStrategy(name: "applicationHostname")]),
            ],
            segments: [FlagSegment(id: 1, constraints: [FlagConstraint(contextName: "x", operator: "NEAR", values: [])])])
        let review = FlagValidator.review(collection)
        #expect(review.errors.isEmpty)
        #expect(
            review.warnings.map(\.pointer) == [
                "/segments/0/constraints/0/operator", "/features/0/strategies/0/segments/0", "/features/1/strategies/0/name",
            ])
    }

    @Test("what is wrong rather than unevaluable still refuses an import")
    func stillRefused() {
        let collection = FlagCollection(
            features: [
                FlagDefinition(
                    name: "a b", enabled: true,
                    strategies: [FlagStrategy(name: "flexibleRollout", parameters: ["rollout": "130"])]),
                FlagDefinition(
                    name: "twice", enabled: true,
                    strategies: [FlagStrategy(name: "default", constraints: [FlagConstraint(contextName: "", operator: "IN")])]),
                FlagDefinition(name: "twice", enabled: true),
            ],
            segments: [FlagSegment(id: 4_000_000_000, constraints: [])])
        let review = FlagValidator.review(collection)
        #expect(review.warnings.isEmpty)
        #expect(
            Set(review.errors.map(\.pointer)) == [
                "/segments/0/id", "/features/0/name", "/features/0/strategies/0/parameters/rollout",
                "/features/1/strategies/0/constraints/0/contextName", "/features/2/name",
            ])
    }

    @Test("a constraint that cannot be evaluated is false, inverted or not, and the rest of the flag still works")
    func evaluatesToFalse() {
        let context = FlagContext(
            userId: "b", remoteAddress: "127.0.0.1", currentTime: Date(),
            properties: ["plan": "pro", "version": "1.2.4", "size": "11"])
        for (constraint, _) in Self.unevaluable {
            for inverted in [false, true] {
                var constraint = constraint
                constraint.inverted = inverted
                let flag = Self.flag(constraint)
                let set = FlagSet(
                    FlagCollection(features: [
                        flag, FlagDefinition(name: "plain", enabled: true, strategies: [FlagStrategy(name: "default")]),
                    ]))
                #expect(!set.isEnabled("gated", context: context), "\(constraint)")
                #expect(set.isEnabled("plain", context: context))
            }
        }
        // A network among entries that are not still matches, as in Unleash's specification.
        let mixed = FlagConstraint(contextName: "remoteAddress", operator: "IN_CIDR", values: ["127.invalid", "127.0.0.0/8"])
        #expect(FlagSet(FlagCollection(features: [Self.flag(mixed)])).isEnabled("gated", context: context))
        let review = FlagValidator.review(FlagCollection(features: [Self.flag(mixed)]))
        #expect(review.warnings.map(\.message).allSatisfy { $0.hasSuffix("this entry is ignored.") })
    }

    @Test("a collection without a version reads as version 1")
    func versionDefaults() throws {
        let collection = try JSONDecoder().decode(FlagCollection.self, from: Data(#"{"features": []}"#.utf8))
        #expect(collection == FlagCollection(version: 1, features: []))
    }
}
